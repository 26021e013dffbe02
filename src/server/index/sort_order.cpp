#include "server/index/sort_order.h"

#include <algorithm>
#include <cstddef>

namespace roster::server {

void sort_keyed(std::vector<KeyedId>& items) {
  if (items.size() < 2) return;
  std::uint64_t lo = UINT64_MAX, hi = 0;
  for (const auto& e : items) lo = std::min(lo, e.key), hi = std::max(hi, e.key);
  for (auto& e : items) e.key -= lo;
  std::vector<KeyedId> spare(items.size());
  std::vector<std::size_t> counts(1u << 16);
  for (unsigned shift = 0; shift < 64 && ((hi - lo) >> shift) != 0; shift += 16) {
    std::fill(counts.begin(), counts.end(), 0);
    for (const auto& e : items) ++counts[(e.key >> shift) & 0xFFFF];
    std::size_t at = 0;
    for (auto& c : counts) {
      const std::size_t n = c;
      c = at;
      at += n;
    }
    for (const auto& e : items) spare[counts[(e.key >> shift) & 0xFFFF]++] = e;
    items.swap(spare);
  }
  for (auto& e : items) e.key += lo;
}

}  // namespace roster::server
