#include "server/login_throttle.h"

#include <algorithm>

namespace roster::server {

namespace {

std::int64_t remaining_s(std::int64_t until, std::int64_t now) {
  return until > now ? (until - now + 999) / 1000 : 0;
}

}  // namespace

std::int64_t LoginThrottle::seconds_blocked(const std::string& account, const std::string& address, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::int64_t wait = 0;
  if (auto it = accounts_.find(account); it != accounts_.end()) wait = std::max(wait, remaining_s(it->second.blocked_until, now));
  if (auto it = addresses_.find(address); it != addresses_.end()) wait = std::max(wait, remaining_s(it->second.blocked_until, now));
  return wait;
}

void LoginThrottle::count(std::unordered_map<std::string, Failures>& map, const std::string& key, int limit,
                          std::int64_t now) {
  if (map.size() >= kMaxEntries && !map.count(key)) {
    // Full (an attacker trying many names): make room by forgetting what has expired; if nothing
    // has, the new name is still counted through its address.
    for (auto it = map.begin(); it != map.end();)
      it = now - it->second.last > kWindowMs && it->second.blocked_until <= now ? map.erase(it) : std::next(it);
    if (map.size() >= kMaxEntries) return;
  }
  auto& f = map[key];
  if (now - f.last > kWindowMs) f.count = 0;  // the window slid past the earlier failures
  f.last = now;
  if (++f.count >= limit) {
    f.blocked_until = now + kBlockMs;
    f.count = 0;
  }
}

void LoginThrottle::record_failure(const std::string& account, const std::string& address, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  count(accounts_, account, kPerAccount, now);
  count(addresses_, address, kPerAddress, now);
}

void LoginThrottle::record_success(const std::string& account) {
  std::lock_guard<std::mutex> lock(mutex_);
  accounts_.erase(account);
}

void LoginThrottle::sweep(std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto* map : {&accounts_, &addresses_})
    for (auto it = map->begin(); it != map->end();)
      it = now - it->second.last > kWindowMs && it->second.blocked_until <= now ? map->erase(it) : std::next(it);
}

std::size_t LoginThrottle::entries() {
  std::lock_guard<std::mutex> lock(mutex_);
  return accounts_.size() + addresses_.size();
}

}  // namespace roster::server
