#include "ui/column_fit.h"

#include "model/locale/messages.h"

#include "ui/anchored_popup.h"
#include "ui/widgets.h"

#include <string>

namespace roster::ui {

namespace {

float min_width(const ColumnSpec& c) { return c.min_width > 0 ? c.min_width : c.width * 0.7f; }

}  // namespace

ColumnFit fit_columns(const ColumnSpec* columns, int count, float available_css, std::uint32_t shown,
                      const std::string& sort_label) {
  ColumnFit fit;
  for (int c = 0; c < count; ++c)
    if (!sort_label.empty() && sort_label == columns[c].sort_label) shown |= 1u << c;  // a sort stays visible
  float needed = 0;
  int last_order = 0;
  for (int c = 0; c < count; ++c) {
    needed += min_width(columns[c]);
    if (columns[c].drop_order > last_order) last_order = columns[c].drop_order;
  }
  for (int order = 1; order <= last_order && needed > available_css; ++order)
    for (int c = 0; c < count; ++c)
      if (columns[c].drop_order == order && !(shown & (1u << c))) {
        fit.dropped |= 1u << c;
        needed -= min_width(columns[c]);
      }
  // Dropping goes by order, so a narrow column may have gone for a wide one's sake: the ones that fit
  // in what is left come back, the last to go first (a phone keeps a Status beside the Name).
  for (int order = last_order; order >= 1; --order)
    for (int c = 0; c < count; ++c)
      if (columns[c].drop_order == order && (fit.dropped & (1u << c)) &&
          needed + min_width(columns[c]) <= available_css) {
        fit.dropped &= ~(1u << c);
        needed += min_width(columns[c]);
      }
  fit.scroll_x = needed > available_css;
  return fit;
}

bool columns_menu(UiContext& ctx, const char* id, const ColumnSpec* columns, int count, const ColumnFit& fit,
                  std::uint32_t& shown) {
  if (!fit.dropped && !shown) return false;
  const Theme& t = ctx.theme;
  std::string popup = std::string("columns-") + id;
  bool open = secondary_button(t, (std::string(tr(Msg::columns_button)) + "  " + icon::kCaretDown + "##" + id).c_str());
  ctx.mark(std::string(id) + ".columns");
  ctx.stop(std::string(id) + ".columns");
  if (open) ImGui::OpenPopup(popup.c_str());
  place_popup_at_last_item(t, popup.c_str());
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.px(16), t.px(12)));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.px(3), t.px(3)));  // checkboxes as in the filters
  if (ImGui::BeginPopup(popup.c_str())) {
    mark_popup(ctx, std::string(id) + ".columns.popup");
    close_popup_on_escape();
    ImGui::TextColored(to_vec4(t.colors.muted), "%s", tr(Msg::columns_not_enough_room));
    for (int c = 0; c < count; ++c) {
      if (!((fit.dropped | shown) & (1u << c))) continue;
      bool on = (shown & (1u << c)) != 0;
      if (ImGui::Checkbox((std::string(tr(columns[c].title)) + "##" + columns[c].id).c_str(), &on))
        shown = on ? shown | (1u << c) : shown & ~(1u << c);
      ctx.mark(std::string(id) + ".columns." + columns[c].id);
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar(2);
  return true;
}

}  // namespace roster::ui
