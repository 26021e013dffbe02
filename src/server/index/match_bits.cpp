#include "server/index/match_bits.h"

namespace roster::server {

std::int64_t popcount(const std::vector<std::uint64_t>& bits) {
  std::int64_t total = 0;
  for (auto word : bits) total += __builtin_popcountll(word);
  return total;
}

}  // namespace roster::server
