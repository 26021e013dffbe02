// A query's matches as a bitmap (a bit per id; the popcount is the exact total) and the page of them
// in id order or along a sort permutation.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace roster::server {

inline bool has_bit(const std::vector<std::uint64_t>& bits, std::uint32_t id) {
  return id / 64 < bits.size() && ((bits[id / 64] >> (id % 64)) & 1u);
}

std::int64_t popcount(const std::vector<std::uint64_t>& bits);

// A query's matches: a bit per id, and how many are set (the exact total).
struct IndexMatches {
  std::vector<std::uint64_t> bits;
  std::int64_t total = 0;
};

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

}  // namespace roster::server
