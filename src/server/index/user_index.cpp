// UserIndex's contents: loading every user (rows from db/index_loader.h), upserting one after a write, and keeping the
// sortBy permutations in order (a change moves one id, in the columns whose key changed; a batch of
// many is taken out of an order and merged back in one pass). Queries over it are user_index_find.cpp.
#include "server/index/user_index.h"

#include "model/utf8.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <string_view>
#include <thread>

namespace roster::server {

namespace {

// The first eight bytes, big-endian: orders like memcmp (SQLite's BINARY) when they differ.
std::uint64_t prefix8(std::string_view s) {
  std::uint64_t k = 0;
  for (std::size_t i = 0; i < 8; ++i) k = (k << 8) | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0u);
  return k;
}

// "Never" (0) sorts after every sign-in time in the Last Login order.
std::int64_t login_key(std::int64_t last_logged_at) { return last_logged_at > 0 ? last_logged_at : INT64_MAX; }

template <typename T>
void grow(std::vector<T>& v, std::size_t n) {
  if (v.size() < n) v.resize(n);
}

}  // namespace

void UserIndex::put(std::uint32_t id, const UserIndexRow& row) {
  const std::size_t n = static_cast<std::size_t>(id) + 1;
  grow(rec_, n), grow(alive_, n), grow(status_, n), grow(role_, n), grow(org_, n), grow(devices_, n);
  grow(org_name_, n), grow(country_, n), grow(city_, n), grow(registered_, n), grow(last_login_, n), grow(name_, n),
      grow(role_text_, n);
  grow(location_, n), grow(dom_, n), grow(local_sig_, n);
  const std::string phone = row.phone.substr(0, 60000);  // fields are far shorter (validation)
  const auto at = row.email.find('@');
  const std::string local = row.email.substr(0, std::min<std::size_t>(at, 60000));
  Rec r = rec_[id];
  if (!alive_[id] || this->local(id) != local) {  // emails never change: this is a new user
    if (alive_[id]) locals_.retire(r.local_slot);
    r.local_slot = locals_.add(id, local);
    r.local_off = locals_.start(r.local_slot);
    r.local_len = static_cast<std::uint16_t>(local.size());
    local_sig_[id] = pair_signature(local);
  }
  if (!alive_[id] || this->phone(id) != phone) {
    if (alive_[id]) live_text_ -= r.phone_len;
    r.phone_off = static_cast<std::uint32_t>(text_.size());
    r.phone_len = static_cast<std::uint16_t>(phone.size());
    text_.insert(text_.end(), phone.begin(), phone.end());
    live_text_ += phone.size();
  }
  if (!alive_[id]) {
    ++count_;
  } else if (org_[id] != row.org_id && --per_org_[org_[id]] == 0) {
    per_org_.erase(org_[id]);
  }
  if (!alive_[id] || org_[id] != row.org_id) ++per_org_[row.org_id];
  alive_[id] = 1;
  rec_[id] = r;
  status_[id] = static_cast<std::uint8_t>(statuses_.intern(row.status) & 0xFF);
  role_[id] = row.role_id;
  org_[id] = row.org_id;
  devices_[id] = row.devices_count;
  org_name_[id] = org_names_.intern(row.org_name);
  country_[id] = countries_.intern(row.country);
  city_[id] = cities_.intern(row.city);
  registered_[id] = row.registered_at;
  last_login_[id] = row.last_logged_at;
  name_[id] = names_.intern(row.name_fold);
  role_text_[id] = role_texts_.intern(row.role_fold);
  location_[id] = locations_.intern(row.location_fold);
  dom_[id] = domains_.intern(at == std::string::npos ? std::string() : row.email.substr(at));
}

// Edits of phones leave the old text behind; once that is as much as the live text, copy the rest.
void UserIndex::compact_text() {
  if (text_.size() < 2 * live_text_ + (16u << 20)) return;
  std::vector<char> fresh;
  fresh.reserve(live_text_);
  for (std::size_t id = 0; id < rec_.size(); ++id) {
    if (!alive_[id]) continue;
    Rec& r = rec_[id];
    const auto off = static_cast<std::uint32_t>(fresh.size());
    fresh.insert(fresh.end(), text_.begin() + r.phone_off, text_.begin() + r.phone_off + r.phone_len);
    r.phone_off = off;
  }
  text_.swap(fresh);
}

int UserIndex::compare_key(int key, std::uint32_t a, std::uint32_t b) const {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (static_cast<UserSortKey>(key)) {
    case UserSortKey::kName: return names_.value(name_[a]).compare(names_.value(name_[b]));
    case UserSortKey::kEmail: {
      // local + rest, compared as one string (SQLite's BINARY order of the whole address).
      const std::string_view la = local(a), lb = local(b);
      const std::string_view da = domains_.value(dom_[a]), db = domains_.value(dom_[b]);
      if (la.size() == lb.size()) {  // the usual case: one memcmp each
        const int c = la.compare(lb);
        return c != 0 ? c : da.compare(db);
      }
      const std::size_t common = std::min(la.size(), lb.size());
      if (const int c = la.substr(0, common).compare(lb.substr(0, common)); c != 0) return c;
      auto at = [](std::string_view l, std::string_view d, std::size_t i) {
        return static_cast<unsigned char>(i < l.size() ? l[i] : d[i - l.size()]);
      };
      const std::size_t na = la.size() + da.size(), nb = lb.size() + db.size();
      for (std::size_t i = common; i < std::min(na, nb); ++i) {
        const unsigned ca = at(la, da, i), cb = at(lb, db, i);
        if (ca != cb) return ca < cb ? -1 : 1;
      }
      return cmp(na, nb);
    }
    case UserSortKey::kStatus: return statuses_.value(status_[a]).compare(statuses_.value(status_[b]));
    case UserSortKey::kRole: return cmp(role_[a], role_[b]);
    case UserSortKey::kOrgName: return org_names_.value(org_name_[a]).compare(org_names_.value(org_name_[b]));
    case UserSortKey::kDevices: return cmp(devices_[a], devices_[b]);
    case UserSortKey::kCountry:
      if (const int c = countries_.value(country_[a]).compare(countries_.value(country_[b])); c != 0) return c;
      return cities_.value(city_[a]).compare(cities_.value(city_[b]));
    case UserSortKey::kRegistered: return cmp(registered_[a], registered_[b]);
    case UserSortKey::kPhone: return phone(a).compare(phone(b));
    case UserSortKey::kLastLogin: return cmp(login_key(last_login_[a]), login_key(last_login_[b]));
    case UserSortKey::kId: break;
  }
  return 0;
}

bool UserIndex::less(int key, std::uint32_t a, std::uint32_t b) const {
  int c = compare_key(key, a, b);
  return c != 0 ? c < 0 : a < b;
}

void UserIndex::sort_all() {
  // Keys that order like the column (an interned value's rank, an integer, a string's first eight
  // bytes) sort as integers (by radix); only ties of string prefixes compare the strings.
  auto ranks = [](const Pool& pool) { return pool.ranks(); };
  const auto status_rank = ranks(statuses_), org_rank = ranks(org_names_), country_rank = ranks(countries_);
  const auto city_rank = ranks(cities_);
  const auto name_rank = ranks(names_);
  auto sort_key = [&](int key) {
    std::vector<KeyedId> es;
    es.reserve(count_);
    const bool strings = key == static_cast<int>(UserSortKey::kEmail) || key == static_cast<int>(UserSortKey::kPhone);
    for (std::uint32_t id = 0; id < alive_.size(); ++id) {
      if (!alive_[id]) continue;
      std::uint64_t k = 0;
      switch (static_cast<UserSortKey>(key)) {
        case UserSortKey::kName: k = name_rank[name_[id]]; break;
        case UserSortKey::kEmail: k = prefix8(email(id)); break;
        case UserSortKey::kPhone: k = prefix8(phone(id)); break;
        case UserSortKey::kStatus: k = status_rank[status_[id]]; break;
        case UserSortKey::kRole: k = static_cast<std::uint32_t>(role_[id]) ^ 0x80000000u; break;
        case UserSortKey::kOrgName: k = org_rank[org_name_[id]]; break;
        case UserSortKey::kDevices: k = static_cast<std::uint32_t>(devices_[id]) ^ 0x80000000u; break;
        case UserSortKey::kCountry:  // the country, then the city
          k = (static_cast<std::uint64_t>(country_rank[country_[id]]) << 32) | city_rank[city_[id]];
          break;
        case UserSortKey::kRegistered: k = static_cast<std::uint64_t>(registered_[id]) ^ (1ull << 63); break;
        case UserSortKey::kLastLogin: k = static_cast<std::uint64_t>(login_key(last_login_[id])) ^ (1ull << 63); break;
        case UserSortKey::kId: break;
      }
      es.push_back({k, id});
    }
    sort_keyed(es);  // taken in id order: a radix sort leaves ties by id
    if (strings)     // ties of the first eight bytes compare the strings, run by run
      for (std::size_t i = 0, j = 0; i < es.size(); i = j) {
        for (j = i + 1; j < es.size() && es[j].key == es[i].key;) ++j;
        if (j - i > 1)
          std::sort(es.begin() + static_cast<std::ptrdiff_t>(i), es.begin() + static_cast<std::ptrdiff_t>(j),
                    [&](const KeyedId& a, const KeyedId& b) { return less(key, a.id, b.id); });
      }
    auto& order = order_[key];
    order.clear();
    order.reserve(es.size() + es.size() / 64);
    for (const auto& e : es) order.push_back(e.id);
  };
  std::thread helper([&] {
    for (int key = 1; key < kUserSortKeys; key += 2) sort_key(key);
  });
  for (int key = 2; key < kUserSortKeys; key += 2) sort_key(key);
  helper.join();
}

void UserIndex::remove(int key, std::uint32_t id) {
  order_remove(order_[key], id, [&](std::uint32_t x, std::uint32_t y) { return less(key, x, y); });
}

void UserIndex::place(int key, std::uint32_t id) {
  order_place(order_[key], id, [&](std::uint32_t x, std::uint32_t y) { return less(key, x, y); });
}

void UserIndex::reset(std::size_t users, std::int64_t max_id) {
  locals_.clear(), text_.clear(), rec_.clear(), alive_.clear(), per_org_.clear();
  status_.clear(), role_.clear(), org_.clear(), devices_.clear(), org_name_.clear(), country_.clear(), city_.clear();
  registered_.clear(), last_login_.clear(), name_.clear(), role_text_.clear(), location_.clear(), dom_.clear(),
      local_sig_.clear();
  for (Pool* p : {&statuses_, &org_names_, &countries_, &cities_, &names_, &role_texts_, &locations_, &domains_})
    *p = Pool();
  count_ = live_text_ = 0;
  const auto n = static_cast<std::size_t>(std::max<std::int64_t>(0, max_id)) + 1;
  rec_.reserve(n), alive_.reserve(n), status_.reserve(n), role_.reserve(n), org_.reserve(n);
  devices_.reserve(n), org_name_.reserve(n), country_.reserve(n), city_.reserve(n), registered_.reserve(n),
      last_login_.reserve(n), name_.reserve(n);
  role_text_.reserve(n), location_.reserve(n), dom_.reserve(n), local_sig_.reserve(n);
  locals_.reserve(users * 24, users), text_.reserve(users * 14);
}

void UserIndex::finish() {
  sort_all();
  for (Pool* p : {&statuses_, &org_names_, &countries_, &cities_, &names_, &role_texts_, &locations_, &domains_})
    p->shrink_to_fit();
  locals_.shrink_to_fit();
  ++generation_;
}

void UserIndex::load(std::vector<UserIndexRow> rows) {
  IndexWriteGuard guard(lock_);
  std::int64_t max_id = 0;
  for (const auto& r : rows) max_id = std::max(max_id, r.id);
  reset(rows.size(), max_id);
  for (const auto& r : rows)
    if (r.id > 0 && r.id < UINT32_MAX) put(static_cast<std::uint32_t>(r.id), r);
  finish();
}

void UserIndex::load(std::size_t users, std::int64_t max_id, const RowSource& next) {
  const auto started = std::chrono::steady_clock::now();
  IndexWriteGuard guard(lock_);
  reset(users, std::min<std::int64_t>(max_id, UINT32_MAX - 1));
  UserIndexRow r;  // one row reused: its strings keep their buffers
  while (next(r))
    if (r.id > 0 && r.id < UINT32_MAX) put(static_cast<std::uint32_t>(r.id), r);
  const auto read = std::chrono::steady_clock::now();
  finish();
  auto ms = [](auto d) {
    return static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
  };
  load_report_ = std::to_string(count_) + " users indexed in " +
                 std::to_string(ms(std::chrono::steady_clock::now() - started)) + " ms (read " +
                 std::to_string(ms(read - started)) + " ms, sort " +
                 std::to_string(ms(std::chrono::steady_clock::now() - read)) + " ms), " +
                 std::to_string(memory_unlocked() >> 20) + " MB";
}

void UserIndex::upsert(const UserIndexRow& row) {
  IndexWriteGuard guard(lock_);
  upsert_unlocked(row);
}

// Up to this many users a batch moves each in its orders; more are taken out and merged back in one
// pass per order.
constexpr std::size_t kOneByOne = 32;

void UserIndex::upsert_batch(const std::vector<UserIndexRow>& rows) {
  IndexWriteGuard guard(lock_);
  if (rows.size() <= kOneByOne) {
    for (const auto& row : rows) upsert_unlocked(row);
    return;
  }
  std::vector<std::uint32_t> moved[kUserSortKeys];
  for (const auto& row : rows) {
    if (row.id <= 0 || row.id >= UINT32_MAX) continue;
    const auto id = static_cast<std::uint32_t>(row.id);
    bool changed[kUserSortKeys] = {};
    if (!changes(id, row, changed)) continue;
    put(id, row);
    for (int key = 1; key < kUserSortKeys; ++key)
      if (changed[key]) moved[key].push_back(id);
    recheck_cached(id);  // the fields, not the orders
  }
  for (int key = 1; key < kUserSortKeys; ++key) {
    order_remove_many(order_[key], moved[key], mark_);
    order_place_many(order_[key], moved[key], [&](std::uint32_t x, std::uint32_t y) { return less(key, x, y); });
  }
  compact_text();
}

void UserIndex::erase_batch(const std::vector<std::int64_t>& user_ids) {
  IndexWriteGuard guard(lock_);
  if (user_ids.size() <= kOneByOne) {
    for (auto id : user_ids)
      if (id > 0 && id < UINT32_MAX) erase_unlocked(static_cast<std::uint32_t>(id));
    return;
  }
  std::vector<std::uint32_t> gone;
  for (auto id : user_ids)
    if (id > 0 && id < UINT32_MAX && alive(static_cast<std::uint32_t>(id)))
      gone.push_back(static_cast<std::uint32_t>(id));
  for (int key = 1; key < kUserSortKeys; ++key) order_remove_many(order_[key], gone, mark_);
  for (auto id : gone) forget(id);
}

std::unordered_map<std::int32_t, std::int64_t> UserIndex::count_by_org(std::int32_t role_id,
                                                                       const std::string& excluded_status) const {
  IndexReadGuard guard(lock_);
  const auto excluded = statuses_.find(excluded_status);
  std::unordered_map<std::int32_t, std::int64_t> out;
  for (std::size_t id = 0; id < alive_.size(); ++id)
    if (alive_[id] && role_[id] == role_id && (!excluded || status_[id] != (*excluded & 0xFF))) ++out[org_[id]];
  return out;
}

bool UserIndex::changes(std::uint32_t id, const UserIndexRow& row, bool (&changed)[kUserSortKeys]) const {
  if (!alive(id)) {
    for (bool& c : changed) c = true;
    return true;
  }
  using K = UserSortKey;
  changed[static_cast<int>(K::kName)] = names_.value(name_[id]) != row.name_fold;
  changed[static_cast<int>(K::kEmail)] = email(id) != row.email;
  changed[static_cast<int>(K::kStatus)] = statuses_.value(status_[id]) != row.status;
  changed[static_cast<int>(K::kRole)] = role_[id] != row.role_id;
  changed[static_cast<int>(K::kOrgName)] = org_names_.value(org_name_[id]) != row.org_name;
  changed[static_cast<int>(K::kDevices)] = devices_[id] != row.devices_count;
  changed[static_cast<int>(K::kCountry)] =
      countries_.value(country_[id]) != row.country || cities_.value(city_[id]) != row.city;
  changed[static_cast<int>(K::kRegistered)] = registered_[id] != row.registered_at;
  changed[static_cast<int>(K::kPhone)] = phone(id) != row.phone.substr(0, 60000);
  changed[static_cast<int>(K::kLastLogin)] = last_login_[id] != row.last_logged_at;
  // An edit of what is not indexed (a nickname, a time zone) keeps the orders and cached matches.
  bool any = role_texts_.value(role_text_[id]) != row.role_fold ||
             locations_.value(location_[id]) != row.location_fold || org_[id] != row.org_id;
  for (bool c : changed) any = any || c;
  return any;
}

void UserIndex::upsert_unlocked(const UserIndexRow& row) {
  if (row.id <= 0 || row.id >= UINT32_MAX) return;
  const auto id = static_cast<std::uint32_t>(row.id);
  bool changed[kUserSortKeys] = {};
  if (!changes(id, row, changed)) return;
  if (alive(id))
    for (int key = 1; key < kUserSortKeys; ++key)
      if (changed[key]) remove(key, id);
  put(id, row);
  for (int key = 1; key < kUserSortKeys; ++key)
    if (changed[key]) place(key, id);
  compact_text();
  recheck_cached(id);
}

void UserIndex::erase(std::int64_t user_id) {
  if (user_id <= 0 || user_id >= UINT32_MAX) return;
  IndexWriteGuard guard(lock_);
  erase_unlocked(static_cast<std::uint32_t>(user_id));
}

void UserIndex::erase_unlocked(std::uint32_t id) {
  if (!alive(id)) return;
  for (int key = 1; key < kUserSortKeys; ++key) remove(key, id);
  forget(id);
}

void UserIndex::forget(std::uint32_t id) {
  if (!alive(id)) return;
  live_text_ -= rec_[id].phone_len;
  alive_[id] = 0;
  locals_.retire(rec_[id].local_slot);
  if (--per_org_[org_[id]] == 0) per_org_.erase(org_[id]);
  --count_;
  recheck_cached(id);
}

std::size_t UserIndex::users() const {
  IndexReadGuard guard(lock_);
  return count_;
}

std::string UserIndex::name_fold(std::int64_t user_id) const {
  IndexReadGuard guard(lock_);
  if (user_id <= 0 || user_id >= UINT32_MAX || !alive(static_cast<std::uint32_t>(user_id))) return {};
  return std::string(names_.value(name_[static_cast<std::size_t>(user_id)]));
}

std::unordered_map<std::int32_t, std::int64_t> UserIndex::per_org() const {
  IndexReadGuard guard(lock_);
  return per_org_;
}

std::size_t UserIndex::memory_bytes() const {
  IndexReadGuard guard(lock_);
  return memory_unlocked();
}

std::size_t UserIndex::memory_unlocked() const {
  std::size_t n = locals_.memory_bytes() + text_.capacity() + rec_.capacity() * sizeof(Rec) + alive_.capacity() +
                  status_.capacity() + (role_.capacity() + org_.capacity() + devices_.capacity()) * 4 +
                  (org_name_.capacity() + country_.capacity() + city_.capacity() + name_.capacity() +
                   role_text_.capacity() + location_.capacity() + dom_.capacity()) *
                      4 +
                  (registered_.capacity() + last_login_.capacity() + local_sig_.capacity()) * 8;
  for (const Pool* p : {&statuses_, &org_names_, &countries_, &cities_, &names_, &role_texts_, &locations_, &domains_})
    n += p->memory_bytes();
  for (const auto& o : order_) n += o.capacity() * 4;
  return n + mark_.capacity();
}

}  // namespace roster::server
