#include "server/index/value_pool.h"

#include <algorithm>

namespace roster::server {

std::uint32_t ValuePool::intern(const std::string& s) {
  auto it = ids.find(s);
  if (it != ids.end()) return it->second;
  values.push_back(s);
  return ids[s] = static_cast<std::uint32_t>(values.size() - 1);
}

std::size_t ValuePool::memory_bytes() const {
  std::size_t n = values.capacity() * sizeof(std::string) + ids.size() * 64;
  for (const auto& v : values) n += v.capacity() > 15 ? v.capacity() + 1 : 0;
  return n;
}

std::vector<std::uint32_t> ValuePool::ranks() const {
  std::vector<std::uint32_t> by(values.size()), rank(values.size());
  for (std::uint32_t i = 0; i < by.size(); ++i) by[i] = i;
  std::sort(by.begin(), by.end(), [&](std::uint32_t x, std::uint32_t y) { return values[x] < values[y]; });
  for (std::uint32_t r = 0; r < by.size(); ++r) rank[by[r]] = r;
  return rank;
}

}  // namespace roster::server
