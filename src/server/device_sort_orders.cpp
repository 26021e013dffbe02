// Building the sort orders of devices. A key of devices is a walk of its index, already in order. A
// joined key is the devices' (group, id) pairs sorted, where a group number stands for one key value
// (one folded owner name, one model name, one organisation name) in ascending byte order, as
// SQLite's BINARY collation compares them: equal names share a group, so their devices fall back to
// id order as the SQL ORDER BY <key>, id does.
#include "server/device_sort_orders.h"

#include <algorithm>
#include <map>
#include <string>

namespace roster::server {

namespace {

using Pairs = std::vector<std::pair<std::uint32_t, std::int32_t>>;  // (group, device id)

// Groups of a small set of names (templates, organisations) by id; a missing name is "".
template <class NameOf>
std::map<std::int32_t, std::uint32_t> groups_of(const std::vector<std::int32_t>& ids, NameOf name_of) {
  std::map<std::string, std::vector<std::int32_t>> by_name;
  for (auto id : ids) by_name[name_of(id)].push_back(id);
  std::map<std::int32_t, std::uint32_t> out;
  std::uint32_t group = 0;
  for (const auto& [name, members] : by_name) {
    for (auto id : members) out[id] = group;
    ++group;
  }
  return out;
}

// (device id, column) for every device, and the column's distinct values.
bool device_column(Database& db, const char* column, std::vector<std::pair<std::int32_t, std::int32_t>>& rows,
                   std::vector<std::int32_t>& distinct) {
  auto st = db.prepare(std::string("SELECT d.id, d.") + column + " FROM devices d");
  while (st.step()) {
    rows.push_back({st.int32(0), st.int32(1)});
    if (distinct.empty() || distinct.back() != rows.back().second) distinct.push_back(rows.back().second);
  }
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  return st.ok() && st.error().empty();
}

template <class NameOf>
bool small_key_pairs(Database& db, const char* column, NameOf name_of, Pairs& out) {
  std::vector<std::pair<std::int32_t, std::int32_t>> rows;
  std::vector<std::int32_t> distinct;
  if (!device_column(db, column, rows, distinct)) return false;
  auto groups = groups_of(distinct, name_of);
  out.reserve(rows.size());
  for (const auto& [id, value] : rows) out.push_back({groups[value], id});
  return true;
}

// The owner's folded name: users walked in name order give each distinct name a group; a device
// whose owner is missing (none, or gone) has the empty name.
bool owner_name_pairs(Database& db, Pairs& out) {
  auto max_id = db.prepare("SELECT coalesce(max(id), 0) FROM users");
  if (!max_id.step()) return false;
  std::vector<std::uint32_t> group_of(static_cast<std::size_t>(max_id.int64(0)) + 1, 0);
  std::vector<bool> known(group_of.size(), false);
  auto walk = db.prepare("SELECT u.id, u.name_fold FROM users u INDEXED BY users_name ORDER BY u.name_fold, u.id");
  std::uint32_t group = 0;
  std::string previous;
  bool first = true;
  while (walk.step()) {
    auto id = walk.int64(0);
    std::string name = walk.text(1);
    // Group 0 is the empty name (devices without an owner); names start at 1 unless one is empty.
    if (first || name != previous) group = name.empty() ? 0 : group + 1;
    first = false;
    previous = std::move(name);
    if (id >= 0 && static_cast<std::size_t>(id) < group_of.size()) {
      group_of[static_cast<std::size_t>(id)] = group;
      known[static_cast<std::size_t>(id)] = true;
    }
  }
  if (!walk.ok() || !walk.error().empty()) return false;
  auto devices = db.prepare("SELECT d.id, d.owner_user_id FROM devices d");
  while (devices.step()) {
    auto owner = devices.int64(1);
    bool present =
        owner >= 0 && static_cast<std::size_t>(owner) < group_of.size() && known[static_cast<std::size_t>(owner)];
    out.push_back({present ? group_of[static_cast<std::size_t>(owner)] : 0, devices.int32(0)});
  }
  return devices.ok() && devices.error().empty();
}

// A key of devices: its index (see schema.cpp) walked in order, index-only; the pairs come out sorted.
bool index_walk(Database& db, DeviceSortKey key, Pairs& out) {
  const char* walk = nullptr;
  switch (key) {
    case DeviceSortKey::kName: walk = "devices_name ORDER BY d.name, d.id"; break;
    case DeviceSortKey::kTemplate: walk = "devices_template ORDER BY d.template_id, d.id"; break;
    case DeviceSortKey::kOwner: walk = "devices_owner ORDER BY d.owner_user_id, d.id"; break;
    case DeviceSortKey::kActivatedAt: walk = "devices_activated ORDER BY d.activated_at, d.id"; break;
    case DeviceSortKey::kLastReceivedEventAt:
      walk = "devices_last_event ORDER BY d.last_received_event_at, d.id";
      break;
    case DeviceSortKey::kStatus: walk = "devices_online ORDER BY d.online, d.id"; break;
    default: return false;
  }
  auto st = db.prepare(std::string("SELECT d.id FROM devices d INDEXED BY ") + walk);
  while (st.step()) out.push_back({0, st.int32(0)});
  return st.ok() && st.error().empty();
}

}  // namespace

bool is_joined_key(DeviceSortKey key) {
  return key == DeviceSortKey::kOwnerName || key == DeviceSortKey::kModel || key == DeviceSortKey::kOrgName;
}

std::shared_ptr<const DeviceSortOrders::Order> DeviceSortOrders::get(Database& db, const Directory& dir,
                                                                     DeviceSortKey key) {
  if (key == DeviceSortKey::kId) return nullptr;
  std::lock_guard<std::mutex> lock(mutex_);
  auto& entry = orders_[static_cast<int>(key)];
  if (entry.second && entry.first == version_.current()) return entry.second;
  const auto version = version_.current();
  Pairs pairs;
  bool ok = false;
  switch (key) {
    case DeviceSortKey::kOwnerName: ok = owner_name_pairs(db, pairs); break;
    case DeviceSortKey::kModel:
      ok = small_key_pairs(
          db, "template_id", [&](std::int32_t id) { return dir.template_name(id); }, pairs);
      break;
    case DeviceSortKey::kOrgName:
      ok = small_key_pairs(
          db, "org_id",
          [&](std::int32_t id) {
            const Organization* o = dir.org(id);
            return o ? o->name : std::string();
          },
          pairs);
      break;
    default: ok = index_walk(db, key, pairs); break;
  }
  if (!ok) return nullptr;
  if (is_joined_key(key)) std::sort(pairs.begin(), pairs.end());
  auto order = std::make_shared<Order>();
  std::int32_t max_id = 0;
  for (const auto& p : pairs) max_id = std::max(max_id, p.second);
  order->rank.assign(static_cast<std::size_t>(max_id) + 1, UINT32_MAX);
  order->ids.reserve(pairs.size());
  for (const auto& p : pairs) {
    if (p.second < 0) continue;
    order->rank[static_cast<std::size_t>(p.second)] = static_cast<std::uint32_t>(order->ids.size());
    order->ids.push_back(p.second);
  }
  entry = {version, order};
  return order;
}

}  // namespace roster::server
