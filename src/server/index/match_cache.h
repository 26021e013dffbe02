// The last few queries' matches of an index, fixed in place by writes.
#pragma once

#include "server/index/match_bits.h"
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace roster::server {

// The last few queries' matches, so that paging through a query tests its rows once. A write does
// not drop them: recheck() tests the written row against each kept query and sets or clears its bit,
// so the first request after a write costs no more than the one before. A new load of the index (a
// new generation) drops them all. Thread-safe; recheck() runs with the index's write lock held, so
// no reader holds a bitmap it changes.
template <typename Query>
class MatchCache {
 public:
  static constexpr std::size_t kQueries = 8;

  std::shared_ptr<const IndexMatches> find(const std::string& key, std::uint64_t generation) const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation_ != generation) {
      entries_.clear();
      generation_ = generation;
    }
    for (const auto& e : entries_)
      if (e.key == key) return e.matches;
    return nullptr;
  }
  void keep(std::string key, const Query& query, std::shared_ptr<IndexMatches> matches,
            std::uint64_t generation) const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation_ != generation) return;
    if (entries_.size() >= kQueries) entries_.erase(entries_.begin());
    entries_.push_back({std::move(key), query, std::move(matches)});
  }
  // `member(query, id)`: whether the row matches the query now.
  template <typename IsMember>
  void recheck(std::uint32_t id, std::uint64_t generation, const IsMember& member) const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation_ != generation) return;  // dropped at the next lookup anyway
    for (auto& e : entries_) {
      auto& bits = e.matches->bits;
      if (bits.size() <= id / 64) bits.resize(id / 64 + 1, 0);
      const bool now = member(e.query, id);
      if (has_bit(bits, id) == now) continue;
      bits[id / 64] ^= 1ull << (id % 64);
      e.matches->total += now ? 1 : -1;
    }
  }

 private:
  struct Entry {
    std::string key;
    Query query;
    std::shared_ptr<IndexMatches> matches;
  };
  mutable std::mutex mutex_;
  mutable std::vector<Entry> entries_;
  mutable std::uint64_t generation_ = 0;
};

}  // namespace roster::server
