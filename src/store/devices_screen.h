// The Devices screen's state: the organization's devices (with sub-organizations), or a search,
// sorted as the route says, paged like the users list. Against the public API, device items carry
// no owner names: the visible owners are filled from "Get user info", once per owner.
#pragma once

#include "api/platform_client.h"
#include "model/device.h"
#include "model/devices_query.h"
#include "store/org_names.h"
#include "store/paged_list.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace roster::store {

class DevicesScreen {
 public:
  // Owners asked for at a time when device items lack their names.
  static constexpr std::size_t kOwnerRequests = 6;

  explicit DevicesScreen(api::PlatformClient& client) : client_(client), devices_(client) {}

  // The route's query is on screen: fetched unless it already is.
  void show(const DevicesQuery& query, std::int64_t now);
  void set_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now);
  void reload(std::int64_t now);
  void tick(std::int64_t now);
  // Public API: the visible devices' organization names, from their orgId.
  void fill_org_names(OrgNames& names, std::int64_t now) {
    fill_visible_org_names(devices_, names, now, [](Device& d) { return std::make_pair(d.orgId, &d.orgName); });
  }

  const DevicesQuery& query() const { return query_; }
  const PagedList<Device>& devices() const { return devices_; }
  bool revalidate(std::int64_t now) { return devices_.revalidate(now); }
  // The owner's name: the item's own (extension), else one fetched; nullopt while unknown.
  std::optional<std::string> owner_name(const Device& device) const;
  bool take_changed();

 private:
  void request_owners(std::int64_t now);

  api::PlatformClient& client_;
  DevicesQuery query_;
  bool has_query_ = false;
  PagedList<Device> devices_;
  std::map<std::int64_t, std::string> owners_;  // user id -> name, from "Get user info"
  std::set<std::int64_t> owners_asked_;
  std::size_t owners_in_flight_ = 0;
  bool changed_ = false;
};

}  // namespace roster::store
