// Section 7's writes: one user, many users, a tag. Each is one write transaction that checks the
// user as stored inside it, writes the change and the actor's log entry, commits, then re-reads
// what changed into the indexes (still inside the writers' mutex, so refreshes follow commits).
#include "server/db/admin_repository.h"

#include "model/utf8.h"
#include "model/validation.h"
#include "server/base/clock.h"
#include "server/db/index_loader.h"
#include "server/sqlite/sql_text.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

namespace roster::server {

namespace {

constexpr std::int32_t kAdminRole = 1;
constexpr std::int64_t kInactiveAfterMs = 30LL * 86'400'000;  // "no login for a month"
constexpr std::size_t kBatch = 1000;                          // ids per statement and per index lock

std::vector<std::int32_t> parse_tag_ids(const std::string& text) {
  std::vector<std::int32_t> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    std::int64_t id = 0;
    if (parse_int64(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start), id))
      out.push_back(static_cast<std::int32_t>(id));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// The devices a user owns, before a delete leaves them without an owner.
bool owned_devices(Database& db, const std::string& owners_sql, std::vector<std::int64_t>& out, std::string& error) {
  auto st = db.prepare("SELECT id FROM devices WHERE owner_user_id IN (" + owners_sql + ")");
  while (st.step()) out.push_back(st.int64(0));
  if (!st.error().empty()) return error = st.error(), false;
  return true;
}

bool run(Database& db, const std::string& sql, const std::vector<Bind>& binds, std::string& error) {
  auto st = db.prepare(sql);
  bind_all(st, binds);
  if (!st.run()) return error = st.error(), false;
  return true;
}

}  // namespace

std::string status_from_logins(std::int64_t last_logged_at, std::int64_t now) {
  if (last_logged_at <= 0) return "Pending";
  return now - last_logged_at > kInactiveAfterMs ? "Inactive" : "Active";
}

ChangeResult AdminRepository::change(std::int64_t user_id, const UserChange& change, const UserCheck& check,
                                     const ActionEntry& log) {
  using Outcome = ChangeResult::Outcome;
  ChangeResult result;
  std::vector<std::int64_t> devices;
  {
    WriteTransaction tx(db_, writers_);
    if (!tx.ok()) return {Outcome::kFailed, {}, 0, db_.error()};
    UsersRepository users(db_, dir_, writers_, index_, devices_);
    auto user = users.load(user_id);
    if (!user) return {Outcome::kNotFound, {}, 0, {}};
    // The index is in step with the database inside the writers' mutex: every write refreshes it
    // before letting go. Only an Admin's change needs the count (a pass over every user).
    std::int64_t active_admins = 0;
    if (user->roleId == kAdminRole) {
      const auto admins = index_.count_by_org(kAdminRole, "Suspended");
      const auto it = admins.find(user->orgId);
      active_admins = it == admins.end() ? 0 : it->second;
    }
    if (auto refusal = check(*user, active_admins)) return {Outcome::kRefused, refusal, 0, {}};
    const std::int64_t now = now_ms();
    const std::string id = std::to_string(user_id);
    std::string& error = result.error;
    bool ok = true;
    switch (change.action) {
      case UserAction::kSuspend:
        ok =
            run(db_, "UPDATE users SET status = 'Suspended', last_modified_ts = ? WHERE id = ?", {now, user_id}, error);
        break;
      case UserAction::kReactivate:
        if (user->status.value_or("") == "Suspended")
          ok = run(db_, "UPDATE users SET status = ?, last_modified_ts = ? WHERE id = ?",
                   {status_from_logins(user->lastLoggedAt.value_or(0), now), now, user_id}, error);
        break;
      case UserAction::kEndSessions: break;  // sessions live in memory: the route ends them after the commit
      case UserAction::kResendInvite:
        if (user->status.value_or("") != "Pending")
          return {Outcome::kRefused,
                  {400, user->email + " has signed in already; only a Pending user's invitation can be sent again."},
                  0,
                  {}};
        switch (take_invite_slot(db_, user->orgId, now, result.retry_after_s, error)) {
          case InviteSlot::kTaken: break;
          case InviteSlot::kDailyLimit: return {Outcome::kDailyLimit, {}, result.retry_after_s, {}};
          case InviteSlot::kFailed: return {Outcome::kFailed, {}, 0, error};
        }
        ok = run(db_, "UPDATE users SET last_modified_ts = ? WHERE id = ?", {now, user_id}, error);
        break;
      case UserAction::kDelete:
        // Their devices stay in their organisation, without an owner; the ids are kept to re-index them.
        ok = owned_devices(db_, id, devices, error) &&
             run(db_, "UPDATE devices SET owner_user_id = 0 WHERE owner_user_id = ?", {user_id}, error) &&
             run(db_, "DELETE FROM users WHERE id = ?", {user_id}, error);
        break;
      case UserAction::kSetRole:
        ok = run(db_, "UPDATE users SET role_id = ?, last_modified_ts = ? WHERE id = ?",
                 {static_cast<std::int64_t>(change.role_id), now, user_id}, error);
        break;
      case UserAction::kTransfer: {
        const Organization* org = dir_.org(change.org_id);
        if (!org) return {Outcome::kFailed, {}, 0, "organization " + std::to_string(change.org_id) + " does not exist"};
        // The user's devices move with them: a device belongs to its owner's organisation.
        ok = run(db_, "UPDATE users SET org_id = ?, org_name = ?, role_id = ?, last_modified_ts = ? WHERE id = ?",
                 {static_cast<std::int64_t>(change.org_id), org->name, static_cast<std::int64_t>(change.role_id), now,
                  user_id},
                 error) &&
             run(db_, "UPDATE devices SET org_id = ? WHERE owner_user_id = ?",
                 {static_cast<std::int64_t>(change.org_id), user_id}, error);
        break;
      }
      case UserAction::kEdit: {
        const UserEdit& e = change.edit;
        auto st = db_.prepare(
            "UPDATE users SET name = ?, name_fold = ?, nick_name = ?, phone = ?, tz = ?, tag_ids = coalesce(?, "
            "tag_ids), last_modified_ts = ? WHERE id = ?");
        st.bind(1, e.name).bind(2, utf8::to_lower(e.name)).bind(3, e.nick_name).bind(4, e.phone).bind(5, e.tz);
        if (e.tag_ids)
          st.bind(6, id_list(*e.tag_ids));
        else
          st.bind_null(6);
        st.bind(7, now).bind(8, user_id);
        ok = st.run();
        if (!ok) error = st.error();
        break;
      }
    }
    if (!ok || !write_action(db_, log, now, error) || !tx.commit())
      return {Outcome::kFailed, {}, 0, error + db_.error()};
    std::string index_error;
    if (!refresh_indexed_user(db_, index_, user_id, index_error) ||
        (change.action != UserAction::kDelete && !refresh_owner_devices(db_, devices_, user_id, index_error)) ||
        !refresh_devices(db_, devices_, devices, index_error))
      std::fprintf(stderr, "roster-server: user %lld saved but not re-indexed: %s\n", static_cast<long long>(user_id),
                   index_error.c_str());
  }
  result.outcome = Outcome::kSaved;
  return result;
}

bool AdminRepository::load_targets(const std::vector<std::int64_t>& ids, std::vector<BulkTarget>& out,
                                   std::string& error) {
  for (std::size_t start = 0; start < ids.size(); start += kBatch) {
    std::vector<std::int64_t> batch(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                    ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), start + kBatch)));
    auto st = db_.prepare("SELECT id, org_id, role_id, status, tag_ids FROM users WHERE id IN (" + id_list(batch) +
                          ") ORDER BY id");
    while (st.step()) out.push_back({st.int64(0), st.int32(1), st.int32(2), st.text(3), parse_tag_ids(st.text(4))});
    if (!st.error().empty()) return error = st.error(), false;
  }
  return true;
}

void AdminRepository::refresh_after(const std::vector<std::int64_t>& user_ids,
                                    const std::vector<std::int64_t>& device_ids) {
  std::string error;
  if (!refresh_indexed_users(db_, index_, user_ids, kBatch, error) ||
      !refresh_devices(db_, devices_, device_ids, error))
    std::fprintf(stderr, "roster-server: a bulk change was saved but not re-indexed: %s\n", error.c_str());
}

BulkResult AdminRepository::bulk(const std::vector<std::int64_t>& requested, BulkAction action, std::int32_t role_id,
                                 const std::vector<std::int32_t>& tag_ids, std::int64_t actor_user_id,
                                 const std::function<std::string(std::int64_t)>& log_name, ActionEntry log) {
  BulkResult result;
  std::vector<std::int64_t> ids = requested;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  result.matched = static_cast<std::int64_t>(ids.size());
  const bool tags_action = action == BulkAction::kAddTags || action == BulkAction::kRemoveTags;
  // One statement for every user changed, over a temporary table of their ids.
  const bool uniform = !tags_action && action != BulkAction::kEndSessions;
  std::vector<std::int64_t> devices;
  std::string& error = result.error;
  {
    WriteTransaction tx(db_, writers_);
    if (!tx.ok()) return error = db_.error(), result;
    if (uniform && !db_.exec("CREATE TEMP TABLE IF NOT EXISTS bulk_ids(id INTEGER PRIMARY KEY); DELETE FROM bulk_ids;"))
      return error = db_.error(), result;
    auto insert_id = db_.prepare("INSERT INTO bulk_ids(id) VALUES (?)");
    auto set_tags = db_.prepare("UPDATE users SET tag_ids = ?, last_modified_ts = ? WHERE id = ?");
    auto admins = index_.count_by_org(kAdminRole, "Suspended");
    const std::int64_t now = now_ms();
    const char* last_admin = "The last Admin of an organization cannot be demoted, suspended or deleted.";
    // A batch of users at a time: their rows, the rules, the writes; only ids outlive a batch.
    std::vector<BulkTarget> targets;
    for (std::size_t start = 0; start < ids.size(); start += kBatch) {
      const std::vector<std::int64_t> batch(
          ids.begin() + static_cast<std::ptrdiff_t>(start),
          ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), start + kBatch)));
      targets.clear();
      if (!load_targets(batch, targets, error)) return result;
      // Users gone since the selection was read (deleted meanwhile) are failures, not silently skipped.
      for (std::size_t t = 0, b = 0; b < batch.size(); ++b) {
        if (t < targets.size() && targets[t].id == batch[b])
          ++t;
        else
          result.failed.push_back({batch[b], "User with identifier " + std::to_string(batch[b]) + " is not found."});
      }
      for (const auto& u : targets) {
        const bool self = actor_user_id != 0 && u.id == actor_user_id;
        auto fail = [&](const std::string& why) { result.failed.push_back({u.id, why}); };
        // The last Admin of an organisation stays: demoting, suspending or deleting them is refused.
        auto takes_last_admin = [&] {
          if (u.role_id != kAdminRole || u.status == "Suspended") return false;
          auto& n = admins[u.org_id];
          if (n <= 1) return true;
          --n;
          return false;
        };
        bool change = false;
        std::vector<std::int32_t> tags = u.tag_ids;
        switch (action) {
          case BulkAction::kAddTags:
          case BulkAction::kRemoveTags: {
            bool bad = false;
            for (auto t : tag_ids) {
              if (action == BulkAction::kRemoveTags) {
                tags.erase(std::remove(tags.begin(), tags.end(), t), tags.end());
              } else if (dir_.tag_org(t) != u.org_id) {
                fail("Tag " + std::to_string(t) + " does not belong to the user's organization.");
                bad = true;
                break;
              } else if (std::find(tags.begin(), tags.end(), t) == tags.end()) {
                tags.push_back(t);
              }
            }
            if (bad) break;
            if (auto problem = validate_tag_count(tags.size()); !problem.empty()) {
              fail(problem);
              break;
            }
            change = tags != u.tag_ids;
            break;
          }
          case BulkAction::kSetRole:
            if (u.role_id == role_id) break;
            if (role_id != kAdminRole && self)
              fail("You cannot change your own role.");
            else if (role_id != kAdminRole && takes_last_admin())
              fail(last_admin);
            else
              change = true;
            break;
          case BulkAction::kSuspend:
          case BulkAction::kDelete:
            if (self)
              fail(action == BulkAction::kSuspend ? "You cannot suspend yourself." : "You cannot delete yourself.");
            else if (action == BulkAction::kSuspend && u.status == "Suspended")
              break;
            else if (takes_last_admin())
              fail(last_admin);
            else
              change = true;
            break;
          case BulkAction::kReactivate: change = u.status == "Suspended"; break;
          case BulkAction::kEndSessions:
            if (self)
              fail("You cannot end your own sessions.");
            else
              change = true;
            break;
        }
        if (!change) continue;
        Statement& st = tags_action ? set_tags : insert_id;
        st.reset();
        if (tags_action)
          st.bind(1, id_list(tags)).bind(2, now).bind(3, u.id);
        else
          st.bind(1, u.id);
        if ((tags_action || uniform) && !st.run()) return error = st.error(), result;
        result.changed.push_back(u.id);
      }
    }
    bool ok = true;
    if (uniform && !result.changed.empty()) {
      const std::string in = "SELECT id FROM bulk_ids";
      switch (action) {
        case BulkAction::kSetRole:
          ok = run(db_, "UPDATE users SET role_id = ?, last_modified_ts = ? WHERE id IN (" + in + ")",
                   {static_cast<std::int64_t>(role_id), now}, error);
          break;
        case BulkAction::kSuspend:
          ok = run(db_, "UPDATE users SET status = 'Suspended', last_modified_ts = ? WHERE id IN (" + in + ")", {now},
                   error);
          break;
        case BulkAction::kReactivate:
          // What logins say, as status_from_logins() does for one user.
          ok = run(db_,
                   "UPDATE users SET status = CASE WHEN last_logged_at <= 0 THEN 'Pending' WHEN ? - last_logged_at > ?"
                   " THEN 'Inactive' ELSE 'Active' END, last_modified_ts = ? WHERE id IN (" +
                       in + ")",
                   {now, kInactiveAfterMs, now}, error);
          break;
        case BulkAction::kDelete:
          // Their devices stay in their organisations without an owner; their ids are kept to re-index them.
          ok = owned_devices(db_, in, devices, error) &&
               run(db_, "UPDATE devices SET owner_user_id = 0 WHERE owner_user_id IN (" + in + ")", {}, error) &&
               run(db_, "DELETE FROM users WHERE id IN (" + in + ")", {}, error);
          break;
        default: break;
      }
    }
    if (ok && uniform) ok = db_.exec("DELETE FROM bulk_ids;") || (error = db_.error(), false);
    log.name = log_name(static_cast<std::int64_t>(result.changed.size()));
    if (!ok || !write_action(db_, log, now, error) || !tx.commit()) {
      error += db_.error();
      result.changed.clear();
      return result;
    }
    // Tags are not held by the index (a page's rows are read from SQLite), so a tag change needs no
    // refresh; ending sessions writes nothing.
    if (uniform) refresh_after(result.changed, devices);
  }
  std::sort(result.failed.begin(), result.failed.end(),
            [](const BulkFailure& a, const BulkFailure& b) { return a.user_id < b.user_id; });
  result.ok = true;
  return result;
}

bool AdminRepository::log(const ActionEntry& entry, std::string& error) {
  WriteTransaction tx(db_, writers_);
  if (!tx.ok() || !write_action(db_, entry, now_ms(), error) || !tx.commit()) return error += db_.error(), false;
  return true;
}

std::int32_t AdminRepository::create_tag(std::int32_t org_id, const std::string& name, const std::string& color,
                                         const ActionEntry& log, Refusal& refusal, std::string& error) {
  std::int32_t id = 0;
  {
    WriteTransaction tx(db_, writers_);
    if (!tx.ok()) return error = db_.error(), 0;
    auto same = db_.prepare("SELECT 1 FROM tags WHERE org_id = ? AND roster_fold(name) = roster_fold(?)");
    same.bind(1, static_cast<std::int64_t>(org_id)).bind(2, name);
    if (same.step()) {
      refusal = {400, "A tag named \u201C" + name + "\u201D already exists in this organization."};
      return 0;
    }
    if (!same.error().empty()) return error = same.error(), 0;
    auto st = db_.prepare("INSERT INTO tags(org_id, name, color) VALUES (?, ?, ?)");
    st.bind(1, static_cast<std::int64_t>(org_id)).bind(2, name).bind(3, color);
    if (!st.run() || !write_action(db_, log, now_ms(), error) || !tx.commit())
      return error = st.error() + error + db_.error(), 0;
    id = static_cast<std::int32_t>(db_.last_insert_id());
    dir_.add_tag(Tag{id, name, color}, org_id);
  }
  return id;
}

}  // namespace roster::server
