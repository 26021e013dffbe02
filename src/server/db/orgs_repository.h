// Organisations with their counts: the tree itself is the Directory's (in memory); users and devices
// per organisation are counted in place by the user and device indexes, kept by every write.
#pragma once

#include "model/organization.h"
#include "server/index/device_index.h"
#include "server/db/directory.h"
#include "server/index/user_index.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace roster::server {

// An organisation as the console's tree shows it: the public shape plus counts.
struct OrgSummary {
  const Organization* org = nullptr;
  std::int64_t users = 0, devices = 0;
  std::size_t sub_organizations = 0;
};

enum class OrgSort { kId, kName, kDevices, kUsers, kSubOrganizations };

// The sortBy labels of "Search organizations"; nullopt for an unknown label.
std::optional<OrgSort> org_sort(const std::string& label);

// A view over the directory and the indexes' counts: cheap, made per request.
class OrgsRepository {
 public:
  OrgsRepository(const Directory& dir, const UserIndex& users, const DeviceIndex& devices)
      : dir_(dir), users_(users), devices_(devices) {}

  OrgSummary summary(const Organization& org);
  std::vector<OrgSummary> children(std::int32_t org_id);
  // The organisations of `scope` whose name contains `query` (case-folded), sorted (ties by id); one
  // page of them in `out`, and how many there are in all.
  std::size_t search(const std::vector<std::int32_t>& scope, const std::string& query, OrgSort sort, bool descending,
                     std::int64_t page, std::int64_t size, std::vector<OrgSummary>& out);

 private:
  using PerOrg = std::unordered_map<std::int32_t, std::int64_t>;
  struct Counts {
    PerOrg users, devices;
  };
  Counts counts() const;
  OrgSummary summary(const Organization& org, const Counts& counts) const;

  const Directory& dir_;
  const UserIndex& users_;
  const DeviceIndex& devices_;
};

}  // namespace roster::server
