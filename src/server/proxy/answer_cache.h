// Short-lived copies of upstream answers that the console asks for again and again: "Get user info"
// (the public-API mode fills each visible row from it, on every scroll) and "Organization info" (one
// name for many rows). Keyed by the call and its id; kept --user-info-ttl seconds; at most kMaxEntries
// (past it, the expired go first, then everything). A write through the proxy drops its user's entry.
// Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace roster::server::proxy {

struct CachedAnswer {
  int status = 0;
  std::string body;
  std::string etag;  // the upstream's, so that a revalidation of a cached answer is a 304 here
};

class AnswerCache {
 public:
  static constexpr std::size_t kMaxEntries = 100'000;
  // Larger answers are not kept (a user or an organization is under 2 KB): 100,000 entries of an
  // upstream's 16 MB answers would not fit in any memory.
  static constexpr std::size_t kMaxAnswerBytes = 64 * 1024;

  explicit AnswerCache(std::int64_t ttl_ms) : ttl_ms_(ttl_ms) {}
  std::optional<CachedAnswer> find(const std::string& key, std::int64_t now_ms);
  void put(const std::string& key, CachedAnswer answer, std::int64_t now_ms);
  void erase(const std::string& key);

 private:
  struct Entry {
    CachedAnswer answer;
    std::int64_t expires_at;
  };
  std::int64_t ttl_ms_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace roster::server::proxy
