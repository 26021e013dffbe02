// Who is signed in to the console: the person, their role and organization ("GET /api/session").
#pragma once

#include "model/user.h"

#include <string>

namespace roster {

struct SessionInfo {
  User user;
  int role_id = 0;
  std::string role_name;
  int org_id = 0;
  std::string org_name;
};

}  // namespace roster
