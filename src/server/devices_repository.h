// Devices and the actions log in SQLite, read-only: pages of devices (totals from the counts cache),
// one device, and pages of a user's actions log.
#pragma once

#include "model/device.h"
#include "model/page.h"
#include "server/counts_cache.h"
#include "server/directory.h"
#include "server/sqlite_db.h"

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
  std::string column = "d.id";
  bool descending = false;
};

// The sortBy labels of the devices list to columns; nullopt for an unknown label.
std::optional<std::string> device_sort_column(const std::string& label);

struct ActionsLogQuery {
  std::int64_t user_id = 0;
  std::int64_t from = 0, to = 0;     // timestamps, both included
  std::vector<std::string> clients;  // empty: every client
  std::optional<std::string> query;  // part of the action's name or code
  std::string sort_column;           // empty: newest first
  bool descending = false;
};

// The sortBy labels of the actions log to columns; nullopt for an unknown label.
std::optional<std::string> actions_log_sort_column(const std::string& label);

// A view over one connection (the calling thread's): cheap, made per request.
class DevicesRepository {
 public:
  DevicesRepository(Database& db, const Directory& dir, CountsCache& counts) : db_(db), dir_(dir), counts_(counts) {}

  // The token is a credential: unless `show_tokens`, devices carry it masked.
  bool page(const DeviceFilter& filter, const DeviceSort& sort, std::int64_t page, std::int64_t size, bool show_tokens,
            Page<Device>& out, std::string& error);
  std::optional<Device> find(std::int64_t id, bool show_token);

  bool actions_log(const ActionsLogQuery& q, std::int64_t page, std::int64_t size, Page<ActionLogEntry>& out,
                   std::string& error);

 private:
  Database& db_;
  const Directory& dir_;
  CountsCache& counts_;
};

}  // namespace roster::server
