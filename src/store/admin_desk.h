// The administration of users from the console: single-user changes shown at once and rolled back
// when the server refuses (a 412 fetches the user as someone else left them and says so), the
// invitation form's state and the day's quota, an organization's tags, and bulk changes over the
// list's selection. It owns no rows: what a change does to the list and the profile goes out as
// patches (take_patches) that the Store applies to them.
#pragma once

#include "api/admin_api.h"
#include "api/platform_client.h"
#include "model/user.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace roster::store {

// One change of one user, as a menu or a dialog asks for it.
struct UserChange {
  enum class Kind { Suspend, Reactivate, EndSessions, ResendInvitation, Delete, SetRole, Edit, Transfer };
  Kind kind = Kind::Suspend;
  User target;           // the user as the console showed them when the person decided
  std::string etag;      // the profile's ETag of that copy, or "" (a row: the last write wins)
  int role_id = 0;       // SetRole, Transfer
  int org_id = 0;        // Transfer
  std::string org_name;  // Transfer: shown at once
  api::UserEdit edit;    // Edit
};
// The change as words for "Couldn't {what}": "suspend Olena Koval", "change the role of Olena Koval", ...
std::string change_what(UserChange::Kind kind, const std::string& who);

// What the rows and the profile must show now.
struct UserPatch {
  User user;             // merged into every held copy
  std::string etag;      // the server's, when it answered
  bool removed = false;  // deleted: the rows go when the list is fetched again
};

// Someone else changed the user since the console's copy (412): the user as the server has them now.
struct Conflict {
  std::string what;  // "change the role of Mia Walker"
  User now;
  std::string etag;
};

struct BulkRun {
  std::string description;  // "Changing the role of 1,204 users"
  bool running = true;
  std::optional<api::BulkResult> result;
  std::optional<std::string> error;  // the call failed as a whole
};

class AdminDesk {
 public:
  explicit AdminDesk(api::PlatformClient& client) : client_(client) {}

  // Shows the expected result at once (a patch), sends the change, and on the answer patches the
  // server's user, or the user as they were with a toast naming why (take_toasts).
  void change(const UserChange& change, std::int64_t now);
  bool pending(std::int64_t user_id) const { return pending_.count(user_id) != 0; }
  bool removed(std::int64_t user_id) const { return removed_.count(user_id) != 0; }

  void invite(const api::Invitation& invitation, std::int64_t now);
  bool inviting() const { return inviting_; }
  // The last invitation's refusal in the server's words (the dialog keeps its fields); cleared by
  // the next attempt or clear_invite().
  const std::string& invite_error() const { return invite_error_; }
  // Invitations the server took so far (one more: the dialog closes).
  int invited_count() const { return invited_count_; }
  void clear_invite() { invite_error_.clear(); }
  void load_quota(int org_id, std::int64_t now);
  const std::optional<api::InviteQuota>& quota() const { return quota_; }

  void load_tags(int org_id, std::int64_t now);  // once per organization
  const std::vector<Tag>* tags(int org_id) const;

  void bulk(const api::BulkChange& change, const std::string& description, std::int64_t now);
  const std::optional<BulkRun>& bulk_run() const { return bulk_; }
  void dismiss_bulk() { bulk_.reset(); }
  void dismiss_conflict() { conflict_.reset(); }
  const std::optional<Conflict>& conflict() const { return conflict_; }

  std::vector<UserPatch> take_patches();
  std::vector<std::string> take_toasts();
  // True once after a change the server accepted that may move rows (role, status, delete, bulk):
  // the list asks again.
  bool take_list_stale() {
    bool s = list_stale_;
    list_stale_ = false;
    return s;
  }
  bool take_changed() {
    bool c = changed_;
    changed_ = false;
    return c;
  }
  bool busy() const { return !pending_.empty() || inviting_ || (bulk_ && bulk_->running); }

 private:
  void answered(const UserChange& change, const api::Result<User>& result, std::int64_t now);
  void refused(const UserChange& change, const ApiError& error, api::ErrorKind kind, std::int64_t now);
  void settle(std::int64_t user_id);

  api::PlatformClient& client_;
  std::map<std::int64_t, int> pending_;  // user id -> changes on their way
  std::map<std::int64_t, bool> removed_;
  std::vector<UserPatch> patches_;
  std::vector<std::string> toasts_;
  std::optional<Conflict> conflict_;
  bool inviting_ = false;
  int invited_count_ = 0;
  std::string invite_error_;
  std::optional<api::InviteQuota> quota_;
  std::map<int, std::vector<Tag>> tags_;
  std::map<int, bool> tags_asked_;
  std::optional<BulkRun> bulk_;
  bool list_stale_ = false;
  bool changed_ = false;
};

}  // namespace roster::store
