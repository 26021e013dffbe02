// The indexes' sortBy orders: built by a radix sort of integer keys, then kept sorted through writes
// one id at a time.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace roster::server {

// Ids and their integer sort keys; sort_keyed() orders them by (key, id) when they come in id order.
struct KeyedId {
  std::uint64_t key;
  std::uint32_t id;
};
// A stable LSD radix sort, 16 bits a pass, only over the bits the keys differ in (a rank of a few
// hundred values is one pass, a timestamp three): a million ids in milliseconds rather than the
// tenth of a second a comparison sort takes.
void sort_keyed(std::vector<KeyedId>& items);

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

// Many ids at once (a batch of a bulk change), in one pass over the order each rather than a shift of
// the whole order per id: a thousand role changes in an order of a million ids were a thousand moves
// of megabytes. order_remove_many takes `ids` out whatever their keys are now (they are marked in
// `mark`, one byte per id, which is left all zero again); order_place_many sorts `ids` by their keys
// (duplicates dropped) and merges them in from the back.
inline void order_remove_many(std::vector<std::uint32_t>& order, const std::vector<std::uint32_t>& ids,
                              std::vector<std::uint8_t>& mark) {
  if (ids.empty()) return;
  for (auto id : ids) {
    if (mark.size() <= id) mark.resize(static_cast<std::size_t>(id) + 1);
    mark[id] = 1;
  }
  order.erase(
      std::remove_if(order.begin(), order.end(), [&](std::uint32_t x) { return x < mark.size() && mark[x] != 0; }),
      order.end());
  for (auto id : ids) mark[id] = 0;
}
template <typename Less>
void order_place_many(std::vector<std::uint32_t>& order, std::vector<std::uint32_t>& ids, const Less& less) {
  if (ids.empty()) return;
  std::sort(ids.begin(), ids.end(), less);
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::size_t kept = order.size(), j = ids.size(), w = order.size() + ids.size();
  order.resize(w);
  // From the back: the kept ids after each placed one move up as one block (found by bisection), so
  // each kept id moves once, and only those after the first placed.
  while (j > 0) {
    const auto first =
        std::upper_bound(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), ids[j - 1], less);
    const auto from = static_cast<std::size_t>(first - order.begin());
    std::move_backward(first, order.begin() + static_cast<std::ptrdiff_t>(kept),
                       order.begin() + static_cast<std::ptrdiff_t>(w));
    w -= kept - from;
    kept = from;
    order[--w] = ids[--j];
  }
}

}  // namespace roster::server
