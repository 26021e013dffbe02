// A table's header row with the server-side sort: each sortable column's label is a sortBy label;
// the route's sort is shown (pushed into ImGui's table, overriding a sort restored from saved
// settings), and a click on a header is reported as the new sort. Drawn inside BeginTable, after
// the columns were set up with their index as user id.
#pragma once

#include "ui/ui_context.h"

#include "model/locale/msg_keys.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace roster::ui {

struct ColumnSpec {
  const char* id;          // English, whatever the language: the layout marks' names and the tests' handles
  Msg title;               // what the header says
  const char* sort_label;  // "" when the server cannot sort by it
  float width;             // CSS px: the width it wants, and its share when columns stretch
  float min_width = 0;     // CSS px it needs (0: 70 % of width)
  int drop_order = 0;      // when the width cannot hold every column: 1 goes first, 2 next...; 0 never
  std::optional<Msg> header_tip = std::nullopt;  // shown when the header is hovered ("Sorted by country, then city")
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
  // A column's `header_tip` shows when its header is hovered (layout name: prefix + id + ".tip").
  void draw(UiContext& ctx, const ColumnSpec* columns, int count, const SortChoice& current, float header_h,
            const std::string& layout_prefix);
  // Where column `c`'s header was drawn this frame (screen pixels); false when it was not drawn (a
  // hidden or dropped column).
  bool header_rect(int c, ImVec2& min, ImVec2& max) const;
  // The header row (its top and bottom), as drawn this frame.
  float header_top() const { return row_top_; }
  float header_bottom() const { return row_bottom_; }

 private:
  std::optional<std::pair<std::string, bool>> shown_;  // the sort the headers show (label, descending)
  std::vector<std::pair<ImVec2, ImVec2>> rects_;       // by column; an empty rectangle: not drawn
  float row_top_ = 0, row_bottom_ = 0;
};

}  // namespace roster::ui
