// Reading devices: filters and sort keys to SQL, rows (with their owner, from one join) to model
// values. A page is found in two steps, its ids first (index-only where possible, so that a deep
// OFFSET skips small index entries rather than whole rows and joins) and then its rows.
#include "server/devices_repository.h"

#include "server/sql_text.h"

#include <algorithm>
#include <unordered_map>

namespace roster::server {

namespace {

const char* const kDeviceColumns =
    "d.id, d.template_id, d.org_id, d.name, d.token, d.activated_at, d.owner_user_id, d.fw_version, d.online,"
    " d.first_connect_time, d.connect_time, d.disconnect_time, d.last_received_event_at, d.lifecycle_event_id,"
    " d.lifecycle_name, d.lifecycle_color";

Device read_device(const Statement& st, const Directory& dir, bool show_token) {
  Device d;
  d.id = st.int32(0);
  d.templateId = st.int32(1);
  d.orgId = st.int32(2);
  d.name = st.text(3);
  d.token = show_token ? st.text(4) : mask_token(st.text(4));
  d.activatedAt = st.int64(5);
  d.ownerUserId = st.int64(6);
  d.hardwareInfo = {{"boardType", dir.board_type(d.templateId)}, {"version", st.text(7)}, {"blynkVersion", "1.3.2"}};
  d.connected = st.int32(8) != 0;
  d.firstConnectTime = st.int64(9);
  d.connectTime = st.int64(10);
  d.disconnectTime = st.int64(11);
  d.lastReceivedEventAt = st.int64(12);
  d.lifecycleStatus = LifecycleStatus{st.int32(13), st.text(14), "", st.text(15)};
  d.model = dir.template_name(d.templateId);
  return d;
}

std::string where_clause(const DeviceFilter& f, std::vector<Bind>& binds) {
  std::vector<std::string> parts;
  if (!f.org_ids.empty()) parts.push_back("d.org_id IN (" + id_list(f.org_ids) + ")");
  if (f.owner_user_id) {
    parts.push_back("d.owner_user_id = ?");
    binds.emplace_back(std::in_place_type<std::int64_t>, f.owner_user_id);
  }
  if (!f.query.empty()) {
    // Many devices share a name (a model's default, "Kitchen Plug"): the text is matched against each
    // distinct name once, from one walk of the name index, and the devices found by name through that
    // index, rather than folding the name of every device. LIMIT -1 keeps SQLite from pushing the
    // match down into the DISTINCT, which would fold every row again.
    parts.push_back(
        "d.name IN (SELECT name FROM (SELECT DISTINCT name FROM devices LIMIT -1)"
        " WHERE instr(roster_fold(name), roster_fold(?)) > 0)");
    binds.emplace_back(std::in_place_type<std::string>, f.query);
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? " AND " : " WHERE ") + parts[i];
  return out;
}

struct SortSpec {
  const char* label;
  DeviceSortKey key;
};

// Labels in the order error messages list them. "Last Updated" is the Console's name for the time of
// the last event, which the public API calls "Last Reported At".
const SortSpec kSortLabels[] = {{"Device Id", DeviceSortKey::kId},
                                {"Name", DeviceSortKey::kName},
                                {"Template", DeviceSortKey::kTemplate},
                                {"Owner", DeviceSortKey::kOwner},
                                {"Activated At", DeviceSortKey::kActivatedAt},
                                {"Last Reported At", DeviceSortKey::kLastReceivedEventAt},
                                {"Status", DeviceSortKey::kStatus},
                                {"Owner Name", DeviceSortKey::kOwnerName},
                                {"Model", DeviceSortKey::kModel},
                                {"Organization Name", DeviceSortKey::kOrgName},
                                {"Last Updated", DeviceSortKey::kLastReceivedEventAt}};

// The key as SQL over devices d (and, for the joined keys, users u, templates t and orgs o). Each
// plain column has an index (column, id) (see schema.cpp) that serves ORDER BY <column>, d.id.
const char* sort_expression(DeviceSortKey key) {
  switch (key) {
    case DeviceSortKey::kId: return "d.id";
    case DeviceSortKey::kName: return "d.name";
    case DeviceSortKey::kTemplate: return "d.template_id";
    case DeviceSortKey::kOwner: return "d.owner_user_id";
    case DeviceSortKey::kActivatedAt: return "d.activated_at";
    case DeviceSortKey::kLastReceivedEventAt: return "d.last_received_event_at";
    case DeviceSortKey::kStatus: return "d.online";
    case DeviceSortKey::kOwnerName: return "coalesce(u.name_fold, '')";
    case DeviceSortKey::kModel: return "coalesce(t.name, '')";
    case DeviceSortKey::kOrgName: return "coalesce(o.name, '')";
  }
  return "d.id";
}

const char* const kJoins =
    " LEFT JOIN users u ON u.id = d.owner_user_id LEFT JOIN templates t ON t.id = d.template_id"
    " LEFT JOIN orgs o ON o.id = d.org_id";

// Below this many matches a filtered list is sorted by SQL itself; above it, by the order in memory.
constexpr std::int64_t kSqlSortLimit = 5000;

bool sql_page_ids(Database& db, const std::string& where, const std::vector<Bind>& binds, const DeviceSort& sort,
                  std::int64_t offset, std::int64_t size, std::vector<std::int64_t>& ids, std::string& error) {
  const char* dir = sort.descending ? " DESC" : " ASC";
  const std::string key = sort_expression(sort.key);
  std::string order = " ORDER BY " + key + dir + (sort.key == DeviceSortKey::kId ? "" : std::string(", d.id") + dir);
  auto st = db.prepare("SELECT d.id FROM devices d" + std::string(is_joined_key(sort.key) ? kJoins : "") + where +
                       order + " LIMIT ? OFFSET ?");
  int next = bind_all(st, binds);
  st.bind(next, size).bind(next + 1, offset);
  while (st.step()) ids.push_back(st.int64(0));
  error = st.error();
  return error.empty();
}

// A slice of the order when nothing is filtered, else the matching ids sorted by their ranks
// (`order` null: by id, its own rank).
bool memory_page_ids(Database& db, const DeviceSortOrders::Order* order, const std::string& where,
                     const std::vector<Bind>& binds, bool descending, std::int64_t offset, std::int64_t size,
                     std::vector<std::int64_t>& ids, std::string& error) {
  if (where.empty() && order) {
    auto n = static_cast<std::int64_t>(order->ids.size());
    for (std::int64_t i = offset; i < std::min(n, offset + size); ++i)
      ids.push_back(order->ids[static_cast<std::size_t>(descending ? n - 1 - i : i)]);
    return true;
  }
  std::vector<std::pair<std::int64_t, std::int64_t>> hits;  // (rank, id)
  auto st = db.prepare("SELECT d.id FROM devices d" + where);
  bind_all(st, binds);
  while (st.step()) {
    auto id = st.int64(0);
    std::int64_t rank = id;
    if (order)
      rank = id >= 0 && static_cast<std::size_t>(id) < order->rank.size() ? order->rank[static_cast<std::size_t>(id)]
                                                                          : UINT32_MAX;
    hits.push_back({descending ? -rank : rank, id});
  }
  if (!st.error().empty()) {
    error = st.error();
    return false;
  }
  auto end = static_cast<std::size_t>(std::min<std::int64_t>(offset + size, static_cast<std::int64_t>(hits.size())));
  if (static_cast<std::size_t>(offset) >= end) return true;
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(end), hits.end());
  for (auto i = static_cast<std::size_t>(offset); i < end; ++i) ids.push_back(hits[i].second);
  return true;
}

// How the ids of a page are found:
// - nothing filtered: a key of devices walks its index in SQL (index-only at any OFFSET); a joined
//   key takes a slice of its order in memory;
// - filtered to a few devices (one owner's, a narrow search): SQL sorts them, joining what it needs;
// - filtered to many (an organisation's subtree, a broad search): the matching ids come from SQL and
//   are sorted by their ranks in memory, since SQLite would either walk the whole key index looking up
//   each row's organisation, or sort every match.
bool page_ids(Database& db, const Directory& dir, DeviceSortOrders& orders, const std::string& where,
              const std::vector<Bind>& binds, const DeviceSort& sort, std::int64_t total, std::int64_t offset,
              std::int64_t size, std::vector<std::int64_t>& ids, std::string& error) {
  const bool joined = is_joined_key(sort.key);
  const bool many = where.empty() ? joined : total > kSqlSortLimit;
  if (many) {
    auto order = orders.get(db, dir, sort.key);
    if (order || sort.key == DeviceSortKey::kId)
      return memory_page_ids(db, order.get(), where, binds, sort.descending, offset, size, ids, error);
  }
  return sql_page_ids(db, where, binds, sort, offset, size, ids, error);
}

}  // namespace

std::optional<DeviceSortKey> device_sort_key(const std::string& label) {
  for (const auto& s : kSortLabels)
    if (label == s.label) return s.key;
  return std::nullopt;
}

std::string device_sort_labels_text() {
  std::string out;
  for (const auto& s : kSortLabels) out += (out.empty() ? "" : ", ") + std::string(s.label);
  return out;
}

bool DevicesRepository::page(const DeviceFilter& filter, const DeviceSort& sort, std::int64_t page, std::int64_t size,
                             const DeviceView& view, Page<Device>& out, std::string& error) {
  std::vector<Bind> binds;
  const std::string where = where_clause(filter, binds);
  // Counting a million devices for every page would cost more than the page itself.
  std::string key = "devices|" + where + "|" + std::to_string(filter.owner_user_id);
  if (!filter.query.empty()) key += "|" + std::to_string(filter.query.size()) + ":" + filter.query;
  if (!counts_.find(key, out.totalElements)) {
    const auto counted_at = counts_.version();
    auto count = db_.prepare("SELECT count(*) FROM devices d" + where);
    bind_all(count, binds);
    if (!count.step()) {
      error = count.error();
      return false;
    }
    out.totalElements = count.int64(0);
    counts_.store(key, out.totalElements, counted_at);
  }
  const std::int64_t offset = page * size;
  if (offset >= out.totalElements) return true;

  std::vector<std::int64_t> ids;
  if (!page_ids(db_, dir_, sort_orders_, where, binds, sort, out.totalElements, offset, size, ids, error)) return false;
  if (ids.empty()) return true;

  // The rows of the page, each with its owner (absent when there is none or the user is gone).
  auto rows =
      db_.prepare(std::string("SELECT ") + kDeviceColumns +
                  ", u.id IS NOT NULL, u.name, u.email FROM devices d LEFT JOIN users u ON u.id = d.owner_user_id"
                  " WHERE d.id IN (" +
                  id_list(ids) + ")");
  std::unordered_map<std::int64_t, Device> by_id;
  while (rows.step()) {
    Device d = read_device(rows, dir_, view.show_tokens);
    if (view.owner_fields) {
      if (rows.int32(16) != 0) {
        d.ownerName = rows.text(17);
        d.ownerEmail = rows.text(18);
      }
      if (const Organization* org = dir_.org(d.orgId)) d.orgName = org->name;
    }
    by_id.emplace(d.id, std::move(d));
  }
  if (!rows.error().empty()) {
    error = rows.error();
    return false;
  }
  for (auto id : ids) {
    auto it = by_id.find(id);
    if (it != by_id.end()) out.content.push_back(std::move(it->second));
  }
  return true;
}

std::optional<Device> DevicesRepository::find(std::int64_t id, bool show_token) {
  auto st = db_.prepare(std::string("SELECT ") + kDeviceColumns + " FROM devices d WHERE d.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_device(st, dir_, show_token);
}

}  // namespace roster::server
