// The keys of a WAI-ARIA grid's rows, shared by every table that the keyboard drives (the users, the
// devices, a user's devices): Up and Down move the current row by one, Page Up and Page Down by what
// the table shows, Home and End to the first and last; Enter opens the current row; Right shows its
// details (the columns the width dropped), Left hides them, Space does either.
#pragma once

#include <cstdint>
#include <optional>

namespace roster::ui {

// Where this frame's keys move the current row (clamped to the rows there are); none when they do
// not. Without a current row, Down and Up start at the first row shown.
std::optional<std::int64_t> grid_row_move(std::optional<std::int64_t> current, std::int64_t first_shown,
                                          std::int64_t page, std::int64_t total);
// Enter, or the keypad's, pressed this frame.
bool grid_open_pressed();
// What this frame's keys ask of the current row's details: 1 show, -1 hide, 0 nothing; Space
// turns `open` over.
int grid_details_key(bool open);
// The keys are the grid's this frame: no text field or other item active, no popup open.
bool grid_keys_free();

}  // namespace roster::ui
