// Failed sign-ins, counted per account and per client address in a sliding ten-minute window.
// An account with 5 failures is refused for ten minutes from anywhere; an address (an IPv6 client's
// /64) with 20 failures over any accounts is refused for ten minutes. A success clears only its own
// account's count, so an attacker who also holds one valid account cannot use it to reset another's.
// Attempts on one account run one at a time (one_at_a_time()), so concurrent guesses cannot slip
// past its limit between the check and the record; concurrent right passwords all succeed. The
// same throttle guards OAuth
// client secrets (the account is the client id). Thread-safe; at most kMaxEntries a kind, the least
// recently failed forgotten first.
#pragma once

#include <array>
#include <cstdint>
#include <list>
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

  // Held from the check to finish(): attempts on the same account wait for each other.
  std::unique_lock<std::mutex> one_at_a_time(const std::string& account);
  // Seconds until `account` may be tried from `address`; 0: now.
  std::int64_t seconds_blocked(const std::string& account, const std::string& address, std::int64_t now);
  // Records an attempt's outcome: a failure counts for the account and the address, a success
  // clears the account's count.
  void finish(const std::string& account, const std::string& address, bool success, std::int64_t now);
  // Forgets entries whose failures are older than the window and whose block has ended.
  void sweep(std::int64_t now);
  std::size_t entries();
  // Test harnesses only (the request fuzz targets, between inputs): forgets every count and block.
  // Nothing in the server calls it.
  void reset_for_tests();

 private:
  struct Failures {
    int count = 0;
    std::int64_t last = 0;
    std::int64_t blocked_until = 0;
    std::list<std::string>::iterator recency;
  };
  struct Table {
    std::unordered_map<std::string, Failures> entries;
    std::list<std::string> by_recency;  // least recently touched first
    Failures& touch(const std::string& key, std::int64_t now);
    Failures* find(const std::string& key);
    void erase(std::unordered_map<std::string, Failures>::iterator it);
  };
  static std::int64_t wait_s(const Failures* f, std::int64_t now);
  static void fail(Failures& f, int limit, std::int64_t now);

  std::mutex mutex_;
  Table accounts_, addresses_;
  std::mutex turns_[64];  // striped by account
};

}  // namespace roster::server
