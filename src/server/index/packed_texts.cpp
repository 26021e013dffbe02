#include "server/index/packed_texts.h"

#include "server/index/match_bits.h"
#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace roster::server {

bool contains_padded(const char* hay, std::size_t n, const std::string& needle) {
  const std::size_t k = needle.size();
  if (k == 0) return true;
  if (k > n) return false;
  if (k == 1) return std::memchr(hay, needle[0], n) != nullptr;
#if defined(__SSE2__)
  // Compare the first and the last byte of the needle at 16 positions at once; only positions where
  // both agree compare the middle (W. Muła's "SIMD-friendly" substring search).
  const __m128i first = _mm_set1_epi8(needle[0]), last = _mm_set1_epi8(needle[k - 1]);
  const std::size_t positions = n - k + 1;
  for (std::size_t i = 0; i < positions; i += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(hay + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(hay + i + k - 1));
    auto mask =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
    if (positions - i < 16) mask &= (1u << (positions - i)) - 1u;
    while (mask) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
      if (k == 2 || std::memcmp(hay + i + bit + 1, needle.data() + 1, k - 2) == 0) return true;
      mask &= mask - 1;
    }
  }
  return false;
#else
  const char* end = hay + n;
  for (const char* p = hay; p + k <= end; ++p) {
    p = static_cast<const char*>(std::memchr(p, needle[0], static_cast<std::size_t>(end - p) - k + 1));
    if (!p) return false;
    if (std::memcmp(p, needle.data(), k) == 0) return true;
  }
  return false;
#endif
}

std::uint64_t pair_signature(std::string_view s) {
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const std::uint32_t pair = static_cast<unsigned char>(s[i]) << 8 | static_cast<unsigned char>(s[i + 1]);
    bits |= 1ull << ((pair * 0x9E3779B1u) >> 26);
  }
  return bits;
}

void PackedTexts::clear() {
  bytes_.assign(kPadding, '\0');
  starts_.clear();
  owners_.clear();
  seen_bytes_.assign(4, 0);
  seen_pairs_.assign(1024, 0);
}

void PackedTexts::shrink_to_fit() {
  bytes_.shrink_to_fit();
  starts_.shrink_to_fit();
  owners_.shrink_to_fit();
}

void PackedTexts::reserve(std::size_t bytes, std::size_t slots) {
  bytes_.reserve(bytes + kPadding);
  starts_.reserve(slots);
  owners_.reserve(slots);
}

std::uint32_t PackedTexts::add(std::uint32_t owner, std::string_view text) {
  bytes_.resize(bytes_.size() - kPadding);
  const auto slot = static_cast<std::uint32_t>(starts_.size());
  starts_.push_back(static_cast<std::uint32_t>(bytes_.size()));
  owners_.push_back(owner);
  bytes_.insert(bytes_.end(), text.begin(), text.end());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    seen_bytes_[b / 64] |= 1ull << (b % 64);
    if (i + 1 < text.size()) {
      const unsigned pair = b << 8 | static_cast<unsigned char>(text[i + 1]);
      seen_pairs_[pair / 64] |= 1ull << (pair % 64);
    }
  }
  bytes_.resize(bytes_.size() + 1 + kPadding, '\0');  // the NUL: no match spans two texts
  return slot;
}

bool PackedTexts::may_hold(const std::string& needle) const {
  for (std::size_t i = 0; i < needle.size(); ++i) {
    const auto b = static_cast<unsigned char>(needle[i]);
    if (!((seen_bytes_[b / 64] >> (b % 64)) & 1u)) return false;
    if (i + 1 < needle.size()) {
      const unsigned pair = b << 8 | static_cast<unsigned char>(needle[i + 1]);
      if (!((seen_pairs_[pair / 64] >> (pair % 64)) & 1u)) return false;
    }
  }
  return true;
}

void PackedTexts::scan(const std::string& needle, std::vector<std::uint64_t>& hit) const {
  const std::size_t k = needle.size(), slots = starts_.size();
  const std::size_t n = bytes_.size() - kPadding;  // the padding is not text
  if (k == 0 || k > n || slots == 0) return;
  const char* text = bytes_.data();
  std::size_t slot = 0;
  // Marks the owner of the text holding `pos`; returns where the next text starts.
  auto mark = [&](std::size_t pos) {
    while (slot + 1 < slots && starts_[slot + 1] <= pos) ++slot;
    const std::uint32_t owner = owners_[slot];
    if (owner != kNoOwner && owner / 64 < hit.size()) hit[owner / 64] |= 1ull << (owner % 64);
    return slot + 1 < slots ? static_cast<std::size_t>(starts_[slot + 1]) : n;
  };
  if (k == 1) {
    for (std::size_t pos = 0; pos < n;) {
      const void* p = std::memchr(text + pos, needle[0], n - pos);
      if (!p) break;
      pos = mark(static_cast<std::size_t>(static_cast<const char*>(p) - text));
    }
    return;
  }
  const std::size_t positions = n - k + 1;
#if defined(__SSE2__)
  const __m128i first = _mm_set1_epi8(needle[0]), last = _mm_set1_epi8(needle[k - 1]);
  std::size_t i = 0, resume = 0;
  while (i < positions) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i + k - 1));
    auto mask =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
    if (positions - i < 16) mask &= (1u << (positions - i)) - 1u;
    for (; mask; mask &= mask - 1) {
      const std::size_t pos = i + static_cast<std::size_t>(__builtin_ctz(mask));
      if (pos >= resume && (k == 2 || std::memcmp(text + pos + 1, needle.data() + 1, k - 2) == 0)) resume = mark(pos);
    }
    i = std::max(i + 16, resume);
  }
#else
  for (std::size_t pos = 0; pos < positions; ++pos)
    if (std::memcmp(text + pos, needle.data(), k) == 0) pos = mark(pos) - 1;
#endif
}

}  // namespace roster::server
