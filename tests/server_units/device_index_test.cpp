// DeviceIndex in-process: finds (every sort key, both directions, organisation and owner filters,
// name searches of every shape, first, middle, deep and past-the-end pages) against a brute force
// over the same rows, through random upserts and erasures that move devices in the orders; loading
// from SQLite (owners' names through the callback, model and organisation names by id) and re-reading
// one owner's devices after writes; counts per organisation; and the shared radix sort.
#include "model/utf8.h"
#include "server/index/device_index.h"
#include "server/db/index_loader.h"
#include "server/db/schema.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>

using namespace roster::server;

namespace {

std::string pick(std::mt19937& rng, const std::vector<std::string>& from) { return from[rng() % from.size()]; }

DeviceIndexRow random_row(std::mt19937& rng, std::int64_t id) {
  static const std::vector<std::string> names = {"Kitchen Plug", "kitchen plug", "Лампа", "ЛАМПА у вітальні",
                                                 "Äpfel",        "Zed",          "",      "a",
                                                 "Θερμόμετρο",   "plug 2",       "Ab",    "ab"};
  DeviceIndexRow r;
  r.id = id;
  r.name = pick(rng, names) + (rng() % 4 == 0 ? std::to_string(rng() % 9) : "");
  r.template_id = 1 + static_cast<int>(rng() % 4);
  r.model = pick(rng, {"Zeta", "Alpha", "Alpha", ""});
  r.org_id = 1 + static_cast<int>(rng() % 5);
  r.org_name = r.org_id == 2 || r.org_id == 3 ? "Beta" : "Org " + std::to_string(r.org_id % 2);
  r.owner_user_id = static_cast<std::int64_t>(rng() % 12);
  r.owner_name_fold = r.owner_user_id == 0 ? "" : pick(rng, {"bob", "alice", "élodie", "bob", ""});
  r.activated_at = static_cast<std::int64_t>(rng() % 30) - 5;
  r.last_event_at = static_cast<std::int64_t>(rng() % 10);
  r.online = rng() % 2;
  return r;
}

int compare(const DeviceIndexRow& a, const DeviceIndexRow& b, DeviceSortKey key) {
  auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (key) {
    case DeviceSortKey::kName: return cmp(a.name, b.name);
    case DeviceSortKey::kTemplate: return cmp(a.template_id, b.template_id);
    case DeviceSortKey::kOwner: return cmp(a.owner_user_id, b.owner_user_id);
    case DeviceSortKey::kActivatedAt: return cmp(a.activated_at, b.activated_at);
    case DeviceSortKey::kLastReceivedEventAt: return cmp(a.last_event_at, b.last_event_at);
    case DeviceSortKey::kStatus: return cmp(a.online, b.online);
    case DeviceSortKey::kOwnerName: return cmp(a.owner_name_fold, b.owner_name_fold);
    case DeviceSortKey::kModel: return cmp(a.model, b.model);
    case DeviceSortKey::kOrgName: return cmp(a.org_name, b.org_name);
    case DeviceSortKey::kId: return 0;
  }
  return 0;
}

// Every query shape, key and direction, at the first, a middle, the last and a past-the-end page.
void check_against_brute_force(const DeviceIndex& index, const std::map<std::int64_t, DeviceIndexRow>& rows,
                               std::mt19937& rng) {
  static const std::vector<std::string> queries = {"",  "a",    "plug", "ab", " ", "лампа", "ЛАМПА", "ї",
                                                   "θ", "zzqx", "2",    "äp", "k", "ві",    "e"};
  for (const auto& typed : queries) {
    const std::string q = roster::utf8::to_lower(typed);
    for (int key = 0; key < kDeviceSortKeys; ++key) {
      DeviceIndexQuery query;
      query.folded_query = q;
      query.sort = static_cast<DeviceSortKey>(key);
      query.descending = rng() % 2;
      query.size = 1 + static_cast<std::int64_t>(rng() % 15);
      if (rng() % 3 == 0) query.org_ids = {2, 4};
      if (rng() % 5 == 0) query.owner_user_id = static_cast<std::int64_t>(1 + rng() % 11);
      std::vector<const DeviceIndexRow*> hits;
      for (const auto& [id, r] : rows) {
        if (roster::utf8::to_lower(r.name).find(q) == std::string::npos) continue;
        if (!query.org_ids.empty() && r.org_id != 2 && r.org_id != 4) continue;
        if (query.owner_user_id && r.owner_user_id != query.owner_user_id) continue;
        hits.push_back(&r);
      }
      std::sort(hits.begin(), hits.end(), [&](const DeviceIndexRow* a, const DeviceIndexRow* b) {
        int c = compare(*a, *b, query.sort);
        if (c == 0) c = a->id < b->id ? -1 : 1;
        return query.descending ? c > 0 : c < 0;
      });
      const auto pages = static_cast<std::int64_t>(hits.size()) / query.size;
      for (std::int64_t page : {std::int64_t{0}, pages / 2, pages, pages + 1}) {
        query.offset = page * query.size;
        std::vector<std::int64_t> want;
        for (auto i = static_cast<std::size_t>(query.offset);
             i < hits.size() && i < static_cast<std::size_t>(query.offset + query.size); ++i)
          want.push_back(hits[i]->id);
        std::int64_t total = -1;
        std::vector<std::int64_t> got;
        index.find(query, total, got);
        INFO("query '", q, "' key ", key, " desc ", query.descending, " offset ", query.offset, " orgs ",
             query.org_ids.size(), " owner ", query.owner_user_id);
        CHECK(total == static_cast<std::int64_t>(hits.size()));
        CHECK(got == want);
      }
    }
  }
}

std::unordered_map<std::int32_t, std::int64_t> brute_per_org(const std::map<std::int64_t, DeviceIndexRow>& rows) {
  std::unordered_map<std::int32_t, std::int64_t> out;
  for (const auto& [id, r] : rows) ++out[r.org_id];
  return out;
}

// A few fixed queries, asked before and after every single write: their matches stay cached and are
// kept by the writes, not recomputed.
void check_cached(const DeviceIndex& index, const std::map<std::int64_t, DeviceIndexRow>& rows) {
  for (const std::string q : {"", "a", "plug"}) {
    for (bool by_org : {false, true}) {
      DeviceIndexQuery query;
      query.folded_query = q;
      query.sort = DeviceSortKey::kOwnerName;
      query.size = 1000;
      if (by_org) query.org_ids = {2, 4};
      std::vector<const DeviceIndexRow*> hits;
      for (const auto& [id, r] : rows)
        if (roster::utf8::to_lower(r.name).find(q) != std::string::npos && (!by_org || r.org_id == 2 || r.org_id == 4))
          hits.push_back(&r);
      std::stable_sort(hits.begin(), hits.end(), [](const DeviceIndexRow* a, const DeviceIndexRow* b) {
        return a->owner_name_fold < b->owner_name_fold;
      });
      std::vector<std::int64_t> want, got;
      for (const auto* r : hits) want.push_back(r->id);
      std::int64_t total = -1;
      index.find(query, total, got);
      INFO("cached query '", q, "' by org ", by_org);
      CHECK(total == static_cast<std::int64_t>(hits.size()));
      CHECK(got == want);
    }
  }
}

}  // namespace

TEST_CASE("device index finds equal the brute force, through upserts and erasures") {
  std::mt19937 rng(17);
  std::map<std::int64_t, DeviceIndexRow> rows;
  std::vector<DeviceIndexRow> initial;
  for (std::int64_t id = 1; id <= 600; ++id)
    if (id % 9 != 0) rows[id] = random_row(rng, id), initial.push_back(rows[id]);
  DeviceIndex index;
  index.load(initial);
  CHECK(index.devices() == rows.size());
  CHECK(index.per_org() == brute_per_org(rows));
  check_against_brute_force(index, rows, rng);
  for (int round = 0; round < 4; ++round) {
    for (int i = 0; i < 80; ++i) {
      const auto id = static_cast<std::int64_t>(1 + rng() % 700);
      if (rng() % 7 == 0) {
        index.erase(id);
        rows.erase(id);
      } else if (rows.count(id) && rng() % 2) {
        // One field at a time, as writes change them: the owner's name, the organisation.
        auto r = rows[id];
        if (rng() % 2)
          r.owner_name_fold = pick(rng, {"aaron", "zoë", "", "bob"});
        else
          r.org_id = 1 + static_cast<int>(rng() % 5), r.org_name = "Moved " + std::to_string(r.org_id);
        index.upsert(r);
        rows[id] = r;
      } else {
        auto r = random_row(rng, id);
        index.upsert(r);
        rows[id] = r;
      }
      if (i % 8 == 0) check_cached(index, rows);
    }
    CHECK(index.devices() == rows.size());
    CHECK(index.per_org() == brute_per_org(rows));
    check_against_brute_force(index, rows, rng);
  }
}

TEST_CASE("device index loads from SQLite and re-reads an owner's devices after writes") {
  Database db(":memory:", true);
  REQUIRE(db.ok());
  REQUIRE(create_tables(db));
  REQUIRE(db.exec(R"SQL(
    INSERT INTO orgs(id, name, parent_id) VALUES (1, 'Root', 0), (2, 'Beta', 1), (3, 'Beta', 1), (4, 'Alpha', 1);
    INSERT INTO templates(id, name, board_type) VALUES (1, 'Zeta', 'ESP32'), (2, 'Alpha', 'ESP32');
    INSERT INTO users(id, email, name, name_fold, role_id, org_id, org_name, status, last_modified_ts, registered_at)
      VALUES (1, 'b1@x', 'Bob', 'bob', 3, 2, 'Beta', 'Active', 0, 0),
             (2, 'a@x', 'alice', 'alice', 3, 2, 'Beta', 'Active', 0, 0);
    INSERT INTO devices(id, template_id, org_id, name, token, activated_at, owner_user_id) VALUES
      (1, 1, 3, 'Plug', 't', 50, 1), (2, 2, 2, 'plug', 't', 40, 1), (3, 9, 2, 'Lamp', 't', 40, 2),
      (4, 1, 1, 'Plug', 't', 10, 0), (5, 2, 4, 'Äpfel', 't', 90, 99), (6, 1, 77, 'Lamp', 't', 20, 2);
  )SQL"));
  DeviceIndex index;
  std::string error;
  REQUIRE(read_device_index(db, index, error));
  std::map<std::int64_t, std::string> names = {{1, "bob"}, {2, "alice"}};
  index.finish_load([&](std::int64_t id) { return names.count(id) ? names[id] : std::string(); });
  auto ids = [&](DeviceSortKey key, std::vector<std::int32_t> orgs = {}, std::string query = "") {
    DeviceIndexQuery q;
    q.sort = key;
    q.org_ids = orgs;
    q.folded_query = query;
    q.size = 100;
    std::int64_t total = 0;
    std::vector<std::int64_t> out;
    index.find(q, total, out);
    CHECK(total == static_cast<std::int64_t>(out.size()));
    return out;
  };
  // "" (4: no owner, 5: owner gone), alice (3, 6), bob (1, 2).
  CHECK(ids(DeviceSortKey::kOwnerName) == std::vector<std::int64_t>{4, 5, 3, 6, 1, 2});
  // "" (3: template 9 unknown), Alpha (2, 5), Zeta (1, 4, 6).
  CHECK(ids(DeviceSortKey::kModel) == std::vector<std::int64_t>{3, 2, 5, 1, 4, 6});
  // "" (6: organisation 77 unknown), Alpha, Beta (orgs 2 and 3), Root.
  CHECK(ids(DeviceSortKey::kOrgName) == std::vector<std::int64_t>{6, 5, 1, 2, 3, 4});
  // Bytes as SQLite's BINARY: upper case first, 'Ä' after every ASCII letter.
  CHECK(ids(DeviceSortKey::kName) == std::vector<std::int64_t>{3, 6, 1, 4, 2, 5});
  CHECK(ids(DeviceSortKey::kId, {}, "plug") == std::vector<std::int64_t>{1, 2, 4});
  CHECK(ids(DeviceSortKey::kId, {}, roster::utf8::to_lower("ÄP")) == std::vector<std::int64_t>{5});

  // Bob is renamed and moved to organisation 4 with his devices: both orders follow at once.
  REQUIRE(
      db.exec("UPDATE users SET name = 'Aaron', name_fold = 'aaron' WHERE id = 1;"
              " UPDATE devices SET org_id = 4 WHERE owner_user_id = 1;"));
  REQUIRE(refresh_owner_devices(db, index, 1, error));
  CHECK(ids(DeviceSortKey::kOwnerName) == std::vector<std::int64_t>{4, 5, 1, 2, 3, 6});
  CHECK(ids(DeviceSortKey::kOrgName) == std::vector<std::int64_t>{6, 1, 2, 5, 3, 4});
  CHECK(ids(DeviceSortKey::kId, {4}) == std::vector<std::int64_t>{1, 2, 5});
  auto per_org = index.per_org();
  CHECK(per_org[4] == 3);
  CHECK(per_org[2] == 1);
  CHECK(per_org.count(3) == 0);
  // A new user who takes a gone owner's id gives that device a name.
  REQUIRE(
      db.exec("INSERT INTO users(id, email, name, name_fold, role_id, org_id, org_name, status,"
              " last_modified_ts, registered_at) VALUES (99, 'z@x', 'Zoë', 'zoë', 3, 4, 'Alpha', 'Active', 0, 0);"));
  REQUIRE(refresh_owner_devices(db, index, 99, error));
  CHECK(ids(DeviceSortKey::kOwnerName) == std::vector<std::int64_t>{4, 1, 2, 3, 6, 5});
}

TEST_CASE("sort_keyed orders by key, ties by id, over any key width") {
  std::mt19937_64 rng(3);
  for (std::uint64_t range : {1ull, 2ull, 300ull, 70000ull, 1ull << 40, ~0ull}) {
    std::vector<KeyedId> items;
    for (std::uint32_t id = 0; id < 5000; ++id) items.push_back({range == ~0ull ? rng() : rng() % range, id});
    auto want = items;
    std::stable_sort(want.begin(), want.end(), [](const KeyedId& a, const KeyedId& b) { return a.key < b.key; });
    sort_keyed(items);
    bool same = items.size() == want.size();
    for (std::size_t i = 0; same && i < items.size(); ++i)
      same = items[i].key == want[i].key && items[i].id == want[i].id;
    CHECK(same);
  }
}

TEST_CASE("packed texts: each slot's text, and one pass finds every owner holding a needle") {
  PackedTexts texts;
  CHECK(texts.add(7, "kitchen plug") == 0);
  CHECK(texts.add(3, "") == 1);
  CHECK(texts.add(9, "лампа plug") == 2);
  CHECK(texts.slot_text(0) == "kitchen plug");
  CHECK(texts.slot_text(1).empty());
  CHECK(texts.slot_text(2) == "лампа plug");
  std::vector<std::uint64_t> hit(1, 0);
  texts.scan("plug", hit);
  CHECK(hit[0] == ((1ull << 7) | (1ull << 9)));
  hit[0] = 0;
  texts.scan("gл", hit);  // never across two texts
  CHECK(hit[0] == 0);
  CHECK_FALSE(texts.may_hold("zz"));
  texts.retire(0);
  hit[0] = 0;
  texts.scan("plug", hit);
  CHECK(hit[0] == (1ull << 9));
}
