// Queries over UserIndex: the filters and the substring test (distinct values once, then per user
// the email's local part) into a bitmap (the exact total is its popcount), then the page: in id order by skipping whole
// words by popcount, in another order by walking that column's permutation and testing the bitmap (or, for a few
// thousand matches, by sorting just those). The last few bitmaps are kept until the next change, so paging through one
// search or re-sorting it does not scan again.
#include "server/index/user_index.h"

#include <algorithm>
#include <cstring>

namespace roster::server {

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
  key += std::to_string(q.login_before) + '|';
  key += std::to_string(q.only_user_id);
  return key;
}

}  // namespace

// Called with the read lock held.
std::shared_ptr<const UserIndex::Matches> UserIndex::matches(const UserIndexQuery& q) const {
  const std::string key = cache_key(q);
  if (auto kept = cache_.find(key, generation_)) return kept;
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
  std::vector<std::uint8_t> status_ok(statuses_.size() + 1, q.statuses.empty() ? 1 : 0);
  for (const auto& s : q.statuses) {
    if (auto id = statuses_.find(s)) status_ok[*id] = 1;
  }
  const bool by_org = !q.org_ids.empty(), by_role = !q.role_ids.empty();

  // The text: each distinct name, role name, location and email rest tested once. An address
  // matches when its local part does, its rest (from the first '@') does, or the query spans the
  // two: then it is "<end of the local part>@<start of the rest>" at the query's first '@'.
  const std::string& text = q.folded_query;
  const bool any_text = text.empty();
  auto test_pool = [&](const Pool& pool) {
    std::vector<std::uint8_t> ok(pool.size(), any_text ? 1 : 0);
    if (!any_text)
      for (std::size_t i = 0; i < ok.size(); ++i) ok[i] = pool.value(i).find(text) != std::string::npos;
    return ok;
  };
  const auto name_ok = test_pool(names_), role_ok = test_pool(role_texts_), location_ok = test_pool(locations_),
             dom_ok = test_pool(domains_);
  const std::size_t at = text.find('@');
  const std::string head = at == std::string::npos ? std::string() : text.substr(0, at);
  std::vector<std::uint8_t> dom_starts(domains_.size(), 0);
  if (at != std::string::npos && at > 0)
    for (std::size_t i = 0; i < dom_starts.size(); ++i)
      dom_starts[i] = domains_.value(i).compare(0, text.size() - at, text, at, std::string::npos) == 0;
  auto dict_matches = [&](std::uint32_t id) {
    return (name_ok[name_[id]] | role_ok[role_text_[id]] | location_ok[location_[id]] | dom_ok[dom_[id]]) != 0;
  };
  auto local_matches = [&](std::uint32_t id) {  // for the few users the pools left undecided
    const Rec& r = rec_[id];
    if (at == std::string::npos) return contains_padded(locals_.data() + r.local_off, r.local_len, text);
    return at > 0 && dom_starts[dom_[id]] && r.local_len >= head.size() &&
           std::memcmp(locals_.data() + r.local_off + r.local_len - head.size(), head.data(), head.size()) == 0;
  };
  auto passes = [&](std::uint32_t id) {
    if (!alive_[id]) return false;
    if (!status_ok[status_[id]]) return false;
    if (q.no_devices && devices_[id] != 0) return false;
    if (q.login_before && last_login_[id] >= q.login_before) return false;
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
  const std::uint64_t need = at == std::string::npos ? pair_signature(text) : 0;
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
  if (at == std::string::npos && !locals_.may_hold(text)) {
    // No local part holds it: the pools decided everyone.
  } else if (undecided_count > 0 && at == std::string::npos && undecided_count > n / 32) {
    std::vector<std::uint64_t> hit(m->bits.size(), 0);
    locals_.scan(text, hit);
    for (std::size_t w = 0; w < m->bits.size(); ++w) m->bits[w] |= undecided[w] & hit[w];
  } else if (undecided_count > 0) {
    for (std::size_t w = 0; w < undecided.size(); ++w)
      for (std::uint64_t word = undecided[w]; word; word &= word - 1) {
        const auto id = static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(word)));
        if (local_matches(id)) m->bits[w] |= 1ull << (id % 64);
      }
  }
  m->total = popcount(m->bits);
  cache_.keep(key, q, m, generation_);
  return m;
}

bool UserIndex::member(const UserIndexQuery& q, std::uint32_t id) const {
  if (!alive(id) || (q.only_user_id && q.only_user_id != static_cast<std::int64_t>(id))) return false;
  if (!q.statuses.empty() &&
      std::find(q.statuses.begin(), q.statuses.end(), statuses_.value(status_[id])) == q.statuses.end())
    return false;
  if (q.no_devices && devices_[id] != 0) return false;
  if (q.login_before && last_login_[id] >= q.login_before) return false;
  if (!q.org_ids.empty() && std::find(q.org_ids.begin(), q.org_ids.end(), org_[id]) == q.org_ids.end()) return false;
  if (!q.role_ids.empty() && std::find(q.role_ids.begin(), q.role_ids.end(), role_[id]) == q.role_ids.end())
    return false;
  const std::string& text = q.folded_query;
  if (text.empty()) return true;
  auto has = [&](std::string_view v) { return v.find(text) != std::string_view::npos; };
  const std::string_view domain = domains_.value(dom_[id]);
  if (has(names_.value(name_[id])) || has(role_texts_.value(role_text_[id])) || has(locations_.value(location_[id])) ||
      has(domain))
    return true;
  // As matches() decides: the local part alone, or across the first '@' of the query and the address.
  const std::string_view l = local(id);
  const std::size_t at = text.find('@');
  if (at == std::string::npos) return l.find(text) != std::string_view::npos;
  return at > 0 && domain.compare(0, text.size() - at, text, at, std::string::npos) == 0 && l.size() >= at &&
         l.substr(l.size() - at) == std::string_view(text).substr(0, at);
}

void UserIndex::recheck_cached(std::uint32_t id) {
  cache_.recheck(id, generation_, [this](const UserIndexQuery& q, std::uint32_t row) { return member(q, row); });
}

void UserIndex::find(const UserIndexQuery& q, std::int64_t& total, std::vector<std::int64_t>& ids) const {
  IndexReadGuard guard(lock_);
  auto m = matches(q);
  total = m->total;
  const int key = static_cast<int>(q.sort);
  const bool by_id = key <= 0 || key >= kUserSortKeys;
  page_of(
      m->bits, total, by_id ? nullptr : &order_[key], [&](std::uint32_t a, std::uint32_t b) { return less(key, a, b); },
      q.descending, q.offset, q.size, ids);
}

}  // namespace roster::server
