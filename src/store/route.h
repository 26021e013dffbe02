// The console's location as state: which screen, and the users table's query, sort, filters and
// scope. Parsed from and printed to the URL hash (#/users?q=ann&sort=Name&order=desc), so deep links
// restore a screen and Back/Forward move between them. Printing is canonical: parse(print(r)) == r.
#pragma once

#include "model/users_query.h"

#include <string>

namespace roster::store {

enum class Screen { Users, UserProfile, Orgs, Devices };

struct Route {
  Screen screen = Screen::Users;
  UsersQuery users;           // Users (and an organization's users when users.org_id != 0)
  long long user_id = 0;      // UserProfile
  std::string tab = "info";   // UserProfile: info | actions | devices
  std::string devices_query;  // Devices
  bool operator==(const Route& o) const;
  bool operator!=(const Route& o) const { return !(*this == o); }
};

// Accepts "#/users?...", "/users?..." or "users?..."; anything unknown gives the users screen.
Route parse_route(const std::string& hash);
std::string print_route(const Route& route);  // always starts with "#/"

}  // namespace roster::store
