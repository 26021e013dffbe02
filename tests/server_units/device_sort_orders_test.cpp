// In-process tests of the devices' sort orders held in memory: equal names share a place and fall
// back to the device id, a missing owner (none, or gone) sorts as the empty name, bytes compare as
// SQLite's BINARY collation does, and ranks invert the order.
#include "server/device_sort_orders.h"
#include "server/schema.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using namespace roster::server;

namespace {

struct DevicesDb {
  Database db{":memory:", true};
  Directory dir;
  DataVersion version;

  DevicesDb() {
    REQUIRE(db.ok());
    REQUIRE(create_tables(db));
    REQUIRE(db.exec(R"SQL(
      INSERT INTO orgs(id, name, parent_id) VALUES (1, 'Root', 0), (2, 'Beta', 1), (3, 'Beta', 1), (4, 'Alpha', 1);
      INSERT INTO templates(id, name, board_type) VALUES (1, 'Zeta', 'ESP32'), (2, 'Alpha', 'ESP32'), (3, 'Alpha', 'ESP8266');
      INSERT INTO users(id, email, name, name_fold, role_id, org_id, org_name, status, last_modified_ts, registered_at)
        VALUES (1, 'b1@x', 'Bob', 'bob', 3, 2, 'Beta', 'Active', 0, 0),
               (2, 'a@x', 'alice', 'alice', 3, 2, 'Beta', 'Active', 0, 0),
               (3, 'b3@x', 'BOB', 'bob', 3, 3, 'Beta', 'Active', 0, 0),
               (4, 'e@x', 'Élodie', 'élodie', 3, 4, 'Alpha', 'Active', 0, 0);
      INSERT INTO devices(id, template_id, org_id, name, token, activated_at, owner_user_id) VALUES
        (1, 1, 3, 'Plug', 't', 50, 3), (2, 2, 2, 'plug', 't', 40, 1), (3, 3, 2, 'Lamp', 't', 40, 2),
        (4, 1, 1, 'Plug', 't', 10, 0), (5, 2, 4, 'Äpfel', 't', 90, 99), (6, 3, 2, 'Lamp', 't', 20, 1),
        (7, 2, 4, 'Zed', 't', 30, 4), (8, 1, 3, 'Alarm', 't', 40, 3);
    )SQL"));
    REQUIRE(ensure_indexes(db));
    std::string error;
    REQUIRE(dir.load(db, error));
  }

  std::vector<std::int32_t> order(DeviceSortKey key) {
    DeviceSortOrders orders(version);
    auto o = orders.get(db, dir, key);
    REQUIRE(o);
    for (std::size_t i = 0; i < o->ids.size(); ++i)
      CHECK(o->rank[static_cast<std::size_t>(o->ids[i])] == static_cast<std::uint32_t>(i));
    return o->ids;
  }
};

}  // namespace

TEST_CASE("joined keys: owner name (folded), model and organization name, ties by device id") {
  DevicesDb d;
  // "" (4: no owner, 5: owner gone), alice, bob (users 1 and 3: devices 1, 2, 6, 8), élodie.
  CHECK(d.order(DeviceSortKey::kOwnerName) == std::vector<std::int32_t>{4, 5, 3, 1, 2, 6, 8, 7});
  // Alpha (templates 2 and 3 share the name), then Zeta.
  CHECK(d.order(DeviceSortKey::kModel) == std::vector<std::int32_t>{2, 3, 5, 6, 7, 1, 4, 8});
  // Alpha (4), Beta (orgs 2 and 3 share the name), Root (1).
  CHECK(d.order(DeviceSortKey::kOrgName) == std::vector<std::int32_t>{5, 7, 1, 2, 3, 6, 8, 4});
}

TEST_CASE("keys of devices: their index walked, bytes compared as BINARY, ties by id") {
  DevicesDb d;
  // Upper case before lower case, and 'Ä' (0xC3 0x84) after every ASCII letter.
  CHECK(d.order(DeviceSortKey::kName) == std::vector<std::int32_t>{8, 3, 6, 1, 4, 7, 2, 5});
  CHECK(d.order(DeviceSortKey::kActivatedAt) == std::vector<std::int32_t>{4, 6, 7, 2, 3, 8, 1, 5});
  DeviceSortOrders orders(d.version);
  CHECK(orders.get(d.db, d.dir, DeviceSortKey::kId) == nullptr);  // the id is its own rank
}

TEST_CASE("an order is kept until the data version moves") {
  DevicesDb d;
  DeviceSortOrders orders(d.version);
  auto first = orders.get(d.db, d.dir, DeviceSortKey::kOwnerName);
  CHECK(orders.get(d.db, d.dir, DeviceSortKey::kOwnerName) == first);
  REQUIRE(d.db.exec("UPDATE users SET name = 'Aaron', name_fold = 'aaron' WHERE id = 4;"));
  CHECK(orders.get(d.db, d.dir, DeviceSortKey::kOwnerName) == first);  // not told yet
  d.version.bump();
  auto second = orders.get(d.db, d.dir, DeviceSortKey::kOwnerName);
  CHECK(second != first);
  CHECK(second->ids == std::vector<std::int32_t>{4, 5, 7, 3, 1, 2, 6, 8});
}
