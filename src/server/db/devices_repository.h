// Devices in SQLite, read-only: pages of devices (which devices, how many and in what order from the
// devices held in memory, device_index.h; the page's rows from SQLite), and one device.
#pragma once

#include "model/device.h"
#include "model/page.h"
#include "server/index/device_index.h"
#include "server/db/directory.h"
#include "server/sqlite/sqlite_db.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roster::server {

struct DeviceFilter {
  std::vector<std::int32_t> org_ids;  // empty: every organisation
  std::int64_t owner_user_id = 0;     // 0: any owner
  std::string query;                  // part of the name, as typed; empty: no search
};

struct DeviceSort {
  DeviceSortKey key = DeviceSortKey::kId;
  bool descending = false;
};

// The sortBy labels of the devices lists; nullopt for an unknown label.
std::optional<DeviceSortKey> device_sort_key(const std::string& label);
std::string device_sort_labels_text();  // "Device Id, Name, ..." for error messages

// How items are shown. The token is a credential: unless `show_tokens`, devices carry it masked.
// `owner_fields`: the extension fields ownerName, ownerEmail and orgName.
struct DeviceView {
  bool show_tokens = false;
  bool owner_fields = false;
};

// A view over one connection (the calling thread's): cheap, made per request.
class DevicesRepository {
 public:
  DevicesRepository(Database& db, const Directory& dir, const DeviceIndex& index) : db_(db), dir_(dir), index_(index) {}

  bool page(const DeviceFilter& filter, const DeviceSort& sort, std::int64_t page, std::int64_t size,
            const DeviceView& view, Page<Device>& out, std::string& error);
  std::optional<Device> find(std::int64_t id, bool show_token);

 private:
  Database& db_;
  const Directory& dir_;
  const DeviceIndex& index_;
};

}  // namespace roster::server
