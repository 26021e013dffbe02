// The user profile screen (#/users/<id>[/info|/actions|/devices]): the header (avatar, name,
// organization and country, status, role, email that copies, last login, tags), the tab bar, and the
// current tab. The header draws from the list's row the moment a profile opens and fills in as the
// detail arrives.
#pragma once

#include "ui/profile_actions_tab.h"
#include "ui/profile_devices_tab.h"
#include "ui/ui_context.h"

namespace roster::ui {

class ProfileView {
 public:
  void draw(UiContext& ctx);

 private:
  // Returns the bottom of the button (0 when the role has no actions).
  float draw_header_actions(UiContext& ctx, const User& user, ImVec2 start, bool narrow);
  void draw_header(UiContext& ctx, const User& u);
  void draw_tabs(UiContext& ctx);
  void handle_back_keys(UiContext& ctx);

  ProfileActionsTab actions_;
  ProfileDevicesTab devices_;
};

// The Information tab: every field with absent values shown as absent, never as empty or 1970.
void draw_profile_info_tab(UiContext& ctx, const User& u);

}  // namespace roster::ui
