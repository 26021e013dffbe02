// A table header's right-click menu: the console's own, styled as its other menus, in place of Dear
// ImGui's stock table menu (unstyled, opened at the pointer, listing only the columns on screen). It
// lists every column of the table with a check for each one shown: one the width dropped says "no
// room", and checking it brings it back as the Columns menu does; the first column and the sorted one
// always stay. For a sortable column it offers Sort ascending and Sort descending. It opens under the
// header that was clicked (anchored_popup.h). Layout names: <id>.header-menu (the menu),
// <id>.header-menu.asc and .desc, <id>.header-menu.<column title>.
#pragma once

#include "ui/column_fit.h"
#include "ui/sort_header.h"
#include "ui/ui_context.h"

#include <cstdint>
#include <optional>

namespace roster::ui {

// Keeps ImGui from drawing its own menu for the current table; call right after BeginTable.
void replace_stock_table_menu();

// Draws the menu while it is open; call inside the table, after its header row (`header`). Columns
// brought back go into `shown` (as in columns_menu); returns the sort chosen from the menu, if any.
std::optional<SortChoice> header_menu(UiContext& ctx, const char* id, const ColumnSpec* columns, int count,
                                      const ColumnFit& fit, std::uint32_t& shown, const SortChoice& current,
                                      const SortHeader& header);

}  // namespace roster::ui
