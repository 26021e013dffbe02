#include "ui/device_cells.h"

#include "model/locale/messages.h"

#include "model/time_format.h"
#include "ui/data_table.h"
#include "ui/widgets.h"

namespace roster::ui {

namespace {
constexpr const char* kDash = "\xE2\x80\x94";
}

void device_name_cell(UiContext& ctx, const Device& d, float row_h) {
  center_in_row(row_h, ImGui::GetFontSize());
  if (fitted_text(ctx.theme, d.name, ImGui::GetContentRegionAvail().x) && ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", d.name.c_str());
}

void device_status_cell(UiContext& ctx, const Device& d, float row_h) {
  const Theme& t = ctx.theme;
  center_in_row(row_h, ImGui::GetFontSize());
  if (!d.connected) {
    ImGui::TextColored(to_vec4(t.colors.muted), "%s", kDash);
    return;
  }
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float r = t.px(4);
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(pos.x + r, pos.y + ImGui::GetFontSize() * 0.5f + t.px(1)), r,
                                              *d.connected ? t.colors.green : t.colors.grey);
  ImGui::SetCursorScreenPos(ImVec2(pos.x + r * 2 + t.px(8), pos.y));
  ImGui::TextUnformatted(tr(*d.connected ? Msg::devices_online : Msg::devices_offline));
}

void device_text_cell(UiContext& ctx, const std::optional<std::string>& text, float row_h) {
  center_in_row(row_h, ImGui::GetFontSize());
  if (!text || text->empty()) {
    ImGui::TextColored(to_vec4(ctx.theme.colors.muted), "%s", kDash);
    return;
  }
  if (fitted_text(ctx.theme, *text, ImGui::GetContentRegionAvail().x) && ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", text->c_str());
}

void device_updated_cell(UiContext& ctx, const Device& d, float row_h) {
  center_in_row(row_h, ImGui::GetFontSize());
  if (!d.lastReceivedEventAt || *d.lastReceivedEventAt <= 0) {
    ImGui::TextColored(to_vec4(ctx.theme.colors.muted), "%s", kDash);
    return;
  }
  const std::string shown = format_console_time(*d.lastReceivedEventAt, ctx.now_ms, ctx.offset(*d.lastReceivedEventAt));
  const bool cut = fitted_text(ctx.theme, shown, ImGui::GetContentRegionAvail().x);
  if (ImGui::IsItemHovered())  // the whole time too, when it was cut
    ImGui::SetTooltip("%s%s%s", cut ? shown.c_str() : "", cut ? "\n" : "",
                      format_relative_time(*d.lastReceivedEventAt, ctx.now_ms).c_str());
}

std::string device_status_text(const Device& d) {
  return d.connected ? tr(*d.connected ? Msg::devices_online : Msg::devices_offline) : "";
}

std::string device_updated_text(const UiContext& ctx, const Device& d) {
  return d.lastReceivedEventAt
             ? format_console_time(*d.lastReceivedEventAt, ctx.now_ms, ctx.offset(*d.lastReceivedEventAt))
             : std::string();
}

}  // namespace roster::ui
