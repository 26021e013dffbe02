// What every change of a user checks and writes (contract section 7): the actor's log entry, and
// the conditions checked inside the write transaction against the user as stored, in the contract's
// order: 404 for a user the caller may not see, 412 for a stale If-Match, then the rules' 400s.
#pragma once

#include "server/app/app.h"
#include "server/db/admin_repository.h"

#include <string>

namespace roster::server {

// The actor's entry: client "Web" for a console session, "HTTPS API" for a bearer token.
ActionEntry actor_entry(const Principal& who, std::string code, std::string name);

// Which of the rules a change is subject to.
struct Rules {
  bool not_self = false;          // suspend, delete, end sessions, demote
  bool keeps_last_admin = false;  // demote, suspend, delete: the organisation's last Admin stays
  std::int32_t new_role = 0;      // a role change (0: none); demoting is leaving Admin
};

UserCheck user_check(App& app, const Principal& who, const httplib::Request& req, Rules rules);

// The answer to a change's result: the user's detail (`status` 200 or 201), or the refusal.
Reply change_reply(App& app, const ChangeResult& result, std::int64_t user_id, int status, const std::string& what);

// Their console sessions end at once (suspended, deleted, "End sessions"); the count ended.
std::size_t end_sessions(App& app, std::int64_t user_id);

}  // namespace roster::server
