#include "server/index/value_pool.h"

#include <algorithm>
#include <functional>

namespace roster::server {

std::size_t ValuePool::slot_of(std::string_view value) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = std::hash<std::string_view>{}(value)&mask;; i = (i + 1) & mask)
    if (slots_[i] == kEmpty || this->value(slots_[i]) == value) return i;
}

void ValuePool::grow_table() {
  slots_.assign(std::max<std::size_t>(16, slots_.size() * 2), kEmpty);
  for (std::uint32_t id = 0; id < size(); ++id) slots_[slot_of(value(id))] = id;
}

std::optional<std::uint32_t> ValuePool::find(std::string_view value) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint32_t id = slots_[slot_of(value)];
  if (id == kEmpty) return std::nullopt;
  return id;
}

std::uint32_t ValuePool::intern(std::string_view value) {
  if ((size() + 1) * 4 > slots_.size() * 3) grow_table();
  const std::size_t slot = slot_of(value);
  if (slots_[slot] != kEmpty) return slots_[slot];
  const auto id = static_cast<std::uint32_t>(size());
  bytes_.insert(bytes_.end(), value.begin(), value.end());
  starts_.push_back(static_cast<std::uint32_t>(bytes_.size()));
  slots_[slot] = id;
  return id;
}

void ValuePool::shrink_to_fit() {
  bytes_.shrink_to_fit();
  starts_.shrink_to_fit();
}

std::vector<std::uint32_t> ValuePool::ranks() const {
  std::vector<std::uint32_t> by(size()), rank(size());
  for (std::uint32_t i = 0; i < by.size(); ++i) by[i] = i;
  std::sort(by.begin(), by.end(), [&](std::uint32_t x, std::uint32_t y) { return value(x) < value(y); });
  for (std::uint32_t r = 0; r < by.size(); ++r) rank[by[r]] = r;
  return rank;
}

}  // namespace roster::server
