#include "ui/data_table.h"

#include "ui/widgets.h"

#include <algorithm>
#include <cmath>

namespace roster::ui {

void center_in_row(float row_h, float content_h) {
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::floor((row_h - content_h) * 0.5f));
}

void loading_cell(const Theme& t, int column, std::int64_t row, float row_h) {
  float w = ImGui::GetContentRegionAvail().x * (0.45f + 0.1f * static_cast<float>((row * 7 + column) % 4));
  center_in_row(row_h, t.px(10));
  placeholder_bar(t, std::max(t.px(16), w), t.px(10));
}

std::optional<SortChoice> DataTable::draw(UiContext& ctx, ImVec2 size, const Columns& columns, const Rows& rows,
                                          const SortChoice& current) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  if (rows.generation != generation_) {
    generation_ = rows.generation;
    scroll_.to_top();
  }
  const float row_h = t.px(40), header_h = t.px(40), scrollbar_w = t.px(12);
  fit_ = fit_columns(columns.columns, columns.count, (size.x - scrollbar_w) / t.px(1), shown_, current.label);
  if (fit_.dropped || shown_) {  // the Columns menu, right-aligned above the card
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(at.x + size.x - t.px(110), at.y));
    columns_menu(ctx, columns.id, columns.columns, columns.count, fit_, shown_);
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + ImGui::GetFrameHeight() + t.px(8)));
    size.y -= ImGui::GetFrameHeight() + t.px(8);
  }
  // A few rows get a card as tall as they are, not one reaching down the screen.
  if (rows.total > 0) size.y = std::min(size.y, header_h + static_cast<float>(rows.total) * row_h + t.px(6));
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + size.x, min.y + size.y);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, p.surface, t.px(8));
  draw->AddRect(min, max, p.border, t.px(8));
  scroll_.set_visible_rows(static_cast<std::int64_t>((size.y - header_h - t.px(4)) / row_h));
  scroll_.begin(rows.total, min, max);

  std::optional<SortChoice> chosen;
  ImGui::SetCursorScreenPos(ImVec2(min.x + t.px(1), min.y + t.px(1)));
  ImGui::BeginChild(columns.id, ImVec2(size.x - scrollbar_w - t.px(2), size.y - t.px(2)), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
  ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                          ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_PadOuterX;
  flags |= fit_.scroll_x ? ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX : ImGuiTableFlags_SizingStretchProp;
  const std::string table_id = std::string(columns.id) + (fit_.scroll_x ? "-narrow" : "");
  if (ImGui::BeginTable(table_id.c_str(), columns.count, flags, ImGui::GetContentRegionAvail())) {
    for (int c = 0; c < columns.count; ++c) {
      const ColumnSpec& spec = columns.columns[c];
      ImGuiTableColumnFlags cf = fit_.scroll_x ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch;
      if (!*spec.sort_label) cf |= ImGuiTableColumnFlags_NoSort;
      if (c == 0) cf |= ImGuiTableColumnFlags_NoHide;
      if (fit_.dropped & (1u << c)) cf |= ImGuiTableColumnFlags_Disabled;
      ImGui::TableSetupColumn(spec.title, cf, fit_.scroll_x ? t.px(spec.width) : spec.width, static_cast<ImGuiID>(c));
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    chosen = sort_.sync(columns.columns, columns.count, current);
    sort_.draw(ctx, columns.columns, columns.count, current, header_h, columns.layout_prefix);
    std::int64_t last = std::min(rows.total, scroll_.first() + scroll_.visible_rows());
    for (std::int64_t r = scroll_.first(); r < last; ++r) {
      ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
      ImGui::PushID(static_cast<int>(r % 100000));
      const bool loaded = rows.loaded(r);
      for (int c = 0; c < columns.count; ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        if (loaded)
          rows.draw_cell(c, r, r - scroll_.first(), row_h);
        else
          loading_cell(t, c, r, row_h);
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  scroll_.draw_scrollbar(t, rows.total, ImVec2(max.x - scrollbar_w, min.y + header_h), ImVec2(max.x, max.y - t.px(4)));
  ImGui::SetCursorScreenPos(ImVec2(min.x, max.y));
  ImGui::Dummy(ImVec2(0, 0));
  return chosen;
}

}  // namespace roster::ui
