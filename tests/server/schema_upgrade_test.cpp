// A database written by the previous release (schema 1: a trigram search table written by every user
// write, and a sort index per sortBy label, none of them read since the in-memory indexes) opens,
// is upgraded in place, and serves exactly what a database seeded by this release serves.
#include "api_helpers.h"
#include "sql_edit.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <set>

using namespace roster::test;
using nlohmann::json;

namespace {

// The previous release's extra schema, as it created it.
const char* const kSchema1Extras = R"SQL(
  CREATE VIRTUAL TABLE users_fts USING fts5(name, email, role, location, tokenize='trigram');
  INSERT INTO users_fts(rowid, name, email, role, location)
    SELECT u.id, lower(u.name), u.email, lower(coalesce(r.name, '')), lower(u.city || ', ' || u.country)
    FROM users u LEFT JOIN roles r ON r.id = u.role_id;
  CREATE INDEX users_id ON users(id);
  CREATE INDEX users_org ON users(org_id, id);
  CREATE INDEX users_name ON users(name_fold, id);
  CREATE INDEX users_status ON users(status, id);
  CREATE INDEX users_role ON users(role_id, id);
  CREATE INDEX users_org_name ON users(org_name, id);
  CREATE INDEX users_devices ON users(devices_count, id);
  CREATE INDEX users_country ON users(country, id);
  CREATE INDEX users_registered ON users(registered_at, id);
  CREATE INDEX users_phone ON users(phone, id);
  CREATE INDEX devices_org ON devices(org_id, id);
  CREATE INDEX devices_id ON devices(id);
  CREATE INDEX devices_name ON devices(name);
  CREATE INDEX devices_template ON devices(template_id);
  CREATE INDEX devices_activated ON devices(activated_at);
  CREATE INDEX devices_last_event ON devices(last_received_event_at);
  CREATE INDEX devices_online ON devices(online);
  CREATE INDEX tags_org ON tags(org_id);
  UPDATE meta SET value = '1' WHERE key = 'schema_version';
)SQL";

// Names of the file's tables and indexes (SQLite's own excluded).
std::set<std::string> schema_objects(const std::string& path) {
  std::set<std::string> names;
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'", -1, &st, nullptr) ==
          SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW) names.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return names;
}

std::string copy_of(const SeededDb& db, const std::string& name) {
  const std::string path = temp_dir() + "/" + name + ".db";
  std::filesystem::copy_file(db.path, path, std::filesystem::copy_options::overwrite_existing);
  return path;
}

}  // namespace

TEST_CASE("a schema-1 database is upgraded in place and answers as a fresh one does") {
  const auto& seeded = shared_db();
  const std::string fresh = copy_of(seeded, "schema_fresh"), old = copy_of(seeded, "schema_old");
  REQUIRE(run_sql(old, kSchema1Extras) == "");
  REQUIRE(schema_objects(old).count("users_fts") == 1);

  const std::vector<std::string> paths = {
      "/api/v1/organization/users?includeSubOrgUsers=true&size=1000",
      "/api/v1/organization/search/users?query=an&sortBy=Name&order=DESC&size=50&page=1",
      "/api/v1/organization/search/users?query=@example&sortBy=Email&size=20&page=3",
      "/api/v1/organization/search/users?query=%D0%BE&sortBy=Registered%20At&size=30",
      "/api/v1/organization/devices?includeSubOrgDevices=true&sortBy=Name&size=200&page=1",
      "/api/v1/organization/search/devices?query=kitchen&sortBy=Owner%20Name&size=50",
  };
  std::vector<std::string> fresh_answers, upgraded_answers;
  {
    ServerProcess server(fresh);
    auto api = as_client(server, seeded);
    for (const auto& p : paths) {
      auto r = api.get(p);
      INFO(p << " -> " << r.body.substr(0, 300));
      REQUIRE(r.status == 200);
      fresh_answers.push_back(r.json.dump());
    }
  }
  {
    ServerProcess server(old);
    auto api = as_client(server, seeded);
    for (const auto& p : paths) upgraded_answers.push_back(api.get(p).json.dump());
    // It also writes: an edit of a user is saved and found.
    auto users = api.get(paths[0]).json["content"];
    REQUIRE(!users.empty());
    const auto id = users[5]["id"].get<std::int64_t>();
    auto edit =
        api.put("/api/v1/organization/user?userId=" + std::to_string(id), json({{"name", "Upgraded Person"}}).dump());
    INFO(edit.body);
    CHECK(edit.status == 200);
    auto found = api.get("/api/v1/organization/search/users?query=upgraded%20person");
    REQUIRE(found.status == 200);
    CHECK(found.json["totalElements"] == 1);
  }
  for (std::size_t i = 0; i < paths.size(); ++i) {
    INFO(paths[i]);
    CHECK(upgraded_answers[i] == fresh_answers[i]);
  }
  auto objects = schema_objects(old);
  for (const char* gone : {"users_fts", "users_name", "users_phone", "devices_name", "devices_online", "tags_org"})
    CHECK_MESSAGE(objects.count(gone) == 0, gone, " should be gone");
  for (const char* kept : {"users", "devices", "actions_log", "users_email", "devices_owner", "actions_user_ts"})
    CHECK_MESSAGE(objects.count(kept) == 1, kept, " should stay");
  // A fresh seed has the same objects as the upgraded file.
  auto fresh_objects = schema_objects(fresh);
  fresh_objects.erase("kiosk_tokens");
  objects.erase("kiosk_tokens");
  CHECK(objects == fresh_objects);
  // Started again, it is at the current version and does not upgrade twice.
  ServerProcess again(old);
  CHECK(as_client(again, seeded).get(paths[1]).status == 200);
}

TEST_CASE("a database from a newer release is refused in words, untouched") {
  const std::string newer = copy_of(shared_db(), "schema_newer");
  REQUIRE(run_sql(newer, "UPDATE meta SET value = '9' WHERE key = 'schema_version'") == "");
  auto r = run_roster_server({"serve", "--db", newer, "--listen", "127.0.0.1:0"});
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("schema version 9") != std::string::npos);
  CHECK(r.output.find("newer roster-server") != std::string::npos);
}
