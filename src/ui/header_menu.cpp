#include "ui/header_menu.h"

#include "model/locale/messages.h"

#include "imgui_internal.h"  // the table's context menu: which column was clicked, its popup, column state
#include "ui/anchored_popup.h"
#include "ui/widgets.h"

#include <string>

namespace roster::ui {

void replace_stock_table_menu() {
  if (ImGuiTable* table = ImGui::GetCurrentTable()) table->DisableDefaultContextMenu = true;
}

std::optional<SortChoice> header_menu(UiContext& ctx, const char* id, const ColumnSpec* columns, int count,
                                      const ColumnFit& fit, std::uint32_t& shown, const SortChoice& current,
                                      const SortHeader& header) {
  ImGuiTable* table = ImGui::GetCurrentTable();
  if (!table || !table->IsContextPopupOpen) return std::nullopt;
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  // ImGui opened the menu (a right-click on a header, or on the header row right of the last column:
  // -1); it is drawn here, under that header, or under the header row where it was clicked.
  const int clicked = table->ContextPopupColumn;
  ImVec2 a, b;
  if (!header.header_rect(clicked, a, b)) {
    const float x = ImGui::GetIO().MouseClickedPos[ImGuiMouseButton_Right].x;
    a = ImVec2(x, header.header_top());
    b = ImVec2(x, header.header_bottom());
  }
  const std::string name = std::string(id) + ".header-menu";
  std::optional<SortChoice> chosen;
  place_popup(t, ImHashStr("##ContextMenu", 0, table->ID), a, b, ImVec2(t.px(200), 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.px(16), t.px(12)));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.px(3), t.px(3)));
  if (ImGui::TableBeginContextMenuPopup(table)) {
    mark_popup(ctx, name);
    close_popup_on_escape();
    const ColumnSpec* col = clicked >= 0 && clicked < count ? &columns[clicked] : nullptr;
    if (col && *col->sort_label) {
      // The current sort has a check in the accent; the words line up whether checked or not.
      const float text_x = ImGui::CalcTextSize(icon::kCheck).x + t.px(8);
      for (bool descending : {false, true}) {
        const bool on = current.label == col->sort_label && current.descending == descending;
        const char* text = tr(descending ? Msg::sort_descending : Msg::sort_ascending);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable(descending ? "##desc" : "##asc", false, 0,
                              ImVec2(0, ImGui::GetTextLineHeight() + t.px(4))) &&
            !on)
          chosen = SortChoice{col->sort_label, descending};
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ctx.mark(name + (descending ? ".desc" : ".asc"));
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const float y = at.y + t.px(2);
        if (on) draw->AddText(ImVec2(at.x, y), p.accent, icon::kCheck);
        draw->AddText(ImVec2(at.x + text_x, y), on ? p.accent : p.text, text);
      }
      ImGui::Spacing();
      ImGui::Separator();
      ImGui::Spacing();
    }
    ImGui::TextColored(to_vec4(p.muted), "%s", tr(Msg::columns_button));
    for (int c = 0; c < count; ++c) {
      const std::uint32_t bit = 1u << c;
      ImGuiTableColumn& column = table->Columns[c];
      const bool dropped = (fit.dropped & bit) != 0;
      bool on = column.IsUserEnabled && !dropped;
      // The first column (NoHide) and the sorted one stay: hiding the sorted column would drop the sort.
      const bool fixed = c == 0 || (!current.label.empty() && current.label == columns[c].sort_label);
      ImGui::BeginDisabled(fixed);
      if (ImGui::Checkbox((std::string(tr(columns[c].title)) + "##" + columns[c].id).c_str(), &on)) {
        column.IsUserEnabledNextFrame = on;  // ImGui::TableSetColumnEnabled, for this table
        shown = on && dropped ? shown | bit : on ? shown : shown & ~bit;
      }
      ImGui::EndDisabled();
      ctx.mark(name + "." + columns[c].id);
      if (dropped) {
        ImGui::SameLine(0, t.px(8));
        ImGui::TextColored(to_vec4(p.muted), "%s", tr(Msg::columns_no_room));
      }
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar(2);
  return chosen;
}

}  // namespace roster::ui
