// The console's location as state: which screen, the users table's query, sort, filters and scope,
// the profile's tab with its Actions Log interval and filters, and the Devices screen's search and
// sort. Parsed from and printed to the URL hash (#/users?q=ann&sort=Name&order=desc&notsignedin=90,
// #/users/42/actions?range=1d&client=iOS, #/devices?q=pump), so deep links restore a screen and
// Back/Forward move between them. Printing is canonical: parse(print(r)) == r.
#pragma once

#include "model/actions_query.h"
#include "model/devices_query.h"
#include "model/users_query.h"

#include <string>

namespace roster::store {

enum class Screen { Users, UserProfile, Orgs, Devices };
enum class ProfileTab { Info, Actions, Devices };
const char* tab_key(ProfileTab tab);  // "info" | "actions" | "devices"

struct Route {
  Screen screen = Screen::Users;
  UsersQuery users;                   // Users (and an organization's users when users.org_id != 0)
  long long user_id = 0;              // UserProfile
  ProfileTab tab = ProfileTab::Info;  // UserProfile
  ActionsQuery actions;               // UserProfile, its Actions Log tab
  DevicesQuery devices;               // Devices
  bool operator==(const Route& o) const;
  bool operator!=(const Route& o) const { return !(*this == o); }
};

// Accepts "#/users?...", "/users?..." or "users?..."; anything unknown gives the users screen.
Route parse_route(const std::string& hash);
std::string print_route(const Route& route);  // always starts with "#/"

}  // namespace roster::store
