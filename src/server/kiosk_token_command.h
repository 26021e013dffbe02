// `roster-server kiosk-token`: issue, list and revoke kiosk tokens in a database, from the command
// line of the machine that runs the server (the flags are read by main.cpp).
#pragma once

#include <cstdint>
#include <string>

namespace roster::server {

struct KioskTokenCommand {
  enum class Action { Issue, List, Revoke } action = Action::Issue;
  std::string db_path;
  std::int32_t org_id = 0;
  std::int64_t ttl_days = 0;
  std::string label;
  std::int64_t revoke_id = 0;
};

// Prints what it did (an issued token alone on stdout, so scripts can take it); returns the exit code.
int run_kiosk_token_command(const KioskTokenCommand& command);

}  // namespace roster::server
