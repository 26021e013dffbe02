// A table's header row with the server-side sort: each sortable column's label is a sortBy label;
// the route's sort is shown (pushed into ImGui's table, overriding a sort restored from saved
// settings), and a click on a header is reported as the new sort. Drawn inside BeginTable, after
// the columns were set up with their index as user id.
#pragma once

#include "ui/ui_context.h"

#include <optional>
#include <string>
#include <utility>

namespace roster::ui {

struct ColumnSpec {
  const char* title;
  const char* sort_label;  // "" when the server cannot sort by it
  float width;             // CSS px: the width it wants, and its share when columns stretch
  float min_width = 0;     // CSS px it needs (0: 70 % of width)
  int drop_order = 0;      // when the width cannot hold every column: 1 goes first, 2 next...; 0 never
};

struct SortChoice {
  std::string label;  // empty: the server's order
  bool descending = false;
};

class SortHeader {
 public:
  // Shows `current` in the headers; returns the person's new choice, if they clicked a header.
  std::optional<SortChoice> sync(const ColumnSpec* columns, int count, const SortChoice& current);
  // 13 px bold in the muted colour, vertically centred, the sort arrow beside the sorted label;
  // `layout_prefix` names each header's rectangle in the layout ("header." + title for the users).
  void draw(UiContext& ctx, const ColumnSpec* columns, int count, const SortChoice& current, float header_h,
            const std::string& layout_prefix);

 private:
  std::optional<std::pair<std::string, bool>> shown_;  // the sort the headers show (label, descending)
};

}  // namespace roster::ui
