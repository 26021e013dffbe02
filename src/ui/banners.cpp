#include "ui/banners.h"

#include "model/locale/messages.h"

#include "ui/widgets.h"

namespace roster::ui {

namespace {

// A full-width band with an icon at its left; the cursor is left where its text begins.
struct BannerBox {
  ImVec2 pos;
  float width, height;
};

BannerBox begin_banner(const Theme& t, float height, ImU32 fill, ImU32 outline, const char* glyph, ImU32 glyph_color) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float w = ImGui::GetContentRegionAvail().x;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + height), fill, t.px(8));
  if (outline) draw->AddRect(pos, ImVec2(pos.x + w, pos.y + height), outline, t.px(8));
  ImGui::SetCursorScreenPos(ImVec2(pos.x + t.px(16), pos.y + (height - ImGui::GetFontSize()) * 0.5f));
  ImGui::TextColored(to_vec4(glyph_color), "%s", glyph);
  ImGui::SameLine(0, t.px(10));
  return {pos, w, height};
}

}  // namespace

void error_banner(UiContext& ctx, const char* what, const std::string& said) {
  const std::string message = tr(Msg::banner_error, {{"what", what}, {"message", said}});
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  if (ctx.kiosk) {
    // A kiosk retries on its own: an outage is its offline banner's to tell; anything else is said
    // without a Retry nobody is there to press.
    const store::KioskStatus* k = ctx.store.kiosk();
    if (k && k->offline_since >= 0) return;
    BannerBox box = begin_banner(t, t.px(48), p.error_soft, p.error, icon::kWarning, p.error);
    fitted_text(t, message, box.width - t.px(60), p.error);
    ImGui::SetCursorScreenPos(ImVec2(box.pos.x, box.pos.y + box.height + t.px(16)));
    return;
  }
  BannerBox box = begin_banner(t, t.px(48), p.error_soft, p.error, icon::kWarning, p.error);
  const ImVec2 pos = box.pos;
  const float w = box.width, h = box.height;
  fitted_text(t, message, w - t.px(160), p.error);
  ImGui::SetCursorScreenPos(ImVec2(pos.x + w - t.px(100), pos.y + (h - ImGui::GetFrameHeight()) * 0.5f));
  bool retry = secondary_button(t, tr(Msg::banner_retry));
  ctx.mark("retry");
  if (retry) ctx.emit(store::intent::Retry{});
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + t.px(16)));
}

// Against the public Platform API, what is missing is said once, above the table.
void info_banner(UiContext& ctx, const std::string& text, const char* layout_name) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  BannerBox box = begin_banner(t, t.px(40), p.accent_soft, 0, icon::kInfo, p.accent);
  fitted_text(t, text, box.width - t.px(60), p.text);
  ctx.mark(layout_name);
  ImGui::SetCursorScreenPos(ImVec2(box.pos.x, box.pos.y + box.height + t.px(12)));
}

void public_api_notice(UiContext& ctx) { info_banner(ctx, tr(Msg::banner_public_api), "notice.publicApi"); }

}  // namespace roster::ui
