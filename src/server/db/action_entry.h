// The actor's entry of the actions log, written by every change of a user in the same transaction
// as the change itself (contract section 7): both or neither.
#pragma once

#include "server/sqlite/sqlite_db.h"

#include <cstdint>
#include <string>

namespace roster::server {

// Who (a user id, 0 for an OAuth client, which is no person), from which organisation and client,
// and what.
struct ActionEntry {
  std::int64_t actor_user_id = 0;
  std::int32_t actor_org_id = 0;
  std::string client;  // "Web" for a console session, "HTTPS API" for a bearer token
  std::string name, code;
};

// Inside the caller's write transaction; false with `error` (the database's message).
bool write_action(Database& db, const ActionEntry& entry, std::int64_t now, std::string& error);

}  // namespace roster::server
