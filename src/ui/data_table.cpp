#include "ui/data_table.h"

#include "model/locale/messages.h"

#include "ui/grid_keys.h"
#include "ui/header_menu.h"
#include "ui/row_details.h"
#include "ui/scroll_away.h"
#include "ui/widgets.h"

#include <algorithm>
#include <bitset>
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

bool DataTable::draw_columns_menu(UiContext& ctx, const Columns& columns) {
  return columns_menu(ctx, columns.id, columns.columns, columns.count, fit_, shown_);
}

std::optional<SortChoice> DataTable::draw(UiContext& ctx, ImVec2 size, const Columns& columns, const Rows& rows,
                                          const SortChoice& current) {
  return draw(ctx, size, columns, rows, current, Card());
}

std::optional<SortChoice> DataTable::draw(UiContext& ctx, ImVec2 size, const Columns& columns, const Rows& rows,
                                          const SortChoice& current, const Card& card) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  if (rows.generation != generation_) {
    generation_ = rows.generation;
    scroll_.to_top();
    own_current_.reset();
    details_row_.reset();
    toggled_details_.reset();
  }
  const float row_h = t.px(40), header_h = t.px(40), scrollbar_w = t.px(12);
  // The width the table has: the card less its scrollbar and border.
  const float table_w = size.x - scrollbar_w - t.px(2);
  fit_specs(t, columns);
  fit_ = fit_columns(specs_.data(), columns.count, table_w / t.px(1), shown_, current.label);
  if (card.columns_menu_above && (fit_.dropped || shown_)) {  // the Columns menu, right-aligned above the card
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(at.x + size.x - t.px(110), at.y));
    draw_columns_menu(ctx, columns);
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + ImGui::GetFrameHeight() + t.px(8)));
    size.y -= ImGui::GetFrameHeight() + t.px(8);
  }
  const std::uint32_t details = details_columns(rows);
  const float details_h = details ? details_height(t, static_cast<int>(std::bitset<32>(details).count())) : 0.0f;
  if (toggled_details_) {  // the disclosure clicked last frame
    details_row_ = details_row_ == toggled_details_ ? std::nullopt : toggled_details_;
    make_current(rows, *toggled_details_);
  }
  const bool open_details = details && details_row_ && *details_row_ < rows.total;
  if (card.shrink_to_rows && rows.total > 0)
    size.y = std::min(size.y,
                      header_h + static_cast<float>(rows.total) * row_h + (open_details ? details_h : 0.0f) + t.px(6));
  const ImVec2 min = ImGui::GetCursorScreenPos();
  // A table that fills the screen down to its bottom: what is above it scrolls away when the height is small.
  if (ctx.scroll_away && size.y >= ImGui::GetContentRegionAvail().y - t.px(2)) ctx.scroll_away->table_at(min.y);
  const ImVec2 max(min.x + size.x, min.y + size.y);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, p.surface, t.px(8));
  draw->AddRect(min, max, p.border, t.px(8));
  // Whole rows only: a table that scrolled vertically by itself would fight the row scrolling.
  const float hscroll_h = card.rows_clear_hscroll ? ImGui::GetStyle().ScrollbarSize : 0.0f;
  const auto rows_that_fit = static_cast<std::int64_t>((size.y - header_h - hscroll_h - t.px(4)) / row_h);
  scroll_.set_visible_rows(rows_that_fit);
  scroll_.begin(rows.total, min, max);
  if (!rows.tab_stop.empty() && ImGui::IsMouseHoveringRect(min, max) && ImGui::IsMouseClicked(ImGuiMouseButton_Left))
    keyboard_focus_ = true;  // a click in the grid gives it the keys
  const bool keyed = handle_keys(ctx, rows);
  if (details) fit_details(rows, rows_that_fit, row_h, details_h, keyed || toggled_details_.has_value());
  toggled_details_.reset();
  scroll_.clamp(rows.total);
  if (rows.on_visible) rows.on_visible(scroll_.first(), scroll_.last());

  std::optional<SortChoice> chosen;
  ImGui::SetCursorScreenPos(ImVec2(min.x + t.px(1), min.y + t.px(1)));
  details_right_ = min.x + table_w - t.px(12);
  ImGui::BeginChild(card.child_id ? card.child_id : columns.id, ImVec2(table_w, size.y - t.px(2)), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
  ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                          ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_PadOuterX;
  flags |= fit_.scroll_x ? ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX : ImGuiTableFlags_SizingStretchProp;
  // Rows with details (columns dropped by the width) draw no column lines in the body: the lines would
  // run through an open row's details, which span the row. The header keeps them, and a column being
  // resized shows its line whole.
  if (details) flags |= ImGuiTableFlags_NoBordersInBody;
  // Scrolled sideways it is a table of its own: its saved settings are fixed widths, not shares.
  const std::string table_id = std::string(columns.id) + (fit_.scroll_x ? "-narrow" : "");
  if (ImGui::BeginTable(table_id.c_str(), columns.count, flags, ImGui::GetContentRegionAvail())) {
    replace_stock_table_menu();  // a right-click on the header opens header_menu instead
    setup_columns(t, columns);
    chosen = sort_.sync(columns.columns, columns.count, current);
    sort_.draw(ctx, columns.columns, columns.count, current, header_h, columns.layout_prefix);
    say_grid(ctx, columns, rows, current, min, max);
    draw_rows(ctx, columns, rows, row_h);
    if (auto from_menu = header_menu(ctx, columns.id, columns.columns, columns.count, fit_, shown_, current, sort_))
      chosen = from_menu;
    ImGui::EndTable();
  }
  ImGui::EndChild();
  scroll_.draw_scrollbar(t, rows.total, ImVec2(max.x - scrollbar_w, min.y + header_h), ImVec2(max.x, max.y - t.px(4)));
  ImGui::SetCursorScreenPos(ImVec2(min.x, max.y));
  ImGui::Dummy(ImVec2(0, 0));
  // The grid is one Tab stop (WAI-ARIA grid): inside it the keys of grid_keys.h are its own. It has
  // them when Tab brought the focus there, and gives them up when the keyboard focus is on another stop.
  if (!rows.tab_stop.empty()) {
    const FocusChain::Stop s = ctx.stop_at(rows.tab_stop, min, max, false);
    if (s.focused)
      keyboard_focus_ = true;
    else if (ctx.focus && ctx.focus->ring_visible())
      keyboard_focus_ = false;
  }
  return chosen;
}

std::optional<std::int64_t> DataTable::current(const Rows& rows) const {
  return rows.current ? rows.current() : own_current_;
}

void DataTable::make_current(const Rows& rows, std::int64_t r) {
  if (rows.make_current)
    rows.make_current(r);
  else
    own_current_ = r;
}

bool DataTable::handle_keys(UiContext& ctx, const Rows& rows) {
  if (rows.tab_stop.empty() || !keyboard_focus_ || rows.total <= 0 || !grid_keys_free()) return false;
  const std::optional<std::int64_t> cur = current(rows);
  if (auto next = grid_row_move(cur, scroll_.first(), scroll_.visible_rows(), rows.total)) {
    make_current(rows, *next);
    scroll_.ensure_visible(*next);
    return true;
  }
  if (!cur || !rows.loaded(*cur)) return false;
  if (grid_open_pressed() && rows.row_intent) {
    if (auto intent = rows.row_intent(*cur)) ctx.emit(std::move(*intent));
    return false;
  }
  if (!details_columns(rows)) return false;
  const int ask = grid_details_key(details_row_ == cur);
  if (ask > 0) details_row_ = cur;
  if (ask < 0 && details_row_ == cur) details_row_.reset();
  return ask > 0;
}

std::uint32_t DataTable::details_columns(const Rows& rows) const { return rows.cell_text ? fit_.dropped : 0u; }

void DataTable::fit_details(const Rows& rows, std::int64_t rows_that_fit, float row_h, float details_h, bool reveal) {
  if (!details_row_ || *details_row_ >= rows.total) return;
  const std::int64_t open = *details_row_, first = scroll_.first();
  const auto taken = static_cast<std::int64_t>(std::ceil(details_h / row_h));
  const std::int64_t fit = std::max<std::int64_t>(1, rows_that_fit - taken);
  if (reveal) {
    scroll_.set_visible_rows(fit);
    scroll_.ensure_visible(open);
  } else if (open >= first && open < first + fit) {
    scroll_.set_visible_rows(fit);
  } else if (open >= first && open < first + rows_that_fit) {
    // The wheel brought the open row to the bottom: it is the last row, its details cut by the card.
    scroll_.set_visible_rows(open - first + 1);
  }
}

void DataTable::fit_specs(const Theme& t, const Columns& columns) {
  specs_.assign(columns.columns, columns.columns + columns.count);
  whole_px_.assign(columns.count, 0.0f);
  if (!columns.whole_text_width) return;
  const float padding = ImGui::GetStyle().CellPadding.x * 2;
  for (int c = 0; c < columns.count; ++c) {
    whole_px_[c] = std::ceil(columns.whole_text_width(c));
    if (whole_px_[c] <= 0) continue;
    // Its title is read whole too, with room for the sort arrow (sort_header.cpp).
    ImGui::PushFont(t.fonts.header);
    whole_px_[c] = std::max(whole_px_[c], std::ceil(ImGui::CalcTextSize(tr(specs_[c].title)).x + t.px(16)));
    ImGui::PopFont();
    const float css = (whole_px_[c] + padding) / t.px(1);
    ColumnSpec& spec = specs_[c];
    spec.min_width = std::max(spec.min_width > 0 ? spec.min_width : spec.width * 0.7f, css);
    spec.width = std::max(spec.width, css);
  }
}

void DataTable::setup_columns(const Theme& t, const Columns& columns) {
  for (int c = 0; c < columns.count; ++c) {
    const ColumnSpec& spec = specs_[c];
    // A column whose text must be whole is exactly as wide as that text; the others share the rest.
    const bool whole = whole_px_[c] > 0;
    ImGuiTableColumnFlags cf =
        fit_.scroll_x || whole ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch;
    if (!*spec.sort_label) cf |= ImGuiTableColumnFlags_NoSort;
    if (c == 0) cf |= ImGuiTableColumnFlags_NoHide;
    if (fit_.dropped & (1u << c)) cf |= ImGuiTableColumnFlags_Disabled;
    const float width = whole           ? std::max(whole_px_[c], fit_.scroll_x ? t.px(spec.width) : 0.0f)
                        : fit_.scroll_x ? t.px(spec.width)
                                        : spec.width;  // pixels, or a share
    ImGui::TableSetupColumn(spec.id, cf, width, static_cast<ImGuiID>(c));
  }
  ImGui::TableSetupScrollFreeze(columns.freeze_first ? 1 : 0, 1);
}

void DataTable::say_grid(UiContext& ctx, const Columns& columns, const Rows& rows, const SortChoice& current,
                         ImVec2 min, ImVec2 max) {
  if (!ctx.a11y) return;
  const std::string grid = columns.id;
  A11yNode& g = ctx.a11y->add(grid, ctx.a11y_parent, "grid", rows.a11y_name.empty() ? grid : rows.a11y_name);
  g.x0 = min.x, g.y0 = min.y, g.x1 = max.x, g.y1 = max.y;
  g.row_count = rows.total + 1;  // the header row counts
  g.col_count = columns.count;
  const std::string header = grid + ".header";
  A11yNode& hr = ctx.a11y->add(header, grid, "row", "");
  hr.row_index = 1;
  for (int c = 0; c < columns.count; ++c) {
    ImVec2 a, b;
    if (!sort_.header_rect(c, a, b)) continue;
    const ColumnSpec& col = columns.columns[c];
    A11yNode& h = ctx.a11y->add(header + "." + std::to_string(c), header, "columnheader", tr(col.title));
    h.x0 = a.x, h.y0 = a.y, h.x1 = b.x, h.y1 = b.y;
    hr.x0 = hr.x0 == 0 ? a.x : std::min(hr.x0, a.x), hr.y0 = a.y, hr.x1 = std::max(hr.x1, b.x), hr.y1 = b.y;
    h.col_index = c + 1;
    if (*col.sort_label) {
      h.sort = current.label != col.sort_label ? "none" : current.descending ? "descending" : "ascending";
      h.clicks = true;  // a click on the header sorts, as the mouse's does
    }
  }
}

void DataTable::draw_rows(UiContext& ctx, const Columns& columns, const Rows& rows, float row_h) {
  const std::uint32_t details = details_columns(rows);
  const float details_h =
      details ? details_height(ctx.theme, static_cast<int>(std::bitset<32>(details).count())) : 0.0f;
  const std::int64_t last = std::min(rows.total, scroll_.first() + scroll_.visible_rows());
  // The rows sit in a rowgroup around the rows said, and a row's place is counted from the top of the
  // group's content: where the row at a multiple of kContentRows would be drawn. A wheel step then
  // moves the content (one number) and says the rows that came, not the ones that stay: the page
  // (web/a11y-mirror.js) keeps those rows' elements as they are.
  constexpr std::int64_t kContentRows = 1024;
  const std::string group_id = std::string(columns.id) + ".rows";
  std::size_t group_node = 0;
  bool said_any = false;
  std::int64_t first_said = 0;
  ImVec2 said_min(0, 0), said_max(0, 0);  // the rows said, together
  if (ctx.a11y && rows.cell_text) {
    group_node = ctx.a11y->nodes().size();
    ctx.a11y->add(group_id, std::string(columns.id), "rowgroup", "");
  }
  for (std::int64_t r = scroll_.first(); r < last; ++r) {
    ImGui::PushID(static_cast<int>(r % 100000));
    const std::size_t row_node =
        draw_row_cells(ctx, columns, rows, r, row_h, details && details_row_ == r ? details_h : 0.0f);
    ImGui::PopID();
    if (row_node) {
      const A11yNode& said = ctx.a11y->node(row_node);
      said_min = said_any ? ImVec2(std::min(said_min.x, said.x0), said_min.y) : ImVec2(said.x0, said.y0);
      said_max = said_any ? ImVec2(std::max(said_max.x, said.x1), said.y1) : ImVec2(said.x1, said.y1);
      if (!said_any) first_said = r;
      said_any = true;
    }
  }
  if (!said_any) return;
  A11yNode& group = ctx.a11y->node(group_node);
  group.x0 = said_min.x;
  group.y0 = said_min.y;
  group.x1 = said_max.x;
  group.y1 = said_max.y;
  const std::int64_t content_first = first_said - first_said % kContentRows;
  // Open details above the first row drawn count (a row drawn but not loaded yet is drawn closed).
  const bool open_above = details && details_row_ && *details_row_ >= content_first && *details_row_ < scroll_.first();
  group.scrolls = true;
  group.content_y0 =
      said_min.y - static_cast<float>(first_said - content_first) * row_h - (open_above ? details_h : 0.0f);
}

// One row: its cells (the first one after the details' disclosure when the width dropped columns),
// then its open details under them; and the row, its cells and details for the mirror.
std::size_t DataTable::draw_row_cells(UiContext& ctx, const Columns& columns, const Rows& rows, std::int64_t r,
                                      float row_h, float details_h) {
  const Theme& t = ctx.theme;
  const std::uint32_t details = details_columns(rows);
  const bool loaded = rows.loaded(r);
  const bool open = loaded && details_h > 0;
  const float height = row_h + (open ? details_h : 0.0f);
  ImGui::TableNextRow(ImGuiTableRowFlags_None, height);
  std::string row_id;
  std::size_t row_node = 0;
  if (ctx.a11y && loaded && rows.cell_text) {
    row_id = std::string(columns.id) + ".row." + std::to_string(r);
    row_node = ctx.a11y->nodes().size();
    A11yNode& n = ctx.a11y->add(row_id, std::string(columns.id) + ".rows", "row", "");
    n.row_index = r + 2;  // 1 is the header row
    if (!rows.tab_stop.empty()) n.selected = current(rows) == r ? 1 : 0;
  }
  for (int c = 0; c < columns.count; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    if (!row_id.empty()) {
      A11yNode& cell = ctx.a11y->add(row_id + "." + std::to_string(c), row_id, "gridcell", "");
      cell.value = rows.cell_text(c, r);
      cell.x0 = at.x, cell.y0 = at.y, cell.x1 = at.x + ImGui::GetContentRegionAvail().x, cell.y1 = at.y + row_h;
      cell.col_index = c + 1;
      if (c == 0 && rows.row_intent) cell.intent = rows.row_intent(r);
      A11yNode& rn = ctx.a11y->node(row_node);
      if (c == 0 || cell.x0 < rn.x0) rn.x0 = cell.x0;
      rn.y0 = cell.y0, rn.y1 = cell.y0 + height, rn.x1 = std::max(rn.x1, cell.x1);
    }
    if (c == 0 && rows.draw_under_row)
      rows.draw_under_row(r, height);
    else if (c == 0 && !rows.tab_stop.empty())
      draw_row_selectable(ctx, rows, r, height);
    // The first cell gives the start of its room to the details' disclosure.
    const float disclosure_w = c == 0 && details && loaded ? details_disclosure_width(t) : 0.0f;
    if (disclosure_w > 0) {
      // Named by the row's index, as the row is: a wheel step moves no disclosure to another row.
      const std::string mark = std::string(columns.id) + ".row." + std::to_string(r) + ".details";
      if (details_disclosure(ctx, open, at, row_h, mark, row_id.empty() ? "" : row_id + ".0")) toggled_details_ = r;
      ImGui::Indent(disclosure_w);
    }
    if (loaded)
      rows.draw_cell(c, r, r - scroll_.first(), row_h);
    else if (rows.draw_placeholder)
      rows.draw_placeholder(c, r, row_h);
    else
      loading_cell(t, c, r, row_h);
    if (disclosure_w > 0) ImGui::Unindent(disclosure_w);
    if (c == 0 && open)
      draw_details(
          ctx, columns.columns, columns.count, details, [&rows, r](int column) { return rows.cell_text(column, r); },
          ImVec2(at.x + disclosure_w, at.y + row_h), details_right_, row_id);
  }
  return row_node;
}

void DataTable::draw_row_selectable(UiContext& ctx, const Rows& rows, std::int64_t r, float height) {
  const Palette& p = ctx.theme.colors;
  const ImVec2 start = ImGui::GetCursorPos();
  ImGui::PushStyleColor(ImGuiCol_Header, to_vec4(p.selected));
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, to_vec4(p.hover));
  ImGui::PushStyleColor(ImGuiCol_HeaderActive, to_vec4(p.selected));
  if (ImGui::Selectable("##row", current(rows) == r,
                        ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap |
                            ImGuiSelectableFlags_AllowDoubleClick,
                        ImVec2(0, height))) {
    make_current(rows, r);
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && rows.row_intent && rows.loaded(r))
      if (auto intent = rows.row_intent(r)) ctx.emit(std::move(*intent));
  }
  ImGui::PopStyleColor(3);
  ImGui::SetCursorPos(start);
}

}  // namespace roster::ui
