// What an organisation's admin does to users (contract section 7), in SQLite: one user changed
// (suspend, reactivate, end sessions, resend the invitation, delete, and the public role change,
// transfer and the edit extension), a bulk change of many in one transaction, and a new tag. Each
// writes the actor's actions-log entry in the same transaction as the change, checks the route's
// conditions (visibility, If-Match, the rules) against the user as stored inside that transaction,
// and once committed brings the in-memory indexes up to date in place.
#pragma once

#include "model/user.h"
#include "server/db/action_entry.h"
#include "server/db/directory.h"
#include "server/db/users_repository.h"
#include "server/index/device_index.h"
#include "server/index/user_index.h"
#include "server/sqlite/sqlite_db.h"

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace roster::server {

// Why a change is refused; status 0: it is not.
struct Refusal {
  int status = 0;
  std::string message;
  explicit operator bool() const { return status != 0; }
};

enum class UserAction { kSuspend, kReactivate, kEndSessions, kResendInvite, kDelete, kSetRole, kTransfer, kEdit };

struct UserChange {
  UserAction action = UserAction::kSuspend;
  std::int32_t role_id = 0;  // kSetRole, kTransfer
  std::int32_t org_id = 0;   // kTransfer
  UserEdit edit;             // kEdit
};

// The user as stored inside the write transaction, and (when they are an Admin; else 0) how many
// Admins not suspended their organisation has: what the route's conditions and the rules are
// checked against.
using UserCheck = std::function<Refusal(const User& user, std::int64_t active_admins_in_org)>;

struct ChangeResult {
  enum class Outcome { kSaved, kNotFound, kRefused, kDailyLimit, kFailed };
  Outcome outcome = Outcome::kFailed;
  Refusal refusal;
  std::int64_t retry_after_s = 0;  // kDailyLimit
  std::string error;               // kFailed: the database's message, for the log
};

// A bulk change: one action over many users.
enum class BulkAction { kAddTags, kRemoveTags, kSetRole, kSuspend, kReactivate, kDelete, kEndSessions };

struct BulkFailure {
  std::int64_t user_id = 0;
  std::string message;
};

struct BulkResult {
  bool ok = false;
  std::string error;
  std::int64_t matched = 0;
  std::vector<std::int64_t> changed;  // ids written (for endSessions: every id that passed the rules)
  std::vector<BulkFailure> failed;
};

// Whether a user may be changed by a bulk action: a refusal's words (a `failed` entry), or empty.
// Given the user's row as stored (org, role, status, tags) inside the transaction.
struct BulkTarget {
  std::int64_t id = 0;
  std::int32_t org_id = 0, role_id = 0;
  std::string status;
  std::vector<std::int32_t> tag_ids;
};

class AdminRepository {
 public:
  AdminRepository(Database& db, Directory& dir, std::mutex& writers, UserIndex& index, DeviceIndex& devices)
      : db_(db), dir_(dir), writers_(writers), index_(index), devices_(devices) {}

  // One user: loads them inside the write transaction, asks `check`, writes the change and `log`.
  ChangeResult change(std::int64_t user_id, const UserChange& change, const UserCheck& check, const ActionEntry& log);

  // Many users: `ids` (already resolved from the selection) with the action; `actor_user_id` is not
  // suspended, demoted, deleted nor logged out by it; `log_name(changed)` names the entry.
  BulkResult bulk(const std::vector<std::int64_t>& ids, BulkAction action, std::int32_t role_id,
                  const std::vector<std::int32_t>& tag_ids, std::int64_t actor_user_id,
                  const std::function<std::string(std::int64_t changed)>& log_name, ActionEntry log);

  // An entry alone (an export changes nothing but is recorded); false with `error`.
  bool log(const ActionEntry& entry, std::string& error);

  // A new tag of `org_id`; 0 with `refusal` when the name is taken there, or with `error`.
  std::int32_t create_tag(std::int32_t org_id, const std::string& name, const std::string& color,
                          const ActionEntry& log, Refusal& refusal, std::string& error);

 private:
  // The rows of a batch of ids (at most a thousand: one statement), in id order.
  bool load_targets(const std::vector<std::int64_t>& ids, std::vector<BulkTarget>& out, std::string& error);
  void refresh_after(const std::vector<std::int64_t>& user_ids, const std::vector<std::int64_t>& device_ids);

  Database& db_;
  Directory& dir_;
  std::mutex& writers_;
  UserIndex& index_;
  DeviceIndex& devices_;
};

// What a user's status is once no admin holds it: what their logins say.
std::string status_from_logins(std::int64_t last_logged_at, std::int64_t now);

}  // namespace roster::server
