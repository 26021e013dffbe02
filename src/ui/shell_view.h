// The console's frame: one full-canvas host with the navigation rail (Users, Devices, Organizations),
// the top bar (breadcrumb, the organization switcher, the signed-in person's menu), the progress line,
// toasts, and the current screen. The switcher is an OrgPicker showing the users list's scope (the
// caller's organization, or the one chosen); choosing another shows only its users, as choosing one
// on the Organizations screen does, and choosing the caller's own returns to the whole list.
#pragma once

#include "ui/admin_dialogs.h"
#include "ui/ui_context.h"
#include "ui/devices_view.h"
#include "ui/orgs_view.h"
#include "ui/focus_chain.h"
#include "ui/keys_help.h"
#include "ui/org_picker.h"
#include "ui/profile_view.h"
#include "ui/users_view.h"

namespace roster::ui {

class ShellView {
 public:
  void draw(UiContext& ctx);
  UsersView& users() { return users_; }
  // The Tab order, which the platform asks whether a Tab leaves the canvas.
  FocusChain& focus_chain() { return focus_; }
  // Set by the person's menu; the platform applies it between frames (fonts are rebuilt).
  bool take_theme_toggle() {
    bool t = toggle_theme_;
    toggle_theme_ = false;
    return t;
  }

 private:
  void draw_rail(UiContext& ctx, float width, float height, bool compact);
  void draw_top_bar(UiContext& ctx, float x, float width, float height, bool compact);
  void draw_toast(UiContext& ctx);

  UsersView users_;
  ProfileView profile_;
  DevicesView devices_;
  OrgsView orgs_;
  AdminDialogs dialogs_;
  OrgPicker switcher_;
  FocusChain focus_;
  KeysHelp keys_help_;
  bool toggle_theme_ = false;
};

}  // namespace roster::ui
