// Reading devices: a page's ids from the index held in memory, then its rows (with their owner, from
// one join) from SQLite, to model values.
#include "server/db/devices_repository.h"

#include "model/utf8.h"
#include "server/sqlite/sql_text.h"

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
  DeviceIndexQuery q;
  q.folded_query = utf8::to_lower(filter.query);
  q.org_ids = filter.org_ids;
  q.owner_user_id = filter.owner_user_id;
  q.sort = sort.key;
  q.descending = sort.descending;
  q.offset = page * size;
  q.size = size;
  std::vector<std::int64_t> ids;
  index_.find(q, out.totalElements, ids);
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
