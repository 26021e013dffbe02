// The parts the in-memory indexes (users: user_index.h, devices: device_index.h) share: a pool of
// interned values, a writer-preferring lock, a substring pass over many short texts packed into one
// buffer, and the page of a bitmap of matches in id order or along a sort permutation.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace roster::server {

// Values that repeat (names, domains, models), each held once; a row holds its value's id. A value
// no row holds any more stays: pools only grow, by edits' new values.
struct ValuePool {
  std::vector<std::string> values;
  std::unordered_map<std::string, std::uint32_t> ids;
  std::uint32_t intern(const std::string& s);
  std::size_t memory_bytes() const;
  // Each value's place in byte order (SQLite's BINARY collation): sorting by rank sorts by value.
  std::vector<std::uint32_t> ranks() const;
};

// A writer-preferring reader/writer lock: a writer waiting at the turnstile stops new readers, so a
// stream of searches cannot starve a write.
struct IndexLock {
  std::mutex turnstile;
  std::shared_mutex rw;
};

class IndexReadGuard {
 public:
  explicit IndexReadGuard(IndexLock& l) : l_(l) {
    { std::lock_guard<std::mutex> pass(l_.turnstile); }
    l_.rw.lock_shared();
  }
  ~IndexReadGuard() { l_.rw.unlock_shared(); }
  IndexReadGuard(const IndexReadGuard&) = delete;
  IndexReadGuard& operator=(const IndexReadGuard&) = delete;

 private:
  IndexLock& l_;
};

class IndexWriteGuard {
 public:
  explicit IndexWriteGuard(IndexLock& l) : l_(l), pass_(l.turnstile) { l_.rw.lock(); }
  ~IndexWriteGuard() { l_.rw.unlock(); }
  IndexWriteGuard(const IndexWriteGuard&) = delete;
  IndexWriteGuard& operator=(const IndexWriteGuard&) = delete;

 private:
  IndexLock& l_;
  std::lock_guard<std::mutex> pass_;
};

// Does `hay[0, n)` contain `needle`? Reads up to 16 bytes past `hay + n` (the caller pads).
bool contains_padded(const char* hay, std::size_t n, const std::string& needle);

// Short texts packed one after another, each followed by a NUL (no match spans two), then padding for
// the SIMD reads. Slot i starts at starts[i] and belongs to owners[i] (kNoOwner once replaced). One
// pass over all of them finds every owner whose text holds a needle. Every byte and byte pair that
// ever occurred is remembered, so a needle with one that never did (Cyrillic among ASCII addresses)
// needs no pass at all.
class PackedTexts {
 public:
  static constexpr std::uint32_t kNoOwner = UINT32_MAX;
  static constexpr std::size_t kPadding = 32;

  PackedTexts() { clear(); }
  void clear();
  void reserve(std::size_t bytes, std::size_t slots);
  // Appends `text` for `owner`; returns its slot.
  std::uint32_t add(std::uint32_t owner, std::string_view text);
  void retire(std::uint32_t slot) { owners_[slot] = kNoOwner; }
  std::string_view text(std::uint32_t offset, std::uint32_t length) const { return {bytes_.data() + offset, length}; }
  const char* data() const { return bytes_.data(); }
  std::uint32_t start(std::uint32_t slot) const { return starts_[slot]; }
  std::string_view slot_text(std::uint32_t slot) const {
    const std::size_t end = slot + 1 < starts_.size() ? starts_[slot + 1] : bytes_.size() - kPadding;
    return {bytes_.data() + starts_[slot], end - 1 - starts_[slot]};
  }
  // False when no text can hold `needle` (one of its bytes or pairs never occurred).
  bool may_hold(const std::string& needle) const;
  // Sets bit `owner` in `hit` for every live slot whose text contains `needle`.
  void scan(const std::string& needle, std::vector<std::uint64_t>& hit) const;
  std::size_t memory_bytes() const { return bytes_.capacity() + (starts_.capacity() + owners_.capacity()) * 4; }

 private:
  std::vector<char> bytes_;
  std::vector<std::uint32_t> starts_, owners_;
  std::vector<std::uint64_t> seen_bytes_, seen_pairs_;
};

// A 64-bit signature of a text's byte pairs: a needle whose pairs' bits are not all in a text's
// signature is not in that text.
std::uint64_t pair_signature(std::string_view s);

inline bool has_bit(const std::vector<std::uint64_t>& bits, std::uint32_t id) {
  return id / 64 < bits.size() && ((bits[id / 64] >> (id % 64)) & 1u);
}

std::int64_t popcount(const std::vector<std::uint64_t>& bits);

// Ids and their integer sort keys; sort_keyed() orders them by (key, id) when they come in id order.
struct KeyedId {
  std::uint64_t key;
  std::uint32_t id;
};
// A stable LSD radix sort, 16 bits a pass, only over the bits the keys differ in (a rank of a few
// hundred values is one pass, a timestamp three): a million ids in milliseconds rather than the
// tenth of a second a comparison sort takes.
void sort_keyed(std::vector<KeyedId>& items);

// The ids of the page [offset, offset + size) of the members of `bits` (`total` of them): in id
// order when `order` is null, else in the order of `order` (every live id, ascending by the key;
// reversed when `descending`), where `less` compares two ids by (key, id). Whole words are skipped by
// their popcount in id order; a few thousand matches are sorted rather than the order walked; a page
// past the middle is walked from the far end; when every id matches the page is a slice.
template <class Less>
void page_of(const std::vector<std::uint64_t>& bits, std::int64_t total, const std::vector<std::uint32_t>* order,
             Less less, bool descending, std::int64_t offset, std::int64_t size, std::vector<std::int64_t>& ids) {
  ids.clear();
  if (offset < 0 || size <= 0 || offset >= total) return;
  const std::int64_t want = std::min(size, total - offset);
  if (!order) {
    std::int64_t skip = offset;
    const std::size_t words = bits.size();
    for (std::size_t i = 0; i < words && static_cast<std::int64_t>(ids.size()) < want; ++i) {
      const std::size_t w = descending ? words - 1 - i : i;
      std::uint64_t word = bits[w];
      const int c = __builtin_popcountll(word);
      if (skip >= c) {
        skip -= c;
        continue;
      }
      while (word && static_cast<std::int64_t>(ids.size()) < want) {
        const int bit = descending ? 63 - __builtin_clzll(word) : __builtin_ctzll(word);
        word &= ~(1ull << bit);
        if (skip > 0) {
          --skip;
          continue;
        }
        ids.push_back(static_cast<std::int64_t>(w * 64 + static_cast<std::size_t>(bit)));
      }
    }
    return;
  }
  const auto n = static_cast<std::int64_t>(order->size());
  if (total == n) {  // everyone: the order itself
    for (std::int64_t i = offset; i < offset + want; ++i)
      ids.push_back((*order)[static_cast<std::size_t>(descending ? n - 1 - i : i)]);
    return;
  }
  if (total <= 4096 && total * 64 < n) {
    // A few matches: sort them rather than walk a million ids.
    std::vector<std::uint32_t> hit;
    hit.reserve(static_cast<std::size_t>(total));
    for (std::size_t w = 0; w < bits.size(); ++w)
      for (std::uint64_t word = bits[w]; word; word &= word - 1)
        hit.push_back(static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(word))));
    auto cmp = [&](std::uint32_t a, std::uint32_t b) { return descending ? less(b, a) : less(a, b); };
    const auto end = static_cast<std::size_t>(offset + want);
    std::partial_sort(hit.begin(), hit.begin() + static_cast<std::ptrdiff_t>(end), hit.end(), cmp);
    for (auto i = static_cast<std::size_t>(offset); i < end; ++i) ids.push_back(hit[i]);
    return;
  }
  // Many matches: the permutation, members only, until the page is full; from the nearer end.
  const bool backwards = offset > total - offset - want;
  const bool reverse = descending != backwards;
  std::int64_t skip = backwards ? total - offset - want : offset;
  for (std::int64_t i = 0; i < n && static_cast<std::int64_t>(ids.size()) < want; ++i) {
    const std::uint32_t id = (*order)[static_cast<std::size_t>(reverse ? n - 1 - i : i)];
    if (!has_bit(bits, id)) continue;
    if (skip > 0) {
      --skip;
      continue;
    }
    ids.push_back(id);
  }
  if (backwards) std::reverse(ids.begin(), ids.end());
}

// A sort order (ids sorted by `less`, ties by id) kept sorted through writes: an id leaves it at
// its old key (found by bisection, or by a scan if its key changed under it) and enters at its new.
template <typename Less>
void order_remove(std::vector<std::uint32_t>& order, std::uint32_t id, const Less& less) {
  auto it = std::lower_bound(order.begin(), order.end(), id, less);
  if (it == order.end() || *it != id) it = std::find(order.begin(), order.end(), id);
  if (it != order.end()) order.erase(it);
}
template <typename Less>
void order_place(std::vector<std::uint32_t>& order, std::uint32_t id, const Less& less) {
  order.insert(std::lower_bound(order.begin(), order.end(), id, less), id);
}

// A query's matches: a bit per id, and how many are set (the exact total).
struct IndexMatches {
  std::vector<std::uint64_t> bits;
  std::int64_t total = 0;
};

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
