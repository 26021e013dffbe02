// Values that repeat across rows (names, domains, models, statuses), each held once; a row holds its
// value's id. Device names may also be nearly all distinct (a fleet named "Lviv Kitchen Plug 0412"), so
// a pool is packed: every value's bytes in one buffer, an offset per value, and an open-addressing
// table of ids for interning: the text plus 6-10 bytes a value, where a string and a hash
// node per value took some 200. A value no row holds any more stays: pools only grow, by edits' new
// values. Views it hands out stay valid until the next intern() (the owning index's write lock covers
// both).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roster::server {

class ValuePool {
 public:
  // The id of `value`, added if new (ids count up from 0).
  std::uint32_t intern(std::string_view value);
  std::optional<std::uint32_t> find(std::string_view value) const;
  std::string_view value(std::uint32_t id) const {
    return {bytes_.data() + starts_[id], static_cast<std::size_t>(starts_[id + 1] - starts_[id])};
  }
  std::size_t size() const { return starts_.size() - 1; }
  std::size_t memory_bytes() const { return bytes_.capacity() + (starts_.capacity() + slots_.capacity()) * 4; }
  // After a load: gives back what the buffers' growth reserved beyond the values (up to half of them).
  void shrink_to_fit();
  // Each value's place in byte order (SQLite's BINARY collation): sorting by rank sorts by value.
  std::vector<std::uint32_t> ranks() const;

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  std::size_t slot_of(std::string_view value) const;  // where `value` is, or the empty slot it would take
  void grow_table();

  std::vector<char> bytes_;
  std::vector<std::uint32_t> starts_{0};  // value i is bytes_[starts_[i], starts_[i + 1])
  std::vector<std::uint32_t> slots_;      // ids by hash, linear probing; a power of two, at most 3/4 full
};

}  // namespace roster::server
