// A virtualised table over a server-paged list (devices, an actions log, a user's devices): the
// card, the header with the server-side sort, the visible rows (placeholder bars while their page
// loads), the scrollbar, and the row scrolling; the caller draws each loaded cell. Columns fit the
// width (column_fit.h): stretched in proportion, the least needed dropped into a Columns menu when the
// console is narrow, scrolled sideways only below the minimum.
#pragma once

#include "ui/column_fit.h"
#include "ui/row_scroller.h"
#include "ui/sort_header.h"
#include "ui/ui_context.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace roster::ui {

class DataTable {
 public:
  struct Columns {
    const char* id;             // the ImGui table's id (its saved layout)
    const ColumnSpec* columns;  // widths are proportions
    int count;
    std::string layout_prefix;  // names of the header rectangles: prefix + title
  };
  struct Rows {
    std::int64_t total = 0;
    std::uint64_t generation = 0;  // a new one scrolls back to the top
    std::function<bool(std::int64_t row)> loaded;
    std::function<void(int column, std::int64_t row, std::int64_t screen_row, float row_h)> draw_cell;
  };

  // Draws the table in `size`; returns the sort the person chose by clicking a header, if any.
  std::optional<SortChoice> draw(UiContext& ctx, ImVec2 size, const Columns& columns, const Rows& rows,
                                 const SortChoice& current);
  std::int64_t first_visible() const { return scroll_.first(); }
  std::int64_t last_visible() const { return scroll_.last(); }
  RowScroller& scroller() { return scroll_; }

 private:
  RowScroller scroll_;
  SortHeader sort_;
  std::uint64_t generation_ = 0;
  ColumnFit fit_;
  std::uint32_t shown_ = 0;  // columns brought back from the Columns menu
};

// A placeholder bar of a plausible width for a cell whose row is loading.
void loading_cell(const Theme& t, int column, std::int64_t row, float row_h);
// Moves the cursor down so content of `content_h` is centred in a row of `row_h`.
void center_in_row(float row_h, float content_h);

}  // namespace roster::ui
