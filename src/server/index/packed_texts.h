// Substring search over many short texts at once (the indexes' distinct names and email local parts):
// one SSE2 pass over texts packed into one buffer, and byte-pair filters that skip the pass.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace roster::server {

// Does `hay[0, n)` contain `needle`? Reads up to 16 bytes past `hay + n` (the caller pads).
bool contains_padded(const char* hay, std::size_t n, const std::string& needle);

// Short texts packed one after another, each followed by a NUL (no match spans two), then padding for
// the SIMD reads. Slot i starts at starts[i] and belongs to owners[i] (kNoOwner once replaced). One
// pass over all of them finds every owner whose text holds a needle. Every byte and byte pair that
// ever occurred is remembered, so a needle with one that never did (Cyrillic among ASCII addresses)
// needs no pass at all.
class PackedTexts {
 public:
  static constexpr std::uint32_t kNoOwner = UINT32_MAX;
  static constexpr std::size_t kPadding = 32;

  PackedTexts() { clear(); }
  void clear();
  void reserve(std::size_t bytes, std::size_t slots);
  void shrink_to_fit();  // after a load
  // Appends `text` for `owner`; returns its slot.
  std::uint32_t add(std::uint32_t owner, std::string_view text);
  void retire(std::uint32_t slot) { owners_[slot] = kNoOwner; }
  std::string_view text(std::uint32_t offset, std::uint32_t length) const { return {bytes_.data() + offset, length}; }
  const char* data() const { return bytes_.data(); }
  std::uint32_t start(std::uint32_t slot) const { return starts_[slot]; }
  std::string_view slot_text(std::uint32_t slot) const {
    const std::size_t end = slot + 1 < starts_.size() ? starts_[slot + 1] : bytes_.size() - kPadding;
    return {bytes_.data() + starts_[slot], end - 1 - starts_[slot]};
  }
  // False when no text can hold `needle` (one of its bytes or pairs never occurred).
  bool may_hold(const std::string& needle) const;
  // Sets bit `owner` in `hit` for every live slot whose text contains `needle`.
  void scan(const std::string& needle, std::vector<std::uint64_t>& hit) const;
  std::size_t memory_bytes() const { return bytes_.capacity() + (starts_.capacity() + owners_.capacity()) * 4; }

 private:
  std::vector<char> bytes_;
  std::vector<std::uint32_t> starts_, owners_;
  std::vector<std::uint64_t> seen_bytes_, seen_pairs_;
};

// A 64-bit signature of a text's byte pairs: a needle whose pairs' bits are not all in a text's
// signature is not in that text.
std::uint64_t pair_signature(std::string_view s);

}  // namespace roster::server
