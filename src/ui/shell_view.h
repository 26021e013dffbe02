// The console's frame: one full-canvas host with the navigation rail (Users, Devices, Organizations),
// the top bar (breadcrumb, organization, the signed-in person's menu), the progress line, toasts, and
// the current screen.
#pragma once

#include "ui/admin_dialogs.h"
#include "ui/ui_context.h"
#include "ui/devices_view.h"
#include "ui/profile_view.h"
#include "ui/users_view.h"

namespace roster::ui {

class ShellView {
 public:
  void draw(UiContext& ctx);
  UsersView& users() { return users_; }
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
  AdminDialogs dialogs_;
  bool toggle_theme_ = false;
};

}  // namespace roster::ui
