// UserIndex in-process: the SIMD substring test against std::string::find, and finds (every sortBy
// key, both directions, filters, any page) against a brute force over the same rows, through random
// upserts and erasures that move users in the orders.
#include "model/utf8.h"
#include "server/index/user_index.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <unordered_map>

using namespace roster::server;

namespace {

std::string pick(std::mt19937& rng, const std::vector<std::string>& from) { return from[rng() % from.size()]; }

UserIndexRow random_row(std::mt19937& rng, std::int64_t id) {
  static const std::vector<std::string> names = {
      "анна коваль", "anna smith", "γιώργος παπάς", "jo", "ma", "an", "zoë ångström", "", "a", "ab@cd"};
  static const std::vector<std::string> locals = {"anna", "a.b", "jo.ma", "x", "", "an8", "ολγα", "zz"};
  static const std::vector<std::string> domains = {"@example.com", "@ex.org", "", "@a@b.c"};
  UserIndexRow r;
  r.id = id;
  r.name_fold = pick(rng, names);
  r.email = pick(rng, locals) + std::to_string(rng() % 50) + pick(rng, domains);
  r.role_id = 1 + static_cast<int>(rng() % 3);
  r.role_fold = r.role_id == 1 ? "admin" : r.role_id == 2 ? "staff" : "user";
  r.country = pick(rng, {"Ukraine", "Greece", "Poland", ""});
  r.city = pick(rng, {"Kyiv", "Athens", "", "Lviv"});
  r.location_fold = roster::utf8::to_lower(r.city + ", " + r.country);
  r.status = pick(rng, {"Active", "Pending", "Inactive", "Suspended"});
  r.org_id = 1 + static_cast<int>(rng() % 5);
  r.org_name = "Org " + std::to_string(r.org_id % 3);
  r.devices_count = static_cast<int>(rng() % 3);
  r.registered_at = static_cast<std::int64_t>(rng() % 20);
  r.phone = pick(rng, {"", "+1", "+380", "+3805"});
  r.last_logged_at = rng() % 3 == 0 ? 0 : static_cast<std::int64_t>(1 + rng() % 10);  // 0: never
  return r;
}

bool row_matches(const UserIndexRow& r, const std::string& q) {
  for (const auto* f : {&r.name_fold, &r.email, &r.role_fold, &r.location_fold})
    if (f->find(q) != std::string::npos) return true;
  return false;
}

int compare(const UserIndexRow& a, const UserIndexRow& b, UserSortKey key) {
  auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (key) {
    case UserSortKey::kName: return cmp(a.name_fold, b.name_fold);
    case UserSortKey::kEmail: return cmp(a.email, b.email);
    case UserSortKey::kStatus: return cmp(a.status, b.status);
    case UserSortKey::kRole: return cmp(a.role_id, b.role_id);
    case UserSortKey::kOrgName: return cmp(a.org_name, b.org_name);
    case UserSortKey::kDevices: return cmp(a.devices_count, b.devices_count);
    case UserSortKey::kCountry: {  // the country, then the city
      const int c = cmp(a.country, b.country);
      return c != 0 ? c : cmp(a.city, b.city);
    }
    case UserSortKey::kRegistered: return cmp(a.registered_at, b.registered_at);
    case UserSortKey::kPhone: return cmp(a.phone, b.phone);
    case UserSortKey::kLastLogin: {  // never (0) after every time
      auto key = [](std::int64_t t) { return t > 0 ? t : INT64_MAX; };
      return cmp(key(a.last_logged_at), key(b.last_logged_at));
    }
    default: return 0;
  }
}

void check_against_brute_force(const UserIndex& index, const std::map<std::int64_t, UserIndexRow>& rows,
                               std::mt19937& rng) {
  static const std::vector<std::string> queries = {"",   "a",  "an", "@", "4@ex", "@ex", "a@b", "@a@",  "зз",
                                                   "ан", "γι", "zz", "m", "8",    ", u", ".",   "staff"};
  for (const auto& q : queries) {
    for (int k = 0; k < kUserSortKeys; ++k) {
      const auto key = static_cast<UserSortKey>(k);
      UserIndexQuery query;
      query.folded_query = q;
      query.sort = key;
      query.descending = rng() % 2;
      query.size = 1 + static_cast<std::int64_t>(rng() % 20);
      query.offset = query.size * static_cast<std::int64_t>(rng() % 6);
      if (rng() % 3 == 0) query.role_ids = {2};
      if (rng() % 3 == 0) query.statuses = {"Active", "Pending"};
      if (rng() % 4 == 0) query.org_ids = {1, 3};
      if (rng() % 5 == 0) query.no_devices = true;
      if (rng() % 4 == 0) query.login_before = 5;  // notSignedInForDays: before 5, or never
      std::vector<const UserIndexRow*> hits;
      for (const auto& [id, r] : rows) {
        if (!q.empty() && !row_matches(r, q)) continue;
        if (!query.role_ids.empty() && r.role_id != 2) continue;
        if (!query.statuses.empty() && r.status != "Active" && r.status != "Pending") continue;
        if (!query.org_ids.empty() && r.org_id != 1 && r.org_id != 3) continue;
        if (query.no_devices && r.devices_count != 0) continue;
        if (query.login_before && r.last_logged_at >= query.login_before) continue;
        hits.push_back(&r);
      }
      std::sort(hits.begin(), hits.end(), [&](const UserIndexRow* a, const UserIndexRow* b) {
        int c = compare(*a, *b, key);
        if (c == 0) c = a->id < b->id ? -1 : 1;
        return query.descending ? c > 0 : c < 0;
      });
      std::vector<std::int64_t> want;
      for (auto i = static_cast<std::size_t>(query.offset);
           i < hits.size() && i < static_cast<std::size_t>(query.offset + query.size); ++i)
        want.push_back(hits[i]->id);
      std::int64_t total = -1;
      std::vector<std::int64_t> got;
      index.find(query, total, got);
      INFO("query '", q, "' key ", k, " desc ", query.descending, " offset ", query.offset);
      CHECK(total == static_cast<std::int64_t>(hits.size()));
      CHECK(got == want);
    }
  }
}

// A few fixed queries, asked before and after every single write: their matches stay cached and are
// kept by the writes, not recomputed.
void check_cached(const UserIndex& index, const std::map<std::int64_t, UserIndexRow>& rows) {
  for (const std::string q : {"", "a", "an", "4@ex"}) {
    for (bool filtered : {false, true}) {
      UserIndexQuery query;
      query.folded_query = q;
      query.sort = UserSortKey::kName;
      query.size = 1000;
      if (filtered) query.statuses = {"Active", "Pending"}, query.org_ids = {1, 3};
      std::vector<const UserIndexRow*> hits;
      for (const auto& [id, r] : rows)
        if ((q.empty() || row_matches(r, q)) &&
            (!filtered || ((r.status == "Active" || r.status == "Pending") && (r.org_id == 1 || r.org_id == 3))))
          hits.push_back(&r);
      std::stable_sort(hits.begin(), hits.end(),
                       [](const UserIndexRow* a, const UserIndexRow* b) { return a->name_fold < b->name_fold; });
      std::vector<std::int64_t> want, got;
      for (const auto* r : hits) want.push_back(r->id);
      std::int64_t total = -1;
      index.find(query, total, got);
      INFO("cached query '", q, "' filtered ", filtered);
      CHECK(total == static_cast<std::int64_t>(hits.size()));
      CHECK(got == want);
    }
  }
}

}  // namespace

TEST_CASE("contains_padded equals std::string::find for every length and position") {
  std::mt19937 rng(5);
  for (int i = 0; i < 20000; ++i) {
    std::string hay(rng() % 70, 'a');
    for (auto& c : hay) c = "abc@."[rng() % 5];
    std::string needle(1 + rng() % 5, 'a');
    for (auto& c : needle) c = "abc@."[rng() % 5];
    std::string padded = hay + std::string(32, 'a');  // padding that must not count
    CHECK(contains_padded(padded.data(), hay.size(), needle) == (hay.find(needle) != std::string::npos));
  }
}

TEST_CASE("user index finds equal the brute force, through upserts and erasures") {
  std::mt19937 rng(11);
  std::map<std::int64_t, UserIndexRow> rows;
  std::vector<UserIndexRow> initial;
  for (std::int64_t id = 1; id <= 400; ++id)
    if (id % 7 != 0) rows[id] = random_row(rng, id), initial.push_back(rows[id]);
  UserIndex index;
  index.load(initial);
  CHECK(index.users() == rows.size());
  check_against_brute_force(index, rows, rng);
  for (int round = 0; round < 4; ++round) {
    for (int i = 0; i < 60; ++i) {
      const auto id = static_cast<std::int64_t>(1 + rng() % 450);
      if (rng() % 6 == 0) {
        index.erase(id);
        rows.erase(id);
      } else {
        auto r = random_row(rng, id);
        if (rows.count(id)) r.email = rows[id].email;  // addresses never change
        index.upsert(r);
        rows[id] = r;
      }
      if (i % 6 == 0) check_cached(index, rows);
    }
    CHECK(index.users() == rows.size());
    check_against_brute_force(index, rows, rng);
  }
}

TEST_CASE("batches: upsert_batch and erase_batch equal one-by-one writes; count_by_org counts the unsuspended") {
  std::mt19937 rng(77);
  std::vector<UserIndexRow> rows;
  for (std::int64_t id = 1; id <= 300; ++id) rows.push_back(random_row(rng, id));
  UserIndex batched, single;
  batched.load(rows);
  single.load(rows);
  std::vector<UserIndexRow> changed;
  std::vector<std::int64_t> gone;
  for (std::int64_t id = 1; id <= 300; id += 3) changed.push_back(random_row(rng, id));
  for (std::int64_t id = 2; id <= 300; id += 7) gone.push_back(id);
  batched.upsert_batch(changed);
  batched.erase_batch(gone);
  for (const auto& r : changed) single.upsert(r);
  for (auto id : gone) single.erase(id);
  for (int k = 0; k < kUserSortKeys; ++k) {
    UserIndexQuery q;
    q.sort = static_cast<UserSortKey>(k);
    q.size = 1000;
    std::int64_t ta = 0, tb = 0;
    std::vector<std::int64_t> a, b;
    batched.find(q, ta, a);
    single.find(q, tb, b);
    CHECK(ta == tb);
    CHECK(a == b);
  }
  std::map<std::int64_t, UserIndexRow> now;
  for (const auto& r : rows) now[r.id] = r;
  for (const auto& r : changed) now[r.id] = r;
  for (auto id : gone) now.erase(id);
  std::unordered_map<std::int32_t, std::int64_t> want;
  for (const auto& [id, r] : now)
    if (r.role_id == 1 && r.status != "Suspended") ++want[r.org_id];
  CHECK(batched.count_by_org(1, "Suspended") == want);
}

TEST_CASE("batches of many (one pass per order): new users, repeated ids and erasures equal the brute force") {
  std::mt19937 rng(2024);
  std::map<std::int64_t, UserIndexRow> rows;
  std::vector<UserIndexRow> initial;
  for (std::int64_t id = 1; id <= 500; ++id)
    if (id % 5 != 0) rows[id] = random_row(rng, id), initial.push_back(rows[id]);
  UserIndex index;
  index.load(initial);
  for (int round = 0; round < 5; ++round) {
    std::vector<UserIndexRow> batch;
    const int n = 40 + static_cast<int>(rng() % 200);
    for (int i = 0; i < n; ++i) {
      const auto id = static_cast<std::int64_t>(1 + rng() % 560);  // some new, some twice in a batch
      auto r = random_row(rng, id);
      if (rows.count(id)) r.email = rows[id].email;  // addresses never change
      if (rng() % 4 == 0 && rows.count(id)) r = rows[id], r.role_id = 1 + static_cast<std::int32_t>(rng() % 3);
      batch.push_back(r);
      rows[id] = r;
    }
    index.upsert_batch(batch);
    check_cached(index, rows);
    std::vector<std::int64_t> gone;
    for (int i = 0; i < 40; ++i) gone.push_back(static_cast<std::int64_t>(1 + rng() % 560));
    index.erase_batch(gone);
    for (auto id : gone) rows.erase(id);
    CHECK(index.users() == rows.size());
    check_cached(index, rows);
    check_against_brute_force(index, rows, rng);
    for (int k = 1; k < kUserSortKeys; ++k) {  // every order whole, not only its first pages
      const auto key = static_cast<UserSortKey>(k);
      std::vector<const UserIndexRow*> all;
      for (const auto& [id, r] : rows) all.push_back(&r);
      std::sort(all.begin(), all.end(), [&](const UserIndexRow* a, const UserIndexRow* b) {
        const int c = compare(*a, *b, key);
        return c != 0 ? c < 0 : a->id < b->id;
      });
      std::vector<std::int64_t> want, got;
      for (const auto* r : all) want.push_back(r->id);
      UserIndexQuery query;
      query.sort = key;
      query.size = 1000;
      std::int64_t total = 0;
      index.find(query, total, got);
      INFO("key ", k);
      CHECK(got == want);
    }
  }
}
