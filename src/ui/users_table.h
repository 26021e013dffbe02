// The users table: a virtualised grid over any number of rows (a million included). It keeps its own
// scroll position in rows, draws only the rows on screen (placeholders for pages still loading), and
// tells the store which rows are visible (an intent). Columns resize, reorder and hide (ImGui table
// settings, persisted by the platform); headers sort through the server's sortBy. The cells are
// drawn by users_table_cells.h.
#pragma once

#include "ui/column_fit.h"
#include "ui/row_scroller.h"
#include "ui/sort_header.h"
#include "ui/ui_context.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace roster::ui {

class UsersTable {
 public:
  void draw(UiContext& ctx, ImVec2 size);

  std::int64_t first_visible() const { return scroll_.first(); }
  std::int64_t last_visible() const { return scroll_.last(); }
  // Scrolls so that `row` is the first row (embedding API, Home/End, deep scrolling in tests).
  void scroll_to(std::int64_t row) { scroll_.scroll_to(row); }
  bool has_keyboard_focus() const { return focused_; }
  // The Columns menu for what the width dropped (drawn by the screen above the table).
  bool draw_columns_menu(UiContext& ctx);
  void set_keyboard_focus(bool f) { focused_ = f; }

 private:
  void handle_keys(UiContext& ctx, std::int64_t total);
  void setup_columns(const Theme& t, const ColumnFit& fit);
  // The row's selectable (hover and selection tint, click selects, double-click opens), under its cells.
  void draw_row_selectable(UiContext& ctx, std::int64_t row, const User* user, float row_h);
  void draw_row(UiContext& ctx, std::int64_t row, float row_h);

  RowScroller scroll_;
  ColumnFit fit_;            // the last frame's, for the Columns menu
  std::uint32_t shown_ = 0;  // columns the person brought back from the Columns menu
  SortHeader sort_;
  bool focused_ = true;
  std::uint64_t last_generation_ = 0;
};

}  // namespace roster::ui
