// The version of the data, which caches of derived data (totals, sort orders) are checked against:
// bumped after every committed write that can change what they hold, so a cache knows it is stale
// without being told which rows changed.
#pragma once

#include <atomic>
#include <cstdint>

namespace roster::server {

class DataVersion {
 public:
  std::int64_t current() const { return value_.load(); }
  void bump() { ++value_; }

 private:
  std::atomic<std::int64_t> value_{1};
};

}  // namespace roster::server
