#include "server/db/index_loader.h"

#include "model/utf8.h"
#include "server/sqlite/sql_text.h"

#include <algorithm>

#include <unordered_map>

namespace roster::server {

namespace {

// The columns the user index keeps, read the same way at start (every user) and after a write (one).
constexpr const char* kUserColumns =
    "SELECT id, name_fold, email, role_id, city, country, status, org_id, org_name, devices_count, registered_at,"
    " phone, last_logged_at FROM users";

// Role names folded, by id (a handful of rows).
bool role_folds(Database& db, std::unordered_map<std::int64_t, std::string>& out, std::string& error) {
  auto st = db.prepare("SELECT id, name FROM roles");
  while (st.step()) out[st.int64(0)] = utf8::to_lower(st.text(1));
  if (!st.error().empty()) return error = st.error(), false;
  return true;
}

// One row of kUserColumns into `r`. Folded locations are cached by their text: a million users
// live in a few hundred places.
void read_user(Statement& st, const std::unordered_map<std::int64_t, std::string>& roles,
               std::unordered_map<std::string, std::string>& locations, std::string& location, UserIndexRow& r) {
  r.id = st.int64(0);
  r.name_fold = st.text(1);
  r.email = st.text(2);
  r.role_id = st.int32(3);
  auto role = roles.find(r.role_id);
  r.role_fold = role != roles.end() ? role->second : std::string();
  r.city = st.text(4);
  r.country = st.text(5);
  location = r.city + ", " + r.country;
  auto& folded = locations[location];
  if (folded.empty()) folded = utf8::to_lower(location);
  r.location_fold = folded;
  r.status = st.text(6);
  r.org_id = st.int32(7);
  r.org_name = st.text(8);
  r.devices_count = st.int32(9);
  r.registered_at = st.int64(10);
  r.phone = st.text(11);
  r.last_logged_at = st.int64(12);
}

// The columns of devices the index keeps, read the same way at start (every device) and after a
// write (one owner's, then with the joined names after them).
constexpr const char* kDeviceColumns =
    "SELECT d.id, d.template_id, d.org_id, d.name, d.owner_user_id, d.activated_at, d.online,"
    " d.last_received_event_at";

void read_device(const Statement& st, DeviceIndexRow& r) {
  r.id = st.int64(0);
  r.template_id = st.int32(1);
  r.org_id = st.int32(2);
  r.name = st.text(3);
  r.owner_user_id = st.int64(4);
  r.activated_at = st.int64(5);
  r.online = st.int32(6) != 0;
  r.last_event_at = st.int64(7);
}

bool names_by_id(Database& db, const char* table, std::unordered_map<std::int32_t, std::string>& out,
                 std::string& error) {
  auto st = db.prepare(std::string("SELECT id, name FROM ") + table);
  while (st.step()) out[st.int32(0)] = st.text(1);
  if (!st.error().empty()) return error = st.error(), false;
  return true;
}

// Row count and largest id of a table, to size an index before its rows arrive.
bool table_size(Database& db, const char* table, std::size_t& rows, std::int64_t& max_id, std::string& error) {
  auto st = db.prepare(std::string("SELECT count(*), coalesce(max(id), 0) FROM ") + table);
  if (!st.step()) return error = st.error(), false;
  rows = static_cast<std::size_t>(st.int64(0));
  max_id = st.int64(1);
  return true;
}

}  // namespace

bool load_user_index(Database& db, UserIndex& index, std::string& error) {
  std::unordered_map<std::int64_t, std::string> roles;
  std::size_t users = 0;
  std::int64_t max_id = 0;
  if (!role_folds(db, roles, error) || !table_size(db, "users", users, max_id, error)) return false;
  auto st = db.prepare(kUserColumns);
  std::unordered_map<std::string, std::string> locations;  // "city, country" folded, by city and country
  std::string location;
  index.load(users, max_id, [&](UserIndexRow& r) {
    if (!st.step()) return false;
    read_user(st, roles, locations, location, r);
    return true;
  });
  if (!st.error().empty()) return error = st.error(), false;
  return true;
}

bool refresh_indexed_user(Database& db, UserIndex& index, std::int64_t user_id, std::string& error) {
  // The same columns and folds as load_user_index().
  std::unordered_map<std::int64_t, std::string> roles;
  if (!role_folds(db, roles, error)) return false;
  auto st = db.prepare(std::string(kUserColumns) + " WHERE id = ?");
  st.bind(1, user_id);
  if (!st.step()) {
    if (!st.error().empty()) return error = st.error(), false;
    index.erase(user_id);
    return true;
  }
  std::unordered_map<std::string, std::string> locations;
  std::string location;
  UserIndexRow r;
  read_user(st, roles, locations, location, r);
  index.upsert(r);
  return true;
}

bool refresh_indexed_users(Database& db, UserIndex& index, const std::vector<std::int64_t>& user_ids, std::size_t batch,
                           std::string& error) {
  std::unordered_map<std::int64_t, std::string> roles;
  if (!role_folds(db, roles, error)) return false;
  std::unordered_map<std::string, std::string> locations;
  std::string location;
  std::vector<UserIndexRow> rows;
  std::vector<std::int64_t> gone;
  for (std::size_t start = 0; start < user_ids.size(); start += batch) {
    const std::size_t end = std::min(user_ids.size(), start + batch);
    std::vector<std::int64_t> ids(user_ids.begin() + static_cast<std::ptrdiff_t>(start),
                                  user_ids.begin() + static_cast<std::ptrdiff_t>(end));
    std::sort(ids.begin(), ids.end());
    auto st = db.prepare(std::string(kUserColumns) + " WHERE id IN (" + id_list(ids) + ") ORDER BY id");
    rows.clear();
    gone.clear();
    std::size_t next = 0;
    while (st.step()) {
      UserIndexRow r;
      read_user(st, roles, locations, location, r);
      while (next < ids.size() && ids[next] < r.id) gone.push_back(ids[next++]);
      if (next < ids.size() && ids[next] == r.id) ++next;
      rows.push_back(std::move(r));
    }
    if (!st.error().empty()) return error = st.error(), false;
    while (next < ids.size()) gone.push_back(ids[next++]);
    // One write lock per batch, released between batches: readers wait for a batch, never the whole.
    index.upsert_batch(rows);
    index.erase_batch(gone);
  }
  return true;
}

bool read_device_index(Database& db, DeviceIndex& index, std::string& error) {
  std::unordered_map<std::int32_t, std::string> templates, orgs;
  std::size_t devices = 0;
  std::int64_t max_id = 0;
  if (!names_by_id(db, "templates", templates, error) || !names_by_id(db, "orgs", orgs, error) ||
      !table_size(db, "devices", devices, max_id, error))
    return false;
  auto st = db.prepare(std::string(kDeviceColumns) + " FROM devices d");
  index.read(devices, max_id, [&](DeviceIndexRow& r) {
    if (!st.step()) return false;
    read_device(st, r);
    auto t = templates.find(r.template_id);
    r.model = t != templates.end() ? t->second : std::string();
    auto o = orgs.find(r.org_id);
    r.org_name = o != orgs.end() ? o->second : std::string();
    return true;
  });
  if (!st.error().empty()) return error = st.error(), false;
  return true;
}

namespace {

constexpr const char* kDeviceJoined =
    ", coalesce(u.name_fold, ''), coalesce(t.name, ''), coalesce(o.name, '') FROM devices d"
    " LEFT JOIN users u ON u.id = d.owner_user_id LEFT JOIN templates t ON t.id = d.template_id"
    " LEFT JOIN orgs o ON o.id = d.org_id";

bool upsert_devices(Statement& st, DeviceIndex& index, std::string& error) {
  DeviceIndexRow r;
  while (st.step()) {
    read_device(st, r);
    r.owner_name_fold = st.text(8);
    r.model = st.text(9);
    r.org_name = st.text(10);
    index.upsert(r);
  }
  if (!st.error().empty()) return error = st.error(), false;
  return true;
}

}  // namespace

bool refresh_devices(Database& db, DeviceIndex& index, const std::vector<std::int64_t>& device_ids,
                     std::string& error) {
  for (std::size_t start = 0; start < device_ids.size(); start += 1000) {
    std::vector<std::int64_t> ids(
        device_ids.begin() + static_cast<std::ptrdiff_t>(start),
        device_ids.begin() + static_cast<std::ptrdiff_t>(std::min(device_ids.size(), start + 1000)));
    auto st = db.prepare(std::string(kDeviceColumns) + kDeviceJoined + " WHERE d.id IN (" + id_list(ids) + ")");
    if (!upsert_devices(st, index, error)) return false;
  }
  return true;
}

bool refresh_owner_devices(Database& db, DeviceIndex& index, std::int64_t user_id, std::string& error) {
  auto st = db.prepare(std::string(kDeviceColumns) + kDeviceJoined + " WHERE d.owner_user_id = ?");
  st.bind(1, user_id);
  return upsert_devices(st, index, error);
}

}  // namespace roster::server
