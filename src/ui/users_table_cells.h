// The users table's columns and how each cell draws a row's user: text fitted to the column with the
// search match highlighted, badges, times in the viewer's zone, tags; a placeholder while the row's
// page is loading. Cells only draw (and say when they were clicked); the table turns that into intents.
#pragma once

#include "store/users_list.h"
#include "ui/sort_header.h"
#include "ui/ui_context.h"

#include <cstdint>

namespace roster::ui {

enum UsersColumn {
  kName,
  kEmail,
  kRole,
  kOrg,
  kLocation,
  kStatus,
  kLastLogin,
  kRegistered,
  kDevices,
  kTags,
  kColumnCount
};

extern const ColumnSpec kUsersColumns[kColumnCount];

// Where the cell's interactive text was drawn (the name and email are links), for the table's click
// handling; empty for other cells.
struct CellHit {
  ImVec2 min, max;
  bool present = false;
};

void placeholder_cell(const Theme& t, int column, std::int64_t row, float row_h);
// Draws column `column` of `row`; `screen_row` numbers the row on screen for the layout's names.
// What a cell shows, in words (the accessibility mirror's gridcell): empty where a dash is drawn.
std::string user_cell_text(const UiContext& ctx, int column, const User& u);
CellHit draw_user_cell(UiContext& ctx, int column, const store::UserRow& row, std::int64_t screen_row, float row_h);

}  // namespace roster::ui
