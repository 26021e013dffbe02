// Queries over DeviceIndex: the organisation filter, the owner (a range of the owner order) and the
// name's substring test (each distinct folded name once, by one pass over all of them) into a bitmap
// whose popcount is the exact total, then the page (match_bits.h: page_of). The last few bitmaps are
// kept until the next change, so paging through one list or re-sorting it does not test again.
#include "server/index/device_index.h"

#include <algorithm>

namespace roster::server {

namespace {

std::string cache_key(const DeviceIndexQuery& q) {
  std::string key = q.folded_query;
  key += '\0';
  for (auto id : q.org_ids) key += std::to_string(id) + ",";
  key += '|';
  key += std::to_string(q.owner_user_id);
  return key;
}

}  // namespace

// Called with the read lock held.
std::shared_ptr<const DeviceIndex::Matches> DeviceIndex::matches(const DeviceIndexQuery& q) const {
  const std::string key = cache_key(q);
  if (auto kept = cache_.find(key, generation_)) return kept;
  auto m = std::make_shared<Matches>();
  const std::size_t n = alive_.size();
  m->bits.assign((n + 63) / 64, 0);

  // The name: every distinct name's fold tested once (one pass over all of them) into a bit per name.
  const std::string& text = q.folded_query;
  const bool any_name = text.empty();
  std::vector<std::uint64_t> name_hit;
  if (!any_name) {
    name_hit.assign((names_.size() + 63) / 64, 0);
    if (fold_texts_.may_hold(text)) fold_texts_.scan(text, name_hit);
  }
  std::vector<std::uint8_t> org_ok;
  for (auto id : q.org_ids)
    if (id >= 0 && id < (1 << 24)) {
      if (org_ok.size() <= static_cast<std::size_t>(id)) org_ok.resize(static_cast<std::size_t>(id) + 1, 0);
      org_ok[static_cast<std::size_t>(id)] = 1;
    }
  const bool by_org = !q.org_ids.empty();
  auto passes = [&](std::uint32_t id) {
    if (!alive_[id] || (!any_name && !has_bit(name_hit, name_[id]))) return false;
    if (!by_org) return true;
    const auto org = org_[id];
    return org >= 0 && static_cast<std::size_t>(org) < org_ok.size() && org_ok[static_cast<std::size_t>(org)];
  };
  if (q.owner_user_id != 0) {
    // One owner's devices: a range of the owner order.
    const auto& order = order_[static_cast<int>(DeviceSortKey::kOwner)];
    auto first = std::lower_bound(order.begin(), order.end(), q.owner_user_id,
                                  [&](std::uint32_t id, std::int64_t owner) { return owner_[id] < owner; });
    for (auto it = first; it != order.end() && owner_[*it] == q.owner_user_id; ++it)
      if (passes(*it)) m->bits[*it / 64] |= 1ull << (*it % 64);
  } else {
    for (std::size_t w = 0; w < m->bits.size(); ++w) {
      std::uint64_t word = 0;
      const std::size_t base = w * 64, end = std::min(n, base + 64);
      for (std::size_t id = base; id < end; ++id)
        if (passes(static_cast<std::uint32_t>(id))) word |= 1ull << (id - base);
      m->bits[w] = word;
    }
  }
  m->total = popcount(m->bits);
  cache_.keep(key, q, m, generation_);
  return m;
}

bool DeviceIndex::member(const DeviceIndexQuery& q, std::uint32_t id) const {
  if (!alive(id) || (q.owner_user_id != 0 && owner_[id] != q.owner_user_id)) return false;
  if (!q.org_ids.empty() && std::find(q.org_ids.begin(), q.org_ids.end(), org_[id]) == q.org_ids.end()) return false;
  return q.folded_query.empty() || fold_of(name_[id]).find(q.folded_query) != std::string_view::npos;
}

void DeviceIndex::recheck_cached(std::uint32_t id) {
  cache_.recheck(id, generation_, [this](const DeviceIndexQuery& q, std::uint32_t row) { return member(q, row); });
}

void DeviceIndex::find(const DeviceIndexQuery& q, std::int64_t& total, std::vector<std::int64_t>& ids) const {
  IndexReadGuard guard(lock_);
  auto m = matches(q);
  total = m->total;
  const int key = static_cast<int>(q.sort);
  const bool by_id = key <= 0 || key >= kDeviceSortKeys;
  page_of(
      m->bits, total, by_id ? nullptr : &order_[key], [&](std::uint32_t a, std::uint32_t b) { return less(key, a, b); },
      q.descending, q.offset, q.size, ids);
}

}  // namespace roster::server
