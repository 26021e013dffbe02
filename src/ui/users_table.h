// The users table: a DataTable over any number of rows (a million included) that the keyboard also
// drives (the grid's keys, grid_keys.h: the current row is the store's selected one, Enter opens it);
// a click selects, a double-click or a click on the name opens, a click on the email copies it. It
// tells the store which rows are visible (an intent). The cells are drawn by users_table_cells.h.
#pragma once

#include "ui/data_table.h"
#include "ui/ui_context.h"

#include <cstdint>
#include <optional>

namespace roster::ui {

class UsersTable {
 public:
  void draw(UiContext& ctx, ImVec2 size);

  std::int64_t first_visible() const { return table_.first_visible(); }
  std::int64_t last_visible() const { return table_.last_visible(); }
  // Scrolls so that `row` is the first row (embedding API, Home/End, deep scrolling in tests).
  void scroll_to(std::int64_t row) { table_.scroller().scroll_to(row); }
  bool has_keyboard_focus() const { return table_.has_keyboard_focus(); }
  // The Columns menu for what the width dropped (drawn by the screen, on its toolbar's line).
  bool draw_columns_menu(UiContext& ctx);
  bool has_columns_menu() const { return table_.has_columns_menu(); }  // the width dropped some
  void set_keyboard_focus(bool f) { table_.set_keyboard_focus(f); }
  std::optional<std::int64_t> details_row() const { return table_.details_row(); }

 private:
  // The row's selectable (hover and selection tint, click selects, double-click opens), under its cells.
  void draw_row_selectable(UiContext& ctx, std::int64_t row, float row_h);
  void draw_cell(UiContext& ctx, int column, std::int64_t row, std::int64_t screen_row, float row_h);

  // The avatar's checkbox (for an Admin): a click toggles the row, Shift+click extends a range.
  bool draw_check(UiContext& ctx, std::int64_t row, const User& user, ImVec2 at, float diameter);
  void draw_row_menu(UiContext& ctx);  // the row's … and right-click menu
  DataTable table_;
  User menu_user_;  // whose menu is open
  bool open_menu_ = false;
};

}  // namespace roster::ui
