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

}  // namespace roster::server
