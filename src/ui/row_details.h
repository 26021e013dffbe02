// A row's details, for a table whose width dropped columns (issue 20: "tables show the columns that
// fit and the rest in the row's details"; WCAG 1.4.10 at 320 CSS px and 200 % zoom): a disclosure
// at the start of each row opens, under the row, the dropped columns as label and value lines. The
// table (data_table.h) keeps which row is open and gives the first cell's start to the disclosure;
// the keys are grid_keys.h's.
#pragma once

#include "ui/sort_header.h"
#include "ui/ui_context.h"

#include <cstdint>
#include <functional>
#include <string>

namespace roster::ui {

// The room the disclosure takes at the start of the first cell.
float details_disclosure_width(const Theme& t);
// The height the open details add under their row, for `lines` dropped columns.
float details_height(const Theme& t, int lines);
// The disclosure, a chevron at `at` (the first cell's start) in a row of `row_h`, pointing down when
// `open`; its rectangle is marked `mark`, and said to the mirror as a button under `parent` (aria-expanded)
// that a click operates. True when it was clicked.
bool details_disclosure(UiContext& ctx, bool open, ImVec2 at, float row_h, const std::string& mark,
                        const std::string& parent);
// The open details: a line per dropped column (bit c of `dropped`), its title in the muted colour and
// `text(c)`, from `at` to `right`. Each line is said to the mirror as the column's gridcell under
// `row_id` ("Email: ann@example.com"), when `row_id` is not empty.
void draw_details(UiContext& ctx, const ColumnSpec* columns, int count, std::uint32_t dropped,
                  const std::function<std::string(int column)>& text, ImVec2 at, float right,
                  const std::string& row_id);

}  // namespace roster::ui
