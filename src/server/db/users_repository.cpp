// Reading one user (or a page's rows) and every write on users: invitations with their daily limit,
// new users, role changes, transfers and edits, each with its search row, in one transaction.
#include "server/db/users_repository.h"

#include "model/utf8.h"
#include "model/validation.h"
#include "server/db/index_loader.h"
#include "server/sqlite/sql_text.h"
#include "server/base/clock.h"

#include <algorithm>
#include <cstdio>
#include <iterator>

namespace roster::server {

namespace {

const char* const kUserColumns =
    "u.id, u.name, u.email, u.role_id, u.org_id, u.is_dev, u.title, u.nick_name, u.phone, u.tz, u.locale,"
    " u.status, u.last_modified_ts, u.last_logged_at, u.registered_at, u.org_name, u.country, u.city,"
    " u.devices_count, u.tag_ids";

User read_user(const Statement& st, const Directory& dir) {
  User u;
  u.id = st.int64(0);
  u.name = st.text(1);
  u.email = st.text(2);
  u.roleId = st.int32(3);
  u.orgId = st.int32(4);
  u.isDev = st.int32(5) != 0;
  u.title = st.text(6);
  u.nickName = st.text(7);
  u.phoneNumber = st.text(8);
  u.tz = st.text(9);
  u.locale = st.text(10);
  u.status = st.text(11);
  u.lastModifiedTs = st.int64(12);
  u.lastLoggedAt = st.int64(13);
  u.registeredAt = st.int64(14);
  u.orgName = st.text(15);
  u.country = st.text(16);
  u.city = st.text(17);
  u.devicesCount = st.int32(18);
  std::vector<Tag> tags;
  std::string ids = st.text(19);
  std::size_t start = 0;
  while (start < ids.size()) {
    auto comma = ids.find(',', start);
    std::int64_t id = 0;
    if (parse_int64(ids.substr(start, comma == std::string::npos ? std::string::npos : comma - start), id))
      if (const Tag* t = dir.tag(static_cast<std::int32_t>(id))) tags.push_back(*t);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  u.tags = std::move(tags);
  return u;
}

std::int64_t utc_day(std::int64_t ms) { return ms / 86'400'000; }

}  // namespace

std::optional<User> UsersRepository::load(std::int64_t id) {
  auto st = db_.prepare(std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_user(st, dir_);
}

std::optional<User> UsersRepository::load_by_email(const std::string& email) {
  auto st = db_.prepare(std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.email = ?");
  st.bind(1, utf8::to_lower(email));
  if (!st.step()) return std::nullopt;
  return read_user(st, dir_);
}

bool UsersRepository::load_in_order(const std::vector<std::int64_t>& ids, std::vector<User>& out, std::string& error) {
  auto rows = db_.prepare(std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.id IN (" + id_list(ids) + ")");
  // Read straight into `out` (room made once: an export asks for a million rows, a piece at a time),
  // then put in the order of `ids` unless they came in it (ids ascending, none missing: the usual).
  const std::size_t first = out.size();
  out.reserve(first + ids.size());
  while (rows.step()) out.push_back(read_user(rows, dir_));
  // A failed read is an error, never a short page that looks like the end of the list.
  if (!rows.error().empty()) {
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
    error = rows.error();
    return false;
  }
  bool in_order = out.size() - first == ids.size();
  for (std::size_t i = 0; in_order && i < ids.size(); ++i) in_order = out[first + i].id == ids[i];
  if (in_order) return true;
  std::unordered_map<std::int64_t, std::size_t> at;
  for (std::size_t i = first; i < out.size(); ++i) at.emplace(out[i].id, i);
  std::vector<User> ordered;
  ordered.reserve(at.size());
  for (auto id : ids) {
    auto it = at.find(id);
    if (it != at.end()) ordered.push_back(out[it->second]);  // a copy: an id may be asked for twice
  }
  out.erase(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
  std::move(ordered.begin(), ordered.end(), std::back_inserter(out));
  return true;
}

std::int64_t UsersRepository::insert(const User& u, const std::string& password_hash, std::string& error) {
  auto st = db_.prepare(
      "INSERT INTO users(email, name, name_fold, role_id, org_id, org_name, is_dev, title, nick_name, phone, tz,"
      " locale, status, last_modified_ts, last_logged_at, registered_at, country, city, devices_count, tag_ids,"
      " password_hash) VALUES (?,?,?,?,?,?,0,?,?,?,?,?,?,?,0,?,?,?,0,'',?)");
  const Organization* org = dir_.org(u.orgId);
  std::int64_t now = now_ms();
  st.bind(1, utf8::to_lower(u.email))
      .bind(2, u.name)
      .bind(3, utf8::to_lower(u.name))
      .bind(4, static_cast<std::int64_t>(u.roleId))
      .bind(5, static_cast<std::int64_t>(u.orgId))
      .bind(6, org ? org->name : std::string())
      .bind(7, u.title.value_or(""))
      .bind(8, u.nickName.value_or(""))
      .bind(9, u.phoneNumber.value_or(""))
      .bind(10, u.tz.value_or(org ? org->tz : "UTC"))
      .bind(11, u.locale.value_or("en_US"))
      .bind(12, u.status.value_or("Pending"))
      .bind(13, now)
      .bind(14, now)
      .bind(15, org ? org->address.country : std::string())
      .bind(16, org ? org->address.city : std::string());
  if (password_hash.empty())
    st.bind_null(17);
  else
    st.bind(17, password_hash);
  if (!st.run()) {
    error = st.error();
    return 0;
  }
  return db_.last_insert_id();
}

void UsersRepository::refresh_index(std::int64_t user_id) {
  // Still inside the writers' mutex: refreshes happen in commit order, each reading what it committed.
  std::string error;
  if (!refresh_indexed_user(db_, index_, user_id, error) || !refresh_owner_devices(db_, devices_, user_id, error))
    std::fprintf(stderr, "roster-server: user %lld saved but not re-indexed: %s\n", static_cast<long long>(user_id),
                 error.c_str());
}

std::int64_t invite_day_end_ms(std::int64_t now_ms) { return (utc_day(now_ms) + 1) * 86'400'000; }

namespace {

// The organisation's invitations on `day` (a UTC day number); false with `error` when the read fails.
bool invites_on(Database& db, std::int32_t org_id, std::int64_t day, std::int64_t& sent, std::string& error) {
  sent = 0;
  auto count = db.prepare("SELECT count FROM invites WHERE org_id = ? AND day = ?");
  count.bind(1, static_cast<std::int64_t>(org_id)).bind(2, day);
  if (count.step())
    sent = count.int64(0);
  else if (!count.error().empty())
    return error = count.error(), false;
  return true;
}

}  // namespace

bool UsersRepository::invite_quota(std::int32_t org_id, std::int64_t now, InviteQuota& out, std::string& error) {
  out.resets_at = invite_day_end_ms(now);
  return invites_on(db_, org_id, utc_day(now), out.used_today, error);
}

InviteSlot take_invite_slot(Database& db, std::int32_t org_id, std::int64_t now, std::int64_t& retry_after_s,
                            std::string& error) {
  const std::int64_t day = utc_day(now);
  std::int64_t sent = 0;
  if (!invites_on(db, org_id, day, sent, error)) return InviteSlot::kFailed;
  if (sent >= kInvitesPerDay) {
    retry_after_s = invite_day_end_ms(now) / 1000 - now / 1000;
    return InviteSlot::kDailyLimit;
  }
  auto bump = db.prepare(
      "INSERT INTO invites(org_id, day, count) VALUES (?, ?, 1) ON CONFLICT(org_id, day) DO UPDATE SET count = count "
      "+ 1");
  bump.bind(1, static_cast<std::int64_t>(org_id)).bind(2, day);
  if (!bump.run()) return error = bump.error(), InviteSlot::kFailed;
  return InviteSlot::kTaken;
}

NewUserResult UsersRepository::invite(const User& u, const ActionEntry& log) { return add(u, "", true, log); }

NewUserResult UsersRepository::create(const User& u, const std::string& password_hash, const ActionEntry& log) {
  return add(u, password_hash, false, log);
}

NewUserResult UsersRepository::add(const User& u, const std::string& password_hash, bool invitation,
                                   const ActionEntry& log) {
  using Outcome = NewUserResult::Outcome;
  NewUserResult result;
  {
    // The address is checked, and the day's invitations counted, inside the same write transaction
    // as the insert: two requests cannot both take an address, nor both take the 25th place.
    WriteTransaction tx(db_, writers_);
    if (!tx.ok()) return {Outcome::kFailed, 0, 0, db_.error()};
    if (load_by_email(u.email)) return {Outcome::kEmailInUse, 0, 0, {}};
    const std::int64_t now = now_ms();
    if (invitation) {
      switch (take_invite_slot(db_, u.orgId, now, result.retry_after_s, result.error)) {
        case InviteSlot::kTaken: break;
        case InviteSlot::kDailyLimit: return {Outcome::kDailyLimit, 0, result.retry_after_s, {}};
        case InviteSlot::kFailed: return {Outcome::kFailed, 0, 0, result.error};
      }
    }
    result.id = insert(u, password_hash, result.error);
    if (!result.id || !write_action(db_, log, now, result.error) || !tx.commit())
      return {Outcome::kFailed, 0, 0, result.error + db_.error()};
    refresh_index(result.id);
  }
  result.outcome = Outcome::kSaved;
  return result;
}

}  // namespace roster::server
