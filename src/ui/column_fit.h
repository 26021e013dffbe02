// Fitting a table's columns to the width it has: every column stretches in proportion to the width
// it wants when their minimums fit; when they do not, columns are dropped in their drop order (and
// offered in a Columns menu), and the dropped ones that fit in what is left come back; only when even the essential
// ones do not fit does the table scroll sideways. A person's own resizing and hiding (ImGui's saved table settings)
// still apply on top.
#pragma once

#include "ui/sort_header.h"
#include "ui/ui_context.h"

#include <cstdint>
#include <string>

namespace roster::ui {

struct ColumnFit {
  std::uint32_t dropped = 0;  // bit c: column c does not fit
  bool scroll_x = false;      // even the essential columns need more than the width
};

// `shown` (bit c) are columns the person asked for from the Columns menu, and the column sorted by
// (`sort_label`) is shown too: none of those is dropped.
ColumnFit fit_columns(const ColumnSpec* columns, int count, float available_css, std::uint32_t shown,
                      const std::string& sort_label);

// The Columns menu: a small button listing the columns the width dropped, each with a checkbox that
// brings it back (into `shown`). Draws nothing (and returns false) when none was dropped.
bool columns_menu(UiContext& ctx, const char* id, const ColumnSpec* columns, int count, const ColumnFit& fit,
                  std::uint32_t& shown);

}  // namespace roster::ui
