// Reading devices and the actions log: filters and sort labels to SQL, rows to model values.
#include "server/devices_repository.h"

#include "server/sql_text.h"

#include <algorithm>
#include <iterator>

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
    parts.push_back("instr(roster_fold(d.name), roster_fold(?)) > 0");
    binds.emplace_back(std::in_place_type<std::string>, f.query);
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? " AND " : " WHERE ") + parts[i];
  return out;
}

template <std::size_t N>
std::optional<std::string> column_of(const std::pair<const char*, const char*> (&columns)[N],
                                     const std::string& label) {
  auto it = std::find_if(std::begin(columns), std::end(columns), [&](const auto& c) { return label == c.first; });
  if (it == std::end(columns)) return std::nullopt;
  return std::string(it->second);
}

}  // namespace

std::optional<std::string> device_sort_column(const std::string& label) {
  static const std::pair<const char*, const char*> kColumns[] = {{"Device Id", "d.id"},
                                                                 {"Name", "d.name"},
                                                                 {"Template", "d.template_id"},
                                                                 {"Owner", "d.owner_user_id"},
                                                                 {"Activated At", "d.activated_at"},
                                                                 {"Last Reported At", "d.last_received_event_at"},
                                                                 {"Status", "d.online"}};
  return column_of(kColumns, label);
}

std::optional<std::string> actions_log_sort_column(const std::string& label) {
  static const std::pair<const char*, const char*> kColumns[] = {{"Time", "a.ts"},
                                                                 {"Organization Name", "o.name"},
                                                                 {"Client", "a.client"},
                                                                 {"Action Name", "a.action_name"},
                                                                 {"Action Code", "a.action_code"}};
  return column_of(kColumns, label);
}

bool DevicesRepository::page(const DeviceFilter& filter, const DeviceSort& sort, std::int64_t page, std::int64_t size,
                             bool show_tokens, Page<Device>& out, std::string& error) {
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
  const char* dir = sort.descending ? " DESC" : " ASC";
  const std::string order =
      " ORDER BY " + sort.column + dir + (sort.column == "d.id" ? "" : std::string(", d.id") + dir);
  auto st =
      db_.prepare(std::string("SELECT ") + kDeviceColumns + " FROM devices d" + where + order + " LIMIT ? OFFSET ?");
  int next = bind_all(st, binds);
  st.bind(next, size).bind(next + 1, page * size);
  while (st.step()) out.content.push_back(read_device(st, dir_, show_tokens));
  return true;
}

std::optional<Device> DevicesRepository::find(std::int64_t id, bool show_token) {
  auto st = db_.prepare(std::string("SELECT ") + kDeviceColumns + " FROM devices d WHERE d.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_device(st, dir_, show_token);
}

bool DevicesRepository::actions_log(const ActionsLogQuery& q, std::int64_t page, std::int64_t size,
                                    Page<ActionLogEntry>& out, std::string& error) {
  std::string where = " WHERE a.user_id = ? AND a.ts >= ? AND a.ts <= ?";
  std::vector<Bind> binds = {q.user_id, q.from, q.to};
  if (!q.clients.empty()) {
    where += " AND a.client IN (";
    for (std::size_t i = 0; i < q.clients.size(); ++i) {
      where += i ? ",?" : "?";
      binds.emplace_back(q.clients[i]);
    }
    where += ")";
  }
  if (q.query) {
    where +=
        " AND (instr(roster_fold(a.action_name), roster_fold(?)) > 0 OR instr(roster_fold(a.action_code), "
        "roster_fold(?)) > 0)";
    binds.emplace_back(*q.query);
    binds.emplace_back(*q.query);
  }
  std::string order = " ORDER BY a.ts DESC, a.id DESC";
  if (!q.sort_column.empty()) {
    const char* dir = q.descending ? " DESC" : " ASC";
    order = " ORDER BY " + q.sort_column + dir + ", a.ts" + dir + ", a.id" + dir;
  }
  const std::string from_clause = " FROM actions_log a LEFT JOIN orgs o ON o.id = a.org_id";
  auto count = db_.prepare("SELECT count(*)" + from_clause + where);
  bind_all(count, binds);
  if (!count.step()) {
    error = count.error();
    return false;
  }
  out.totalElements = count.int64(0);
  auto st = db_.prepare("SELECT a.ts, a.org_id, coalesce(o.name, ''), a.client, a.action_name, a.action_code" +
                        from_clause + where + order + " LIMIT ? OFFSET ?");
  int next = bind_all(st, binds);
  st.bind(next, size).bind(next + 1, page * size);
  while (st.step()) out.content.push_back({st.int64(0), st.int32(1), st.text(2), st.text(3), st.text(4), st.text(5)});
  return true;
}

}  // namespace roster::server
