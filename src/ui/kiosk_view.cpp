#include "ui/kiosk_view.h"

#include "model/locale/messages.h"

#include "model/time_format.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cstdio>

namespace roster::ui {

namespace {

std::string clock(std::int64_t epoch_ms, int offset_minutes) {
  CivilTime c = civil_from_epoch_ms(epoch_ms, offset_minutes);
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", c.hour % 100, c.minute % 100);
  return text;
}

std::string duration(std::int64_t ms) {
  const std::int64_t s = std::max<std::int64_t>(0, ms / 1000);
  if (s < 60) return tr(Msg::kiosk_dur_seconds, {{"n", s}});
  if (s < 3600) return tr(Msg::kiosk_dur_minutes, {{"n", s / 60}});
  return tr(Msg::kiosk_dur_hours, {{"h", s / 3600}, {"m", s / 60 % 60}});
}

}  // namespace

bool kiosk_refused_screen(UiContext& ctx) {
  const store::KioskStatus* k = ctx.store.kiosk();
  if (!k || !k->refused) return false;
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(vp->Pos, ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y), p.background);
  const float width = std::min(vp->Size.x - t.px(64), t.px(760));
  const float x = vp->Pos.x + (vp->Size.x - width) * 0.5f;
  const float y = vp->Pos.y + vp->Size.y * 0.28f;
  // The icon is in the body font (the title font has no icons), centred on the title's line.
  ImGui::PushFont(t.fonts.title);
  const float title_h = ImGui::GetFontSize();
  ImGui::PopFont();
  draw->AddText(ImVec2(x, y + (title_h - ImGui::GetFontSize()) * 0.5f), p.error, icon::kWarning);
  ImGui::SetCursorScreenPos(ImVec2(x + t.px(32), y));
  ImGui::PushFont(t.fonts.title);
  ImGui::TextUnformatted(tr(Msg::kiosk_refused_title));
  ImGui::PopFont();
  ctx.mark("kiosk.refused");
  auto line = [&](float gap) { ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + gap)); };
  ImGui::PushTextWrapPos(x + width);
  line(t.px(16));
  ImGui::TextUnformatted(k->refused->c_str());  // the server's words: which token, since when
  line(t.px(24));
  ImGui::PushFont(t.fonts.body_bold);
  ImGui::TextUnformatted(tr(Msg::kiosk_refused_what));
  ImGui::PopFont();
  line(t.px(8));
  ImGui::TextUnformatted(tr(Msg::kiosk_refused_step1));
  line(t.px(4));
  ImGui::SetCursorScreenPos(ImVec2(x + t.px(28), ImGui::GetCursorScreenPos().y));
  ImGui::PushFont(t.fonts.body_bold);
  ImGui::TextUnformatted("roster-server kiosk-token --db FILE --org ID --ttl DAYS");
  ImGui::PopFont();
  line(t.px(8));
  ImGui::TextUnformatted(tr(Msg::kiosk_refused_step2));
  line(t.px(24));
  ImGui::TextColored(to_vec4(p.muted), "%s", tr(Msg::kiosk_refused_note));
  ImGui::PopTextWrapPos();
  return true;
}

void kiosk_offline_banner(UiContext& ctx) {
  const store::KioskStatus* k = ctx.store.kiosk();
  if (!k || k->offline_since < 0) return;
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  const std::string since = tr(k->not_answering ? Msg::kiosk_offline_not_answering : Msg::kiosk_offline_since,
                               {{"time", clock(k->offline_since, ctx.offset(k->offline_since))},
                                {"duration", duration(ctx.now_ms - k->offline_since)}});
  const std::string text = k->next_try_at > ctx.now_ms
                               ? tr(Msg::kiosk_offline_next_try,
                                    {{"since", since}, {"duration", duration(k->next_try_at - ctx.now_ms + 999)}})
                               : tr(Msg::kiosk_offline_retrying, {{"since", since}});
  ImVec2 pos = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x, h = t.px(44);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), p.amber_soft, t.px(8));
  ImGui::SetCursorScreenPos(ImVec2(pos.x + t.px(16), pos.y + (h - ImGui::GetFontSize()) * 0.5f));
  ImGui::TextColored(to_vec4(p.amber), "%s", icon::kWarning);
  ImGui::SameLine(0, t.px(10));
  fitted_text(t, text, w - t.px(60), p.text);
  ctx.mark("kiosk.offline");
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + t.px(12)));
}

void kiosk_rotation_indicator(UiContext& ctx, float right, float center_y) {
  const store::KioskStatus* k = ctx.store.kiosk();
  if (!k || k->route_count < 2) return;
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float r = t.px(4), gap = t.px(14);
  float x = right - r;
  for (std::size_t i = k->route_count; i-- > 0;) {
    const bool current = i == k->route_index;
    const ImU32 quiet = (p.muted & 0x00FFFFFFu) | (0x70u << IM_COL32_A_SHIFT);
    draw->AddCircleFilled(ImVec2(x, center_y), current ? r : r * 0.75f, current ? p.accent : quiet, 16);
    x -= gap;
  }
  std::string label = k->paused ? std::string(tr(Msg::kiosk_paused))
                                : tr(Msg::kiosk_position, {{"index", static_cast<std::int64_t>(k->route_index + 1)},
                                                           {"count", static_cast<std::int64_t>(k->route_count)}});
  ImVec2 size = ImGui::CalcTextSize(label.c_str());
  draw->AddText(ImVec2(x - size.x + gap - t.px(12), center_y - size.y * 0.5f), p.muted, label.c_str());
  ImGui::SetCursorScreenPos(ImVec2(x - size.x + gap - t.px(12), center_y - size.y * 0.5f));
  ImGui::Dummy(ImVec2(right - (x - size.x + gap - t.px(12)), size.y));
  ctx.mark("kiosk.rotation");
}

void kiosk_notice_touch(UiContext& ctx) {
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) || io.MouseWheel != 0.0f || io.MouseWheelH != 0.0f)
    ctx.emit(store::intent::KioskTouch{});
}

}  // namespace roster::ui
