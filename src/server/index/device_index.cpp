// DeviceIndex's contents: loading every device (rows from db/index_loader.h), upserting one owner's
// devices after a write, and keeping the sortBy permutations in order (a change moves one id, in the keys that
// changed). Queries over it are device_index_find.cpp.
#include "server/index/device_index.h"

#include "model/utf8.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace roster::server {

namespace {

template <typename T>
void grow(std::vector<T>& v, std::size_t n) {
  if (v.size() < n) v.resize(n);
}

std::uint64_t flip(std::int64_t v) { return static_cast<std::uint64_t>(v) ^ (1ull << 63); }

}  // namespace

std::uint32_t DeviceIndex::intern_name(const std::string& name) {
  const std::size_t before = names_.size();
  const std::uint32_t id = names_.intern(name);
  if (names_.size() != before) fold_texts_.add(id, utf8::to_lower(name));
  return id;
}

void DeviceIndex::put(std::uint32_t id, const DeviceIndexRow& row) {
  const std::size_t n = static_cast<std::size_t>(id) + 1;
  grow(alive_, n), grow(online_, n), grow(org_, n), grow(template_, n), grow(owner_, n), grow(activated_, n);
  grow(last_event_, n), grow(name_, n), grow(owner_name_, n), grow(model_, n), grow(org_name_, n);
  if (!alive_[id]) {
    ++count_;
  } else if (org_[id] != row.org_id && --per_org_[org_[id]] == 0) {
    per_org_.erase(org_[id]);
  }
  if (!alive_[id] || org_[id] != row.org_id) ++per_org_[row.org_id];
  alive_[id] = 1;
  online_[id] = row.online ? 1 : 0;
  org_[id] = row.org_id;
  template_[id] = row.template_id;
  owner_[id] = row.owner_user_id;
  activated_[id] = row.activated_at;
  last_event_[id] = row.last_event_at;
  name_[id] = intern_name(row.name);
  owner_name_[id] = owner_names_.intern(row.owner_name_fold);
  model_[id] = models_.intern(row.model);
  org_name_[id] = org_names_.intern(row.org_name);
}

int DeviceIndex::compare_key(int key, std::uint32_t a, std::uint32_t b) const {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  auto by_pool = [](const ValuePool& pool, std::uint32_t x, std::uint32_t y) {
    return x == y ? 0 : pool.value(x).compare(pool.value(y));
  };
  switch (static_cast<DeviceSortKey>(key)) {
    case DeviceSortKey::kName: return by_pool(names_, name_[a], name_[b]);
    case DeviceSortKey::kTemplate: return cmp(template_[a], template_[b]);
    case DeviceSortKey::kOwner: return cmp(owner_[a], owner_[b]);
    case DeviceSortKey::kActivatedAt: return cmp(activated_[a], activated_[b]);
    case DeviceSortKey::kLastReceivedEventAt: return cmp(last_event_[a], last_event_[b]);
    case DeviceSortKey::kStatus: return cmp(online_[a], online_[b]);
    case DeviceSortKey::kOwnerName: return by_pool(owner_names_, owner_name_[a], owner_name_[b]);
    case DeviceSortKey::kModel: return by_pool(models_, model_[a], model_[b]);
    case DeviceSortKey::kOrgName: return by_pool(org_names_, org_name_[a], org_name_[b]);
    case DeviceSortKey::kId: return 0;
  }
  return 0;
}

bool DeviceIndex::less(int key, std::uint32_t a, std::uint32_t b) const {
  const int c = compare_key(key, a, b);
  return c != 0 ? c < 0 : a < b;
}

void DeviceIndex::remove(int key, std::uint32_t id) {
  order_remove(order_[key], id, [&](std::uint32_t x, std::uint32_t y) { return less(key, x, y); });
}

void DeviceIndex::place(int key, std::uint32_t id) {
  order_place(order_[key], id, [&](std::uint32_t x, std::uint32_t y) { return less(key, x, y); });
}

void DeviceIndex::reset(std::size_t devices, std::int64_t max_id) {
  for (auto* v : {&alive_, &online_}) v->clear();
  for (auto* v : {&org_, &template_}) v->clear();
  for (auto* v : {&owner_, &activated_, &last_event_}) v->clear();
  for (auto* v : {&name_, &owner_name_, &model_, &org_name_}) v->clear();
  for (ValuePool* p : {&names_, &owner_names_, &models_, &org_names_}) *p = ValuePool();
  for (auto& o : order_) o.clear();
  fold_texts_.clear();
  per_org_.clear();
  count_ = 0;
  const auto n = static_cast<std::size_t>(std::max<std::int64_t>(0, max_id)) + 1;
  for (auto* v : {&alive_, &online_}) v->reserve(n);
  for (auto* v : {&org_, &template_}) v->reserve(n);
  for (auto* v : {&owner_, &activated_, &last_event_}) v->reserve(n);
  for (auto* v : {&name_, &owner_name_, &model_, &org_name_}) v->reserve(n);
  (void)devices;
}

void DeviceIndex::sort_orders(std::uint32_t keys, bool two_threads) {
  // Every key orders like an integer (a pooled value's rank, a number with its sign bit flipped), so
  // each order is a radix sort of (key, id) pairs taken in id order.
  const auto name_rank = names_.ranks(), owner_rank = owner_names_.ranks(), model_rank = models_.ranks(),
             org_rank = org_names_.ranks();
  auto sort_key = [&](int key) {
    std::vector<KeyedId> es;
    es.reserve(count_);
    for (std::uint32_t id = 0; id < alive_.size(); ++id) {
      if (!alive_[id]) continue;
      std::uint64_t k = 0;
      switch (static_cast<DeviceSortKey>(key)) {
        case DeviceSortKey::kName: k = name_rank[name_[id]]; break;
        case DeviceSortKey::kTemplate: k = flip(template_[id]); break;
        case DeviceSortKey::kOwner: k = flip(owner_[id]); break;
        case DeviceSortKey::kActivatedAt: k = flip(activated_[id]); break;
        case DeviceSortKey::kLastReceivedEventAt: k = flip(last_event_[id]); break;
        case DeviceSortKey::kStatus: k = online_[id]; break;
        case DeviceSortKey::kOwnerName: k = owner_rank[owner_name_[id]]; break;
        case DeviceSortKey::kModel: k = model_rank[model_[id]]; break;
        case DeviceSortKey::kOrgName: k = org_rank[org_name_[id]]; break;
        case DeviceSortKey::kId: break;
      }
      es.push_back({k, id});
    }
    sort_keyed(es);
    auto& order = order_[key];
    order.clear();
    order.reserve(es.size() + es.size() / 64);
    for (const auto& e : es) order.push_back(e.id);
  };
  std::vector<int> todo;
  for (int key = 1; key < kDeviceSortKeys; ++key)
    if (keys & (1u << key)) todo.push_back(key);
  if (!two_threads) {
    for (int key : todo) sort_key(key);
    return;
  }
  std::thread helper([&] {
    for (std::size_t i = 1; i < todo.size(); i += 2) sort_key(todo[i]);
  });
  for (std::size_t i = 0; i < todo.size(); i += 2) sort_key(todo[i]);
  helper.join();
}

void DeviceIndex::load(std::vector<DeviceIndexRow> rows) {
  IndexWriteGuard guard(lock_);
  std::int64_t max_id = 0;
  for (const auto& r : rows) max_id = std::max(max_id, r.id);
  reset(rows.size(), max_id);
  for (const auto& r : rows)
    if (r.id > 0 && r.id < UINT32_MAX) put(static_cast<std::uint32_t>(r.id), r);
  sort_orders(kAllKeys, true);
  ++generation_;
}

void DeviceIndex::read(std::size_t devices, std::int64_t max_id, const RowSource& next) {
  const auto started = std::chrono::steady_clock::now();
  IndexWriteGuard guard(lock_);
  reset(devices, std::min<std::int64_t>(max_id, UINT32_MAX - 1));
  DeviceIndexRow r;  // one row reused: its strings keep their buffers
  while (next(r))
    if (r.id > 0 && r.id < UINT32_MAX) put(static_cast<std::uint32_t>(r.id), r);
  const auto read = std::chrono::steady_clock::now();
  read_ms_ = std::chrono::duration<double, std::milli>(read - started).count();
  // Every order but the owner's name, still on this thread (beside the user index's load).
  sort_orders(kAllKeys & ~kOwnerNameKey, false);
  sort_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - read).count();
}

void DeviceIndex::finish_load(const OwnerName& owner_name) {
  const auto started = std::chrono::steady_clock::now();
  IndexWriteGuard guard(lock_);
  // An owner's name is looked up once however many devices they have (theirs are mostly adjacent).
  std::int64_t last_owner = -1;
  std::uint32_t last_name = 0;
  for (std::uint32_t id = 0; id < alive_.size(); ++id) {
    if (!alive_[id]) continue;
    if (owner_[id] != last_owner) last_owner = owner_[id], last_name = owner_names_.intern(owner_name(owner_[id]));
    owner_name_[id] = last_name;
  }
  const auto named = std::chrono::steady_clock::now();
  sort_orders(kOwnerNameKey, false);
  // The names' buffers grew by doubling while they were read: give back what they hold beyond the
  // names (tens of MB when nearly every device has a name of its own).
  for (ValuePool* p : {&names_, &owner_names_, &models_, &org_names_}) p->shrink_to_fit();
  fold_texts_.shrink_to_fit();
  ++generation_;
  auto ms = [](auto d) {
    return static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
  };
  load_report_ = std::to_string(count_) + " devices (" + std::to_string(names_.size()) +
                 " distinct names) indexed: read " + std::to_string(static_cast<long long>(read_ms_)) +
                 " ms and sort " + std::to_string(static_cast<long long>(sort_ms_)) + " ms beside the users, then" +
                 " owners' names " + std::to_string(ms(named - started)) + " ms and their order " +
                 std::to_string(ms(std::chrono::steady_clock::now() - named)) + " ms, " +
                 std::to_string(memory_unlocked() >> 20) + " MB";
}

void DeviceIndex::upsert(const DeviceIndexRow& row) {
  if (row.id <= 0 || row.id >= UINT32_MAX) return;
  const auto id = static_cast<std::uint32_t>(row.id);
  IndexWriteGuard guard(lock_);
  bool changed[kDeviceSortKeys] = {};
  if (!alive(id)) {
    for (bool& c : changed) c = true;
  } else {
    using K = DeviceSortKey;
    changed[static_cast<int>(K::kName)] = names_.value(name_[id]) != row.name;
    changed[static_cast<int>(K::kTemplate)] = template_[id] != row.template_id;
    changed[static_cast<int>(K::kOwner)] = owner_[id] != row.owner_user_id;
    changed[static_cast<int>(K::kActivatedAt)] = activated_[id] != row.activated_at;
    changed[static_cast<int>(K::kLastReceivedEventAt)] = last_event_[id] != row.last_event_at;
    changed[static_cast<int>(K::kStatus)] = online_[id] != (row.online ? 1 : 0);
    changed[static_cast<int>(K::kOwnerName)] = owner_names_.value(owner_name_[id]) != row.owner_name_fold;
    changed[static_cast<int>(K::kModel)] = models_.value(model_[id]) != row.model;
    changed[static_cast<int>(K::kOrgName)] = org_names_.value(org_name_[id]) != row.org_name;
    bool any = org_[id] != row.org_id;  // a filter, not a key
    for (bool c : changed) any = any || c;
    if (!any) return;  // nothing indexed changed: orders and cached matches stay
    for (int key = 1; key < kDeviceSortKeys; ++key)
      if (changed[key]) remove(key, id);
  }
  put(id, row);
  for (int key = 1; key < kDeviceSortKeys; ++key)
    if (changed[key]) place(key, id);
  recheck_cached(id);
}

void DeviceIndex::erase(std::int64_t device_id) {
  if (device_id <= 0 || device_id >= UINT32_MAX) return;
  const auto id = static_cast<std::uint32_t>(device_id);
  IndexWriteGuard guard(lock_);
  if (!alive(id)) return;
  for (int key = 1; key < kDeviceSortKeys; ++key) remove(key, id);
  alive_[id] = 0;
  if (--per_org_[org_[id]] == 0) per_org_.erase(org_[id]);
  --count_;
  recheck_cached(id);
}

std::size_t DeviceIndex::devices() const {
  IndexReadGuard guard(lock_);
  return count_;
}

std::unordered_map<std::int32_t, std::int64_t> DeviceIndex::per_org() const {
  IndexReadGuard guard(lock_);
  return per_org_;
}

std::size_t DeviceIndex::memory_bytes() const {
  IndexReadGuard guard(lock_);
  return memory_unlocked();
}

std::size_t DeviceIndex::memory_unlocked() const {
  std::size_t n = alive_.capacity() + online_.capacity() + (org_.capacity() + template_.capacity()) * 4 +
                  (owner_.capacity() + activated_.capacity() + last_event_.capacity()) * 8 +
                  (name_.capacity() + owner_name_.capacity() + model_.capacity() + org_name_.capacity()) * 4 +
                  fold_texts_.memory_bytes();
  for (const ValuePool* p : {&names_, &owner_names_, &models_, &org_names_}) n += p->memory_bytes();
  for (const auto& o : order_) n += o.capacity() * 4;
  return n;
}

}  // namespace roster::server
