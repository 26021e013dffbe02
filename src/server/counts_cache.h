// Totals that are slow to count (a million users, a million devices), kept until the data changes:
// a page of a list would otherwise cost less than counting its total. Keyed by a canonical
// description of what was counted; one total per key, or one set of totals per organisation (from
// one GROUP BY). Thread-safe.
#pragma once

#include "server/data_version.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace roster::server {

class CountsCache {
 public:
  // Totals by organisation id; an organisation that is absent has none.
  using PerOrg = std::unordered_map<std::int32_t, std::int64_t>;

  explicit CountsCache(const DataVersion& version) : version_(version) {}

  // What a caller reads before it counts, and passes to store() as `counted_at`.
  std::int64_t version() const { return version_.current(); }

  bool find(const std::string& key, std::int64_t& out);
  // A total counted while a write committed (the version moved past `counted_at`) is not kept: it
  // might be the old one.
  void store(const std::string& key, std::int64_t value, std::int64_t counted_at);

  std::shared_ptr<const PerOrg> find_per_org(const std::string& key);
  void store_per_org(const std::string& key, std::shared_ptr<const PerOrg> totals, std::int64_t counted_at);

 private:
  // Drops everything counted for an older version; called with mutex_ held.
  void forget_stale();

  const DataVersion& version_;
  std::mutex mutex_;
  std::int64_t kept_version_ = 0;
  std::unordered_map<std::string, std::int64_t> totals_;
  std::unordered_map<std::string, std::shared_ptr<const PerOrg>> per_org_;
};

}  // namespace roster::server
