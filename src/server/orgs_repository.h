// Organisations with their counts: the tree itself is the Directory's (in memory); users and devices
// per organisation come from SQLite, one GROUP BY each, kept in the counts cache until data changes.
#pragma once

#include "model/organization.h"
#include "server/counts_cache.h"
#include "server/directory.h"
#include "server/sqlite_db.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
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

// A view over one connection (the calling thread's): cheap, made per request.
class OrgsRepository {
 public:
  OrgsRepository(Database& db, const Directory& dir, CountsCache& counts) : db_(db), dir_(dir), counts_(counts) {}

  OrgSummary summary(const Organization& org);
  std::vector<OrgSummary> children(std::int32_t org_id);
  // The organisations of `scope` whose name contains `query` (case-folded), sorted (ties by id); one
  // page of them in `out`, and how many there are in all.
  std::size_t search(const std::vector<std::int32_t>& scope, const std::string& query, OrgSort sort, bool descending,
                     std::int64_t page, std::int64_t size, std::vector<OrgSummary>& out);

 private:
  struct Counts {
    std::shared_ptr<const CountsCache::PerOrg> users, devices;
  };
  Counts counts();
  // `sql` selects (org_id, count) rows.
  std::shared_ptr<const CountsCache::PerOrg> per_org(const std::string& key, const char* sql);
  OrgSummary summary(const Organization& org, const Counts& counts) const;

  Database& db_;
  const Directory& dir_;
  CountsCache& counts_;
};

}  // namespace roster::server
