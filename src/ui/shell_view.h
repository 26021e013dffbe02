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
#include "ui/scroll_away.h"
#include "ui/users_view.h"

#include <string>

namespace roster::ui {

class ShellView {
 public:
  void draw(UiContext& ctx);
  UsersView& users() { return users_; }
  DevicesView& devices() { return devices_; }
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
  // The rail's three links from the cursor down, `width` wide (icons alone when `compact`).
  // True when one was clicked.
  bool draw_nav_items(UiContext& ctx, float x, float y, float width, bool compact);
  // A phone's width: the rail is a menu button at the top bar's left, opening a drawer of the links
  // and the organization switcher over the screen.
  void draw_menu_button(UiContext& ctx, ImVec2 at, float size);
  void draw_drawer(UiContext& ctx, float top);
  bool draw_switcher(UiContext& ctx, float width);  // true when another organization was chosen
  void draw_top_bar(UiContext& ctx, float x, float width, float height, bool compact, bool narrow);
  // The current screen in the content band [min, max], its top scrolling away when the height is small.
  void draw_screen(UiContext& ctx, ImVec2 min, ImVec2 max);
  void draw_toast(UiContext& ctx);

  UsersView users_;
  ProfileView profile_;
  DevicesView devices_;
  OrgsView orgs_;
  AdminDialogs dialogs_;
  OrgPicker switcher_;
  FocusChain focus_;
  KeysHelp keys_help_;
  ScrollAway scroll_away_;
  std::string scrolled_screen_;  // the screen (route) scroll_away_ belongs to
  std::string revealed_for_;     // the focused stop last brought back on screen
  bool drawer_open_ = false;     // a phone's navigation drawer
  bool toggle_theme_ = false;
};

}  // namespace roster::ui
