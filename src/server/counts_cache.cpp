// The one cache of totals (see counts_cache.h): lookups and stores under one lock, and the rule
// that nothing counted for an older data version is handed out.
#include "server/counts_cache.h"

namespace roster::server {

namespace {

// Every distinct filter a client tries is a key: past this many, start afresh rather than grow.
constexpr std::size_t kMaxTotals = 20000;

}  // namespace

void CountsCache::forget_stale() {
  if (kept_version_ == version_.current()) return;
  totals_.clear();
  per_org_.clear();
  kept_version_ = version_.current();
}

bool CountsCache::find(const std::string& key, std::int64_t& out) {
  std::lock_guard<std::mutex> lock(mutex_);
  forget_stale();
  auto it = totals_.find(key);
  if (it == totals_.end()) return false;
  out = it->second;
  return true;
}

void CountsCache::store(const std::string& key, std::int64_t value, std::int64_t counted_at) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (counted_at != version_.current()) return;
  forget_stale();
  if (totals_.size() > kMaxTotals) totals_.clear();
  totals_[key] = value;
}

std::shared_ptr<const CountsCache::PerOrg> CountsCache::find_per_org(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  forget_stale();
  auto it = per_org_.find(key);
  return it == per_org_.end() ? nullptr : it->second;
}

void CountsCache::store_per_org(const std::string& key, std::shared_ptr<const PerOrg> totals, std::int64_t counted_at) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (counted_at != version_.current()) return;
  forget_stale();
  per_org_[key] = std::move(totals);
}

}  // namespace roster::server
