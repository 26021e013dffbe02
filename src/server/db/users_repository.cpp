// Reading one user (or a page's rows) and every write on users: invitations with their daily limit,
// new users, role changes, transfers and edits, each with its search row, in one transaction.
#include "server/db/users_repository.h"

#include "model/utf8.h"
#include "model/validation.h"
#include "server/db/index_loader.h"
#include "server/sqlite/sql_text.h"
#include "server/base/clock.h"

#include <cstdio>

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
  std::unordered_map<std::int64_t, User> by_id;
  while (rows.step()) {
    User u = read_user(rows, dir_);
    by_id.emplace(u.id, std::move(u));
  }
  // A failed read is an error, never a short page that looks like the end of the list.
  if (!rows.error().empty()) {
    error = rows.error();
    return false;
  }
  for (auto id : ids) {
    auto it = by_id.find(id);
    if (it != by_id.end()) out.push_back(std::move(it->second));
  }
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

NewUserResult UsersRepository::invite(const User& u) {
  using Outcome = NewUserResult::Outcome;
  NewUserResult result;
  {
    // The address is checked, and the day's invitations counted, inside the same write transaction
    // as the insert: two requests cannot both take an address, nor both take the 25th place.
    WriteTransaction tx(db_, writers_);
    if (!tx.ok()) return {Outcome::kFailed, 0, 0, db_.error()};
    if (load_by_email(u.email)) return {Outcome::kEmailInUse, 0, 0, {}};
    std::int64_t day = utc_day(now_ms());
    std::int64_t sent = 0;
    {
      auto count = db_.prepare("SELECT count FROM invites WHERE org_id = ? AND day = ?");
      count.bind(1, static_cast<std::int64_t>(u.orgId)).bind(2, day);
      if (count.step())
        sent = count.int64(0);
      else if (!count.error().empty())
        return {Outcome::kFailed, 0, 0, count.error()};
    }
    if (sent >= kInvitesPerDay) return {Outcome::kDailyLimit, 0, (day + 1) * 86400 - now_ms() / 1000, {}};
    result.id = insert(u, "", result.error);
    if (!result.id) return {Outcome::kFailed, 0, 0, result.error};
    auto bump = db_.prepare(
        "INSERT INTO invites(org_id, day, count) VALUES (?, ?, 1) ON CONFLICT(org_id, day) DO UPDATE SET count = count "
        "+ 1");
    bump.bind(1, static_cast<std::int64_t>(u.orgId)).bind(2, day);
    if (!bump.run() || !tx.commit()) return {Outcome::kFailed, 0, 0, bump.error() + db_.error()};
    refresh_index(result.id);
  }
  result.outcome = Outcome::kSaved;
  return result;
}

NewUserResult UsersRepository::create(const User& u, const std::string& password_hash) {
  using Outcome = NewUserResult::Outcome;
  NewUserResult result;
  {
    WriteTransaction tx(db_, writers_);
    if (!tx.ok()) return {Outcome::kFailed, 0, 0, db_.error()};
    if (load_by_email(u.email)) return {Outcome::kEmailInUse, 0, 0, {}};
    result.id = insert(u, password_hash, result.error);
    if (!result.id || !tx.commit()) return {Outcome::kFailed, 0, 0, result.error + db_.error()};
    refresh_index(result.id);
  }
  result.outcome = Outcome::kSaved;
  return result;
}

bool UsersRepository::change_role(std::int64_t user_id, std::int32_t role_id, std::string& error) {
  {
    WriteTransaction tx(db_, writers_);
    auto st = db_.prepare("UPDATE users SET role_id = ?, last_modified_ts = ? WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(role_id)).bind(2, now_ms()).bind(3, user_id);
    if (!tx.ok() || !st.run() || !tx.commit()) {
      error = st.error() + db_.error();
      return false;
    }
    refresh_index(user_id);
  }
  return true;
}

bool UsersRepository::transfer(std::int64_t user_id, std::int32_t org_id, std::int32_t role_id, std::string& error) {
  const Organization* org = dir_.org(org_id);
  if (!org) {  // the route answers 404 before this; the users row must never name a missing organisation
    error = "organization " + std::to_string(org_id) + " does not exist";
    return false;
  }
  {
    WriteTransaction tx(db_, writers_);
    auto st = db_.prepare("UPDATE users SET org_id = ?, org_name = ?, role_id = ?, last_modified_ts = ? WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(org_id))
        .bind(2, org->name)
        .bind(3, static_cast<std::int64_t>(role_id))
        .bind(4, now_ms())
        .bind(5, user_id);
    // The user's devices move with them: a device belongs to its owner's organisation.
    auto devices = db_.prepare("UPDATE devices SET org_id = ? WHERE owner_user_id = ?");
    devices.bind(1, static_cast<std::int64_t>(org_id)).bind(2, user_id);
    if (!tx.ok() || !st.run() || !devices.run() || !tx.commit()) {
      error = st.error() + devices.error() + db_.error();
      return false;
    }
    refresh_index(user_id);
  }
  return true;
}

bool UsersRepository::edit(std::int64_t user_id, const UserEdit& edit, std::string& error) {
  {
    WriteTransaction tx(db_, writers_);
    auto st = db_.prepare(
        "UPDATE users SET name = ?, name_fold = ?, nick_name = ?, phone = ?, tz = ?, tag_ids = coalesce(?, tag_ids),"
        " last_modified_ts = ? WHERE id = ?");
    st.bind(1, edit.name).bind(2, utf8::to_lower(edit.name)).bind(3, edit.nick_name).bind(4, edit.phone);
    st.bind(5, edit.tz);
    if (edit.tag_ids)
      st.bind(6, id_list(*edit.tag_ids));
    else
      st.bind_null(6);
    st.bind(7, now_ms()).bind(8, user_id);
    if (!tx.ok() || !st.run() || !tx.commit()) {
      error = st.error() + db_.error();
      return false;
    }
    refresh_index(user_id);
  }
  return true;
}

}  // namespace roster::server
