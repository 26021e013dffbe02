// A virtualised table over a server-paged list (users, devices, an actions log, a user's devices):
// the card, the header with the server-side sort, the visible rows (placeholder bars while their page
// loads), the scrollbar, and the row scrolling; the caller draws each loaded cell. Columns fit the
// width (column_fit.h): stretched in proportion, the least needed dropped into a Columns menu when the
// console is narrow, scrolled sideways only below the minimum. Columns resize, reorder and hide (ImGui
// table settings, which the platform keeps per browser: the ids below are part of their key); the
// header's right-click menu (header_menu.h) shows and hides them and sorts.
#pragma once

#include "ui/column_fit.h"
#include "ui/row_scroller.h"
#include "ui/sort_header.h"
#include "ui/ui_context.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace roster::ui {

class DataTable {
 public:
  struct Columns {
    const char* id;             // the ImGui table's id (its saved layout) and the Columns menu's
    const ColumnSpec* columns;  // widths are proportions
    int count;
    std::string layout_prefix;  // names of the header rectangles: prefix + title
    bool freeze_first = false;  // the first column stays put when the table scrolls sideways
    // Optional: the width (pixels, in the cells' font) a column's text needs to be read whole, 0 for
    // a column whose text may end in an ellipsis. Such a column is that wide, whatever the
    // proportions (a date that lost its year cannot be hovered back on a kiosk).
    std::function<float(int column)> whole_text_width;
  };
  struct Rows {
    std::int64_t total = 0;
    std::uint64_t generation = 0;  // a new one scrolls back to the top
    std::function<bool(std::int64_t row)> loaded;
    std::function<void(int column, std::int64_t row, std::int64_t screen_row, float row_h)> draw_cell;
    // Optional: a loading row's cell (loading_cell when unset).
    std::function<void(int column, std::int64_t row, float row_h)> draw_placeholder;
    // Optional: drawn first in every row's first cell, loaded or not, under the cells, over the row's
    // whole height (its details included). Unset, a grid with the keyboard (tab_stop) draws a
    // selectable that a click makes the current row and a double-click opens (row_intent).
    std::function<void(std::int64_t row, float row_h)> draw_under_row;
    // Optional: the rows on screen this frame, told before any row is drawn (so before a click's
    // intents).
    std::function<void(std::int64_t first, std::int64_t last)> on_visible;
    // A loaded cell's text: the accessibility mirror's gridcell and the row's details (the columns the
    // width dropped). Tables without it have neither.
    std::function<std::string(int column, std::int64_t row)> cell_text;
    // What activating a row does (Enter on the current row, the mirror's activate on its first cell;
    // the default row's double-click): the intent its click emits, if anything.
    std::function<std::optional<store::Intent>(std::int64_t row)> row_intent;
    // The keyboard's current row when the caller keeps it (the users list's selection is the store's):
    // what it is, and how the keys move it. Unset, the table keeps its own, which a new generation forgets.
    std::function<std::optional<std::int64_t>()> current;
    std::function<void(std::int64_t row)> make_current;
    // The grid's Tab stop (ui/focus_chain.h): with one, the grid takes the keys of grid_keys.h while
    // it has the keyboard focus. Empty: no keyboard.
    std::string tab_stop;
    std::string a11y_name;  // the grid's accessible name ("Users")
  };
  // Where the table sits. The defaults suit a table under its own heading; the users list puts its
  // Columns menu on the toolbar's line and always fills the screen.
  struct Card {
    const char* child_id = nullptr;   // the window the table is drawn in (default: the table's id)
    bool columns_menu_above = true;   // false: the caller draws it (draw_columns_menu)
    bool shrink_to_rows = true;       // a few rows get a card as tall as they are
    bool rows_clear_hscroll = false;  // whole rows only above the room of a horizontal scrollbar
  };

  // Draws the table in `size`; returns the sort the person chose by clicking a header, if any.
  std::optional<SortChoice> draw(UiContext& ctx, ImVec2 size, const Columns& columns, const Rows& rows,
                                 const SortChoice& current, const Card& card);
  std::optional<SortChoice> draw(UiContext& ctx, ImVec2 size, const Columns& columns, const Rows& rows,
                                 const SortChoice& current);  // in the default card
  // The Columns menu for what the last frame's width dropped, when the caller places it.
  bool draw_columns_menu(UiContext& ctx, const Columns& columns);
  bool has_columns_menu() const { return fit_.dropped || shown_; }  // as of the last frame
  std::int64_t first_visible() const { return scroll_.first(); }
  std::int64_t last_visible() const { return scroll_.last(); }
  RowScroller& scroller() { return scroll_; }
  const RowScroller& scroller() const { return scroll_; }
  // Whether the grid takes the keys: after Tab reached it or a click in it, until the focus went to
  // another stop (or the caller took them: a text field above it).
  bool has_keyboard_focus() const { return keyboard_focus_; }
  void set_keyboard_focus(bool f) { keyboard_focus_ = f; }
  // The row whose details are open (only while the width drops columns), if any.
  std::optional<std::int64_t> details_row() const { return details_row_; }

 private:
  // The columns' specs with the widths their whole texts need (Columns::whole_text_width) in CSS px.
  void fit_specs(const Theme& t, const Columns& columns);
  void setup_columns(const Theme& t, const Columns& columns);
  void draw_rows(UiContext& ctx, const Columns& columns, const Rows& rows, float row_h);
  // Returns the index of the row's mirror node (0: none said).
  std::size_t draw_row_cells(UiContext& ctx, const Columns& columns, const Rows& rows, std::int64_t r, float row_h,
                             float details_h);
  // The default row under the cells: hover and current-row tint, a click makes it current.
  void draw_row_selectable(UiContext& ctx, const Rows& rows, std::int64_t r, float height);
  std::optional<std::int64_t> current(const Rows& rows) const;
  void make_current(const Rows& rows, std::int64_t r);
  // This frame's keys, before the rows are drawn (they may scroll them): true when they moved the
  // current row or opened its details (which must then be on screen).
  bool handle_keys(UiContext& ctx, const Rows& rows);
  // The columns a row's details show: those the width dropped (none without cell text).
  std::uint32_t details_columns(const Rows& rows) const;
  // An open row's details take the room of the rows under it: fewer rows fit. `reveal`: scroll so
  // the open row and its details are on screen (the keyboard or the disclosure opened them).
  void fit_details(const Rows& rows, std::int64_t rows_that_fit, float row_h, float details_h, bool reveal);
  // The grid, its header row and column headers for the accessibility mirror.
  void say_grid(UiContext& ctx, const Columns& columns, const Rows& rows, const SortChoice& current, ImVec2 min,
                ImVec2 max);

  RowScroller scroll_;
  SortHeader sort_;
  std::uint64_t generation_ = 0;
  ColumnFit fit_;
  std::vector<ColumnSpec> specs_;  // this frame's: the columns' own, widened to their whole text
  std::vector<float> whole_px_;    // by column: the pixels its whole text needs, 0 for none
  std::uint32_t shown_ = 0;        // columns brought back from the Columns menu
  bool keyboard_focus_ = true;
  std::optional<std::int64_t> own_current_;      // the current row, when the caller does not keep it
  std::optional<std::int64_t> details_row_;      // whose details are open
  std::optional<std::int64_t> toggled_details_;  // the disclosure clicked last frame, on this row
  float details_right_ = 0;                      // where the details' lines end (screen x)
};

// A placeholder bar of a plausible width for a cell whose row is loading.
void loading_cell(const Theme& t, int column, std::int64_t row, float row_h);
// Moves the cursor down so content of `content_h` is centred in a row of `row_h`.
void center_in_row(float row_h, float content_h);

}  // namespace roster::ui
