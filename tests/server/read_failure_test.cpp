// A page whose rows SQLite cannot read is a 500 in words, never a short page that looks like the end
// of the list: the in-memory index still answers which users match, then the read of their rows fails
// (here the users table is renamed behind the server's back, as a broken or swapped file would do).
#include "api_helpers.h"
#include "sql_edit.h"

#include <doctest/doctest.h>

using namespace roster::test;

TEST_CASE("users list and search: a failed read of the page's rows is a 500 in words, and service comes back") {
  SeededDb db = seed_db("read-failure", 80, 4, 11);
  ServerProcess server(db.path);
  auto api = as_client(server, db);
  const std::string list = "/api/v1/organization/users?includeSubOrgUsers=true&size=50";
  const std::string search = "/api/v1/organization/search/users?query=a&sortBy=Name";
  REQUIRE(api.get(list).status == 200);

  REQUIRE(run_sql(db.path, "ALTER TABLE users RENAME TO users_away") == "");
  for (const auto& path : {list, search}) {
    auto r = api.get(path);
    INFO(path << " -> " << r.body);
    CHECK(r.status == 500);
    CHECK(r.message().find("The user query failed.") == 0);
    CHECK(r.json.value("content", nlohmann::json()).is_null());  // no page at all, short or empty
  }

  REQUIRE(run_sql(db.path, "ALTER TABLE users_away RENAME TO users") == "");
  auto again = api.get(list);
  CHECK(again.status == 200);
  CHECK(again.json["content"].size() == 50);
}
