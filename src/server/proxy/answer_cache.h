// Short-lived copies of upstream answers that the console asks for again and again: "Get user info"
// (the public-API mode fills each visible row from it, on every scroll) and "Organization info" (one
// name for many rows). Keyed by the call and its parameters; kept --user-info-ttl seconds; at most
// kMaxEntries (past it, the expired go first, then everything). Each copy is tagged with the
// store's generation seen before the upstream was asked; a write through any instance of the proxy
// advances that generation (ProxyStore::bump_generation), and a copy older than the generation a
// request sees is not used: one instance's write is not hidden by another's cache. Thread-safe.
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
  // The copy under `key` while fresh and not older than `generation`.
  std::optional<CachedAnswer> find(const std::string& key, std::int64_t now_ms, std::int64_t generation);
  void put(const std::string& key, CachedAnswer answer, std::int64_t now_ms, std::int64_t generation);
  void erase(const std::string& key);

 private:
  struct Entry {
    CachedAnswer answer;
    std::int64_t expires_at;
    std::int64_t generation;
  };
  std::int64_t ttl_ms_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace roster::server::proxy
