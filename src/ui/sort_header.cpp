#include "ui/sort_header.h"

#include "model/locale/messages.h"
#include "ui/widgets.h"

#include "imgui_internal.h"  // TableSetColumnSortDirection: reflect the route's sort in the headers

#include <cmath>

namespace roster::ui {

std::optional<SortChoice> SortHeader::sync(const ColumnSpec* columns, int count, const SortChoice& current) {
  // The route is the truth: on the first frame (and whenever it changes elsewhere: Back, a deep link,
  // the host page) it is pushed into the table, overriding any sort restored from saved settings.
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (!specs) return std::nullopt;
  std::string table_label = specs->SpecsCount > 0 ? columns[specs->Specs[0].ColumnUserID].sort_label : "";
  bool table_desc = specs->SpecsCount > 0 && specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
  bool user_changed = specs->SpecsDirty && shown_ && (table_label != shown_->first || table_desc != shown_->second);
  specs->SpecsDirty = false;
  if (user_changed) {
    shown_ = std::make_pair(table_label, table_desc);
    if (table_label != current.label || table_desc != current.descending) return SortChoice{table_label, table_desc};
    return std::nullopt;
  }
  if (!shown_ || shown_->first != current.label || shown_->second != current.descending ||
      table_label != current.label || table_desc != current.descending) {
    for (int c = 0; c < count; ++c)
      if (!current.label.empty() && current.label == columns[c].sort_label)
        ImGui::TableSetColumnSortDirection(
            c, current.descending ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending, false);
    if (current.label.empty() && specs->SpecsCount > 0)
      ImGui::TableSetColumnSortDirection(specs->Specs[0].ColumnIndex, ImGuiSortDirection_None, false);
    shown_ = std::make_pair(current.label, current.descending);
  }
  return std::nullopt;
}

void SortHeader::draw(UiContext& ctx, const ColumnSpec* columns, int count, const SortChoice& current, float header_h,
                      const std::string& layout_prefix) {
  // ImGui's header item (hidden label) keeps clicking, resizing, reordering and the menu.
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers, header_h);
  rects_.assign(static_cast<std::size_t>(count), {ImVec2(0, 0), ImVec2(0, 0)});
  row_top_ = ImGui::GetCursorScreenPos().y;
  row_bottom_ = row_top_ + header_h;
  ImGui::PushFont(t.fonts.header);
  for (int c = 0; c < count; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    const ColumnSpec& col = columns[c];
    ImVec2 cell = ImGui::GetCursorScreenPos();
    // A narrow column's title ends in "…" (the whole title on hover, and in the mirror's column
    // header); the sort arrow keeps its room.
    const bool sorted = !current.label.empty() && current.label == col.sort_label;
    const std::string title =
        with_ellipsis(tr(col.title), ImGui::GetContentRegionAvail().x - (sorted ? t.px(16) : 0.0f));
    const bool title_cut = title != tr(col.title);
    ImGui::PushID(c);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0, 0, 0, 0));  // ImGui's own arrow: ours is drawn below
    ImGui::TableHeader("##header");
    ImGui::PopStyleColor();
    ImGui::PopID();
    ctx.mark(layout_prefix + col.id);
    // A sortable header is a Tab stop, as a DOM table's header button is: Enter or Space sorts by it
    // (ImGui's own activation of the header: the same toggle as a click).
    if (*col.sort_label) ctx.stop(layout_prefix + col.id);
    rects_[static_cast<std::size_t>(c)] = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
    if (ImGui::IsItemHovered() && *col.sort_label) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    // At once, as the cells' tooltips: the console draws no frame while the pointer rests, so a delay
    // would wait for the pointer's next move.
    if ((col.header_tip || title_cut) && ImGui::IsItemHovered()) {
      ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.px(10), t.px(6)));
      if (ImGui::BeginTooltip()) {
        ImGui::PushFont(t.fonts.body);
        if (title_cut) ImGui::TextUnformatted(tr(col.title));
        if (col.header_tip) ImGui::TextUnformatted(tr(*col.header_tip));
        ctx.mark(layout_prefix + col.id + ".tip");
        ImGui::PopFont();
        ImGui::EndTooltip();
      }
      ImGui::PopStyleVar();
    }
    float y = cell.y + std::floor((header_h - ImGui::GetFontSize()) * 0.5f);
    ImDrawList* cell_draw = ImGui::GetWindowDrawList();
    cell_draw->AddText(ImVec2(cell.x, y), p.muted, title.c_str());
    if (!sorted) continue;
    // A small solid triangle (Noto Sans has no arrow glyphs): up for ascending, down for descending.
    float x = cell.x + ImGui::CalcTextSize(title.c_str()).x + t.px(7);
    float mid = y + ImGui::GetFontSize() * 0.5f, w = t.px(4), h = t.px(4);
    if (current.descending)
      cell_draw->AddTriangleFilled(ImVec2(x, mid - h * 0.5f), ImVec2(x + 2 * w, mid - h * 0.5f),
                                   ImVec2(x + w, mid + h * 0.5f), p.text);
    else
      cell_draw->AddTriangleFilled(ImVec2(x, mid + h * 0.5f), ImVec2(x + w, mid - h * 0.5f),
                                   ImVec2(x + 2 * w, mid + h * 0.5f), p.text);
  }
  ImGui::PopFont();
}

bool SortHeader::header_rect(int c, ImVec2& min, ImVec2& max) const {
  if (c < 0 || c >= static_cast<int>(rects_.size())) return false;
  min = rects_[static_cast<std::size_t>(c)].first;
  max = rects_[static_cast<std::size_t>(c)].second;
  return max.x > min.x;
}

}  // namespace roster::ui
