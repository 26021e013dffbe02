// Values that repeat across rows (names, domains, models), interned once, for the in-memory indexes.
#pragma once

#include <cstdint>
#include <string>
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

}  // namespace roster::server
