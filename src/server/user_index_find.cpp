// Queries over UserIndex: the filters and the substring test (distinct values once, then per user
// the email's local part) into a bitmap (the exact total is its popcount), then the page: in id order by skipping whole
// words by popcount, in another order by walking that column's permutation and testing the bitmap (or, for a few
// thousand matches, by sorting just those). The last few bitmaps are kept until the next change, so paging through one
// search or re-sorting it does not scan again.
#include "server/user_index.h"

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

void UserIndex::scan_locals(const std::string& needle, std::vector<std::uint64_t>& hit) const {
  const std::size_t k = needle.size(), slots = local_starts_.size();
  const std::size_t n = local_.size() >= 32 ? local_.size() - 32 : 0;  // the padding is not text
  if (k == 0 || k > n || slots == 0) return;
  const char* text = local_.data();
  std::size_t slot = 0;
  // Marks the owner of the local part holding `pos`; returns where the next local part starts.
  auto mark = [&](std::size_t pos) {
    while (slot + 1 < slots && local_starts_[slot + 1] <= pos) ++slot;
    const std::uint32_t owner = local_owner_[slot];
    if (owner != UINT32_MAX && owner / 64 < hit.size()) hit[owner / 64] |= 1ull << (owner % 64);
    return slot + 1 < slots ? static_cast<std::size_t>(local_starts_[slot + 1]) : n;
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

bool UserIndex::may_be_in_locals(const std::string& needle) const {
  for (std::size_t i = 0; i < needle.size(); ++i) {
    const auto b = static_cast<unsigned char>(needle[i]);
    if (!((local_bytes_[b / 64] >> (b % 64)) & 1u)) return false;
    if (i + 1 < needle.size()) {
      const unsigned pair = b << 8 | static_cast<unsigned char>(needle[i + 1]);
      if (!((local_pairs_[pair / 64] >> (pair % 64)) & 1u)) return false;
    }
  }
  return true;
}

namespace {

std::string cache_key(const UserIndexQuery& q) {
  std::string key = q.folded_query;
  key += '\0';
  for (auto id : q.org_ids) key += std::to_string(id) + ",";
  key += '|';
  for (auto id : q.role_ids) key += std::to_string(id) + ",";
  key += '|';
  for (const auto& s : q.statuses) key += s + ",";
  key += '|';
  key += q.no_devices ? '1' : '0';
  key += std::to_string(q.only_user_id);
  return key;
}

constexpr std::size_t kCachedQueries = 8;

}  // namespace

// Called with the read lock held.
std::shared_ptr<const UserIndex::Matches> UserIndex::matches(const UserIndexQuery& q) const {
  const std::string key = cache_key(q);
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    if (cache_generation_ != generation_) {
      cache_.clear();
      cache_generation_ = generation_;
    }
    for (const auto& [k, m] : cache_)
      if (k == key) return m;
  }
  auto m = std::make_shared<Matches>();
  const std::size_t n = alive_.size();
  m->bits.assign((n + 63) / 64, 0);

  // Filters as lookups: organisations by id, roles in a short list, statuses by interned id.
  std::vector<std::uint8_t> org_ok;
  for (auto id : q.org_ids)
    if (id >= 0 && id < (1 << 24)) {
      if (org_ok.size() <= static_cast<std::size_t>(id)) org_ok.resize(static_cast<std::size_t>(id) + 1, 0);
      org_ok[static_cast<std::size_t>(id)] = 1;
    }
  std::vector<std::uint8_t> status_ok(statuses_.values.size() + 1, q.statuses.empty() ? 1 : 0);
  for (const auto& s : q.statuses) {
    auto it = statuses_.ids.find(s);
    if (it != statuses_.ids.end()) status_ok[it->second] = 1;
  }
  const bool by_org = !q.org_ids.empty(), by_role = !q.role_ids.empty();

  // The text: each distinct name, role name, location and email rest tested once. An address
  // matches when its local part does, its rest (from the first '@') does, or the query spans the
  // two: then it is "<end of the local part>@<start of the rest>" at the query's first '@'.
  const std::string& text = q.folded_query;
  const bool any_text = text.empty();
  auto test_pool = [&](const Pool& pool) {
    std::vector<std::uint8_t> ok(pool.values.size(), any_text ? 1 : 0);
    if (!any_text)
      for (std::size_t i = 0; i < ok.size(); ++i) ok[i] = pool.values[i].find(text) != std::string::npos;
    return ok;
  };
  const auto name_ok = test_pool(names_), role_ok = test_pool(role_texts_), location_ok = test_pool(locations_),
             dom_ok = test_pool(domains_);
  const std::size_t at = text.find('@');
  const std::string head = at == std::string::npos ? std::string() : text.substr(0, at);
  std::vector<std::uint8_t> dom_starts(domains_.values.size(), 0);
  if (at != std::string::npos && at > 0)
    for (std::size_t i = 0; i < dom_starts.size(); ++i)
      dom_starts[i] = domains_.values[i].compare(0, text.size() - at, text, at, std::string::npos) == 0;
  auto dict_matches = [&](std::uint32_t id) {
    return (name_ok[name_[id]] | role_ok[role_text_[id]] | location_ok[location_[id]] | dom_ok[dom_[id]]) != 0;
  };
  auto local_matches = [&](std::uint32_t id) {  // for the few users the pools left undecided
    const Rec& r = rec_[id];
    if (at == std::string::npos) return contains_padded(local_.data() + r.local_off, r.local_len, text);
    return at > 0 && dom_starts[dom_[id]] && r.local_len >= head.size() &&
           std::memcmp(local_.data() + r.local_off + r.local_len - head.size(), head.data(), head.size()) == 0;
  };
  auto passes = [&](std::uint32_t id) {
    if (!alive_[id]) return false;
    if (!status_ok[status_[id]]) return false;
    if (q.no_devices && devices_[id] != 0) return false;
    if (by_org) {
      const auto org = org_[id];
      if (org < 0 || static_cast<std::size_t>(org) >= org_ok.size() || !org_ok[static_cast<std::size_t>(org)])
        return false;
    }
    return !by_role || std::find(q.role_ids.begin(), q.role_ids.end(), role_[id]) != q.role_ids.end();
  };
  // First the filters and the pools; the users they leave undecided are then settled by their
  // addresses' local parts: one by one when few, else by one pass over all of them.
  std::vector<std::uint64_t> undecided;
  std::size_t undecided_count = 0;
  if (!any_text) undecided.assign(m->bits.size(), 0);
  // Without an '@', a local part can hold the query only if its signature has all the query's pairs.
  const std::uint64_t need = at == std::string::npos ? pair_bits(text) : 0;
  auto decide = [&](std::uint32_t id, std::uint64_t& word) {
    if (!passes(id)) return;
    if (any_text || dict_matches(id)) {
      word |= 1ull << (id % 64);
    } else if ((local_sig_[id] & need) == need) {
      undecided[id / 64] |= 1ull << (id % 64);
      ++undecided_count;
    }
  };
  if (q.only_user_id) {
    if (q.only_user_id > 0 && static_cast<std::uint64_t>(q.only_user_id) < n) {
      const auto id = static_cast<std::uint32_t>(q.only_user_id);
      decide(id, m->bits[id / 64]);
    }
  } else {
    for (std::size_t w = 0; w < m->bits.size(); ++w) {
      const std::size_t base = w * 64, end = std::min(n, base + 64);
      for (std::size_t id = base; id < end; ++id) decide(static_cast<std::uint32_t>(id), m->bits[w]);
    }
  }
  if (at == std::string::npos && !may_be_in_locals(text)) {
    // No local part holds it: the pools decided everyone.
  } else if (undecided_count > 0 && at == std::string::npos && undecided_count > n / 32) {
    std::vector<std::uint64_t> hit(m->bits.size(), 0);
    scan_locals(text, hit);
    for (std::size_t w = 0; w < m->bits.size(); ++w) m->bits[w] |= undecided[w] & hit[w];
  } else if (undecided_count > 0) {
    for (std::size_t w = 0; w < undecided.size(); ++w)
      for (std::uint64_t word = undecided[w]; word; word &= word - 1) {
        const auto id = static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(word)));
        if (local_matches(id)) m->bits[w] |= 1ull << (id % 64);
      }
  }
  std::int64_t total = 0;
  for (auto word : m->bits) total += __builtin_popcountll(word);
  m->total = total;
  std::lock_guard<std::mutex> lock(cache_mutex_);
  if (cache_generation_ == generation_) {
    if (cache_.size() >= kCachedQueries) cache_.erase(cache_.begin());
    cache_.emplace_back(key, m);
  }
  return m;
}

void UserIndex::find(const UserIndexQuery& q, std::int64_t& total, std::vector<std::int64_t>& ids) const {
  ReadGuard guard(lock_);
  auto m = matches(q);
  total = m->total;
  ids.clear();
  if (q.offset < 0 || q.size <= 0 || q.offset >= total) return;
  const auto& bits = m->bits;
  auto has = [&](std::uint32_t id) { return (bits[id / 64] >> (id % 64)) & 1u; };
  std::int64_t skip = q.offset;
  const std::int64_t want = std::min(q.size, total - q.offset);

  if (q.sort == kSortId || q.sort <= 0 || q.sort >= kSortKeys) {
    // Whole words are skipped by their popcount: page 5,000 costs as little as page 0.
    const std::size_t words = bits.size();
    for (std::size_t i = 0; i < words && static_cast<std::int64_t>(ids.size()) < want; ++i) {
      const std::size_t w = q.descending ? words - 1 - i : i;
      std::uint64_t word = bits[w];
      const int c = __builtin_popcountll(word);
      if (skip >= c) {
        skip -= c;
        continue;
      }
      while (word && static_cast<std::int64_t>(ids.size()) < want) {
        const int bit = q.descending ? 63 - __builtin_clzll(word) : __builtin_ctzll(word);
        word &= ~(1ull << bit);
        if (skip > 0) {
          --skip;
          continue;
        }
        ids.push_back(static_cast<std::int64_t>(w * 64 + static_cast<std::size_t>(bit)));
      }
    }
    return;
  }
  const int key = q.sort;
  const auto& order = order_[key];
  if (total <= 4096 && static_cast<std::size_t>(total) * 64 < order.size()) {
    // A few matches: sort them rather than walk a million ids.
    std::vector<std::uint32_t> hit;
    hit.reserve(static_cast<std::size_t>(total));
    for (std::size_t w = 0; w < bits.size(); ++w)
      for (std::uint64_t word = bits[w]; word; word &= word - 1)
        hit.push_back(static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(word))));
    auto cmp = [&](std::uint32_t a, std::uint32_t b) { return q.descending ? less(key, b, a) : less(key, a, b); };
    const auto end = static_cast<std::size_t>(q.offset + want);
    std::partial_sort(hit.begin(), hit.begin() + static_cast<std::ptrdiff_t>(end), hit.end(), cmp);
    for (auto i = static_cast<std::size_t>(q.offset); i < end; ++i) ids.push_back(hit[i]);
    return;
  }
  // Many matches: the permutation in order, members only, until the page is full.
  const std::size_t n = order.size();
  for (std::size_t i = 0; i < n && static_cast<std::int64_t>(ids.size()) < want; ++i) {
    const std::uint32_t id = order[q.descending ? n - 1 - i : i];
    if (!has(id)) continue;
    if (skip > 0) {
      --skip;
      continue;
    }
    ids.push_back(id);
  }
}

}  // namespace roster::server
