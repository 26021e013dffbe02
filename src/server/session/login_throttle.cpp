#include "server/session/login_throttle.h"

#include <algorithm>
#include <functional>

// An account with kPerAccount failures is refused for kBlockMs from anywhere; an address (an IPv6
// client's /64) with kPerAddress failures over any accounts likewise. A count starts again after
// kWindowMs without a failure. A success clears only its own account's count, so an attacker who
// also holds a valid account cannot use it to reset another's. Attempts on one account take turns
// (one_at_a_time()), so concurrent guesses cannot pass its limit between the check and the record,
// while concurrent right passwords all succeed; attempts on different accounts from one address
// do not take turns and may pass the address's limit by the number of workers. When a table is
// full, the least recently failed entry is forgotten.
namespace roster::server {

LoginThrottle::Failures& LoginThrottle::Table::touch(const std::string& key, std::int64_t now) {
  auto it = entries.find(key);
  if (it == entries.end()) {
    if (entries.size() >= kMaxEntries) {
      // Full (an attacker trying many names): forget the least recently touched entry.
      erase(entries.find(by_recency.front()));
    }
    it = entries.emplace(key, Failures{}).first;
    by_recency.push_back(key);
    it->second.recency = std::prev(by_recency.end());
  } else {
    by_recency.splice(by_recency.end(), by_recency, it->second.recency);
  }
  if (now - it->second.last > kWindowMs) it->second.count = 0;  // the window slid past the earlier failures
  return it->second;
}

LoginThrottle::Failures* LoginThrottle::Table::find(const std::string& key) {
  auto it = entries.find(key);
  return it == entries.end() ? nullptr : &it->second;
}

void LoginThrottle::Table::erase(std::unordered_map<std::string, Failures>::iterator it) {
  by_recency.erase(it->second.recency);
  entries.erase(it);
}

std::int64_t LoginThrottle::wait_s(const Failures* f, std::int64_t now) {
  return f && f->blocked_until > now ? (f->blocked_until - now + 999) / 1000 : 0;
}

std::unique_lock<std::mutex> LoginThrottle::one_at_a_time(const std::string& account) {
  return std::unique_lock<std::mutex>(turns_[std::hash<std::string>()(account) % 64]);
}

void LoginThrottle::fail(Failures& f, int limit, std::int64_t now) {
  f.last = now;
  if (++f.count >= limit) {
    f.blocked_until = now + kBlockMs;
    f.count = 0;
  }
}

void LoginThrottle::finish(const std::string& account, const std::string& address, bool success, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (success) {
    if (auto it = accounts_.entries.find(account); it != accounts_.entries.end()) accounts_.erase(it);
    return;
  }
  fail(accounts_.touch(account, now), kPerAccount, now);
  fail(addresses_.touch(address, now), kPerAddress, now);
}

std::int64_t LoginThrottle::seconds_blocked(const std::string& account, const std::string& address, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::max(wait_s(accounts_.find(account), now), wait_s(addresses_.find(address), now));
}

void LoginThrottle::sweep(std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (Table* t : {&accounts_, &addresses_})
    for (auto it = t->entries.begin(); it != t->entries.end();) {
      const Failures& f = it->second;
      auto next = std::next(it);
      if (now - f.last > kWindowMs && f.blocked_until <= now) t->erase(it);
      it = next;
    }
}

std::size_t LoginThrottle::entries() {
  std::lock_guard<std::mutex> lock(mutex_);
  return accounts_.entries.size() + addresses_.entries.size();
}

void LoginThrottle::reset_for_tests() {
  std::lock_guard<std::mutex> lock(mutex_);
  accounts_ = Table{};
  addresses_ = Table{};
}

}  // namespace roster::server
