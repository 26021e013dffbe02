// Failed sign-ins, counted per account and per client address in a sliding ten-minute window.
// An account with 5 failures is refused for ten minutes from anywhere; an address with 20 failures
// (over any accounts) is refused for ten minutes. A success clears only its own account's count, so
// an attacker who also holds one valid account cannot use it to reset the count of another. The
// same throttle guards OAuth client secrets (the account is the client id). Thread-safe; bounded.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace roster::server {

class LoginThrottle {
 public:
  static constexpr int kPerAccount = 5;
  static constexpr int kPerAddress = 20;
  static constexpr std::int64_t kWindowMs = 10 * 60 * 1000;
  static constexpr std::int64_t kBlockMs = 10 * 60 * 1000;
  static constexpr std::size_t kMaxEntries = 200000;

  // Seconds until `account` may be tried again from `address`; 0: go ahead.
  std::int64_t seconds_blocked(const std::string& account, const std::string& address, std::int64_t now);
  void record_failure(const std::string& account, const std::string& address, std::int64_t now);
  void record_success(const std::string& account);
  // Forgets entries whose failures are older than the window and whose block has ended.
  void sweep(std::int64_t now);
  std::size_t entries();

 private:
  struct Failures {
    int count = 0;
    std::int64_t last = 0;
    std::int64_t blocked_until = 0;
  };
  void count(std::unordered_map<std::string, Failures>& map, const std::string& key, int limit, std::int64_t now);

  std::mutex mutex_;
  std::unordered_map<std::string, Failures> accounts_, addresses_;
};

}  // namespace roster::server
