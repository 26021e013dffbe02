// The administration controls of the users screens, drawn only for what the signed-in role may do
// (Store::admin_ability): a user's actions as menu items (the row's … menu, its right-click menu and
// the profile's More menu share them), the Invite and Export buttons, the selection bar with the
// bulk changes, the selection keys (Ctrl/Cmd+A, Escape), and the line that says why the list is
// read-only or why some actions are missing.
#pragma once

#include "ui/admin_dialogs.h"
#include "ui/ui_context.h"

namespace roster::ui {

// Menu items for `user` (inside an open menu or popup).
void user_action_items(UiContext& ctx, AdminDialogs& dialogs, const User& user);
// Invite and Export CSV, right-aligned on the current line (the screen's title line).
void draw_list_actions(UiContext& ctx, AdminDialogs& dialogs);
// The selection bar (when anything is selected) or the read-only line (when the role may not change
// users); nothing otherwise.
void draw_selection_bar(UiContext& ctx, AdminDialogs& dialogs);
// Ctrl/Cmd+A selects every user that matches, Escape clears the selection (no text field active).
void handle_selection_keys(UiContext& ctx);

}  // namespace roster::ui
