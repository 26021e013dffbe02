// Users in SQLite: every statement and write transaction on users (and the invites and search rows
// that go with them), and the in-memory user index kept in step with them. Reading one user and
// writing users is users_repository.cpp; pages of users for list and search (filters, sortBy labels,
// served by the in-memory index, user_index.h) are users_find.cpp.
#pragma once

#include "model/page.h"
#include "model/user.h"
#include "server/index/device_index.h"
#include "server/db/action_entry.h"
#include "server/db/directory.h"
#include "server/sqlite/sqlite_db.h"
#include "server/index/user_index.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace roster::server {

struct UserFilter {
  std::vector<std::int32_t> org_ids;  // empty: every organisation
  std::vector<std::int32_t> role_ids;
  std::vector<std::string> statuses;
  bool no_devices = false;
  std::int64_t login_before = 0;  // notSignedInForDays: last login before this time (ms), or never; 0 none
  std::int64_t only_user_id = 0;  // a plain User sees only themself
  std::string query;              // search text as typed; empty: no search
};

struct UserSort {
  UserSortKey key = UserSortKey::kId;
  bool descending = false;
};

// The public sortBy labels of "Search users" to the index's keys; nullopt for an unknown label.
std::optional<UserSortKey> user_sort_key(const std::string& label);
std::string user_sort_labels_text();  // "User Id, Name, ..." for error messages

constexpr int kInvitesPerDay = 25;  // per organisation, in UTC days

// The end of the UTC day of `now_ms` (the next midnight, ms since the epoch): when the day's count of
// invitations starts again at 0.
std::int64_t invite_day_end_ms(std::int64_t now_ms);

// An organisation's invitations on the UTC day of `now` (invitations and invitations sent again),
// for the quota extension; the limit is kInvitesPerDay.
struct InviteQuota {
  std::int64_t used_today = 0;
  std::int64_t resets_at = 0;  // invite_day_end_ms(now)
};

// How adding a user came out. `error` (for kFailed) is the database's message, for the log.
struct NewUserResult {
  enum class Outcome { kSaved, kEmailInUse, kDailyLimit, kFailed };
  Outcome outcome = Outcome::kFailed;
  std::int64_t id = 0;
  std::int64_t retry_after_s = 0;  // kDailyLimit: until the next UTC day
  std::string error;
};

// One place of the organisation's daily invitations, taken inside the caller's write transaction
// (an invitation, or one sent again).
enum class InviteSlot { kTaken, kDailyLimit, kFailed };
InviteSlot take_invite_slot(Database& db, std::int32_t org_id, std::int64_t now, std::int64_t& retry_after_s,
                            std::string& error);

// The editable fields of a user, as they are to be saved; tags unchanged when absent.
struct UserEdit {
  std::string name, nick_name, phone, tz;
  std::optional<std::vector<std::int32_t>> tag_ids;
};

// A view of the users over one connection (the calling thread's): cheap, made per request. Writes
// take the writers' mutex (see WriteTransaction) and, once committed, re-read what they changed
// into the user index and the device index (a user's devices carry their name and organisation).
class UsersRepository {
 public:
  UsersRepository(Database& db, const Directory& dir, std::mutex& writers, UserIndex& index, DeviceIndex& devices)
      : db_(db), dir_(dir), writers_(writers), index_(index), devices_(devices) {}

  std::optional<User> load(std::int64_t id);
  std::optional<User> load_by_email(const std::string& email);

  bool find(const UserFilter& filter, const UserSort& sort, std::int64_t page, std::int64_t size, Page<User>& out,
            std::string& error);
  // The same order and filters as find(), as ids only: a selection (bulk) or an export's next rows.
  void find_ids(const UserFilter& filter, const UserSort& sort, std::int64_t offset, std::int64_t size,
                std::int64_t& total, std::vector<std::int64_t>& ids);
  // The rows of `ids` from SQLite, in that order (those without a row left out).
  bool load_rows(const std::vector<std::int64_t>& ids, std::vector<User>& out, std::string& error);

  // An invited user (Pending, no password), within the organisation's daily limit of invitations.
  // Each with the actor's entry of the actions log, written in the same transaction. Changes of an
  // existing user are admin_repository.h's.
  NewUserResult invite(const User& u, const ActionEntry& log);
  NewUserResult create(const User& u, const std::string& password_hash, const ActionEntry& log);
  // How many of the organisation's daily places are taken on the UTC day of `now`: the same count
  // that invite() and a resend check against.
  bool invite_quota(std::int32_t org_id, std::int64_t now, InviteQuota& out, std::string& error);

 private:
  UserIndexQuery index_query(const UserFilter& filter, const UserSort& sort);
  // The users of `ids`, in that order (ids without a row are left out).
  bool load_in_order(const std::vector<std::int64_t>& ids, std::vector<User>& out, std::string& error);
  // Inserts a new user row plus its search row; returns the id or 0 with `error`.
  std::int64_t insert(const User& u, const std::string& password_hash, std::string& error);
  // Re-reads a committed user, and their devices, into the in-memory indexes (a failure is logged;
  // the write stands).
  void refresh_index(std::int64_t user_id);
  NewUserResult add(const User& u, const std::string& password_hash, bool invitation, const ActionEntry& log);

  Database& db_;
  const Directory& dir_;
  std::mutex& writers_;
  UserIndex& index_;      // updated after each committed write, while the writers' mutex is still held
  DeviceIndex& devices_;  // likewise
};

}  // namespace roster::server
