// The orders of every device by each sort key but the id, for the pages an index alone cannot serve
// quickly: a key in another table (the owner's name, the model, the organisation's name), for which
// a deep page would walk and join every row before it, and any key over a filtered list (one
// organisation's subtree, a search), for which SQLite would walk the key's index looking up every
// row's organisation, or sort the matches. Built once per data version, from an index walk or from
// index scans and a sort in memory: device ids in order (a page of the unfiltered list is a slice)
// and each device's rank (a filtered list is a partial sort of integers). 8 bytes a device per key
// in use. Lives as long as the server; the repositories, made per request, share it.
#pragma once

#include "server/data_version.h"
#include "server/directory.h"
#include "server/sqlite_db.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace roster::server {

// What a devices sortBy label sorts by; every order ends with the device id, in the same direction.
enum class DeviceSortKey {
  kId,
  kName,
  kTemplate,
  kOwner,  // the owner's user id
  kActivatedAt,
  kLastReceivedEventAt,  // "Last Reported At" and "Last Updated"
  kStatus,               // offline first
  kOwnerName,            // the owner's name, case-folded; no owner (or a gone one) sorts as ""
  kModel,                // the template's name
  kOrgName,
};
constexpr int kDeviceSortKeys = 10;

// Whether the key lives in another table (no index on devices can serve it).
bool is_joined_key(DeviceSortKey key);

class DeviceSortOrders {
 public:
  struct Order {
    std::vector<std::int32_t> ids;    // ascending by (key, id)
    std::vector<std::uint32_t> rank;  // indexed by device id; UINT32_MAX for an id not in `ids`
  };

  explicit DeviceSortOrders(const DataVersion& version) : version_(version) {}
  // nullptr for kId (the id is its own rank) and when the database cannot be read (callers fall back
  // to plain SQL).
  std::shared_ptr<const Order> get(Database& db, const Directory& dir, DeviceSortKey key);

 private:
  const DataVersion& version_;
  std::mutex mutex_;  // held while an order is built: a second request waits for it, not builds it twice
  std::pair<std::int64_t, std::shared_ptr<const Order>> orders_[kDeviceSortKeys];
};

}  // namespace roster::server
