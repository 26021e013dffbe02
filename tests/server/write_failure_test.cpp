// The documented 500 for a write that could not be saved (README: "every statement's result is
// checked: a failed write is a 500 that says what could not be done"), provoked under a running
// server in two ways that are reliable on any machine, root included (a read-only file or a full
// disk are not: root writes through permissions, and there is no small filesystem to fill):
//  - a trigger added from outside that aborts the second statement of a write's transaction (the
//    actions-log row of a sign-in, after the user row was updated): the answer is a 500 in words,
//    and the user row is as it was, so the transaction was rolled back, not half-committed;
//  - the database's write lock held from outside for longer than the server's busy timeout (5 s):
//    an edit cannot begin its transaction and is a 500 in words, nothing changes.
// Afterwards the same server saves the same writes: it kept serving, and with one worker (one
// database connection) nothing was left open.
#include "api_helpers.h"
#include "raw_http.h"
#include "sql_edit.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <string>

using namespace roster::test;

namespace {

// One integer from the first row of `sql` on the database file, read from outside the server.
std::int64_t query_int(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  std::int64_t value = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return value;
}

Response sign_in(const ServerProcess& s) {
  return to_response(s.client()->Post("/api/session", {{"X-Requested-With", "test"}},
                                      R"({"email":"admin@roster.demo","password":"roster-demo"})", "application/json"));
}

const char* const kAdmin = "(SELECT id FROM users WHERE email = 'admin@roster.demo')";

}  // namespace

TEST_CASE("a sign-in whose actions-log row cannot be written: 500 in words, the user row rolled back, then saved") {
  static SeededDb db = seed_db("write-failure-trigger", 40, 3, 11);
  ServerProcess s(db.path, {"--threads", "1"});
  const std::string user_state = std::string("SELECT last_logged_at FROM users WHERE id = ") + kAdmin;
  const std::string log_rows = std::string("SELECT count(*) FROM actions_log WHERE user_id = ") + kAdmin;
  const auto logged_before = query_int(db.path, user_state);
  const auto rows_before = query_int(db.path, log_rows);
  REQUIRE(run_sql(db.path,
                  "CREATE TRIGGER refuse_log BEFORE INSERT ON actions_log "
                  "BEGIN SELECT RAISE(ABORT, 'the disk is full (a test)'); END;") == "");

  auto failed = sign_in(s);
  CHECK(failed.status == 500);
  CHECK(failed.message() == "Could not record the sign-in. Try again; if it keeps failing, the server's log says why.");
  CHECK(failed.header("Set-Cookie").empty());              // no session for a sign-in that was not recorded
  CHECK(query_int(db.path, user_state) == logged_before);  // the UPDATE before the failed INSERT is undone
  CHECK(query_int(db.path, log_rows) == rows_before);
  CHECK(status_of(raw_exchange(s.port(), "GET /api/session HTTP/1.1\r\nHost: x\r\n\r\n")) == 401);  // still serving

  REQUIRE(run_sql(db.path, "DROP TRIGGER refuse_log") == "");
  auto saved = sign_in(s);
  CHECK(saved.status == 200);
  CHECK_FALSE(saved.header("Set-Cookie").empty());
  CHECK(query_int(db.path, user_state) > logged_before);
  CHECK(query_int(db.path, log_rows) == rows_before + 1);
}

TEST_CASE("an edit while the write lock is held past the busy timeout: 500 in words, the user unchanged, then saved") {
  static SeededDb db = seed_db("write-failure-lock", 40, 3, 12);
  ServerProcess s(db.path, {"--threads", "1"});
  auto api = as_client(s, db);
  auto page = api.get("/api/v1/organization/users?size=1");
  REQUIRE(page.status == 200);
  const auto id = page.json["content"][0]["id"].get<std::int64_t>();
  const auto name = page.json["content"][0]["name"].get<std::string>();
  const std::string path = "/api/v1/organization/user?userId=" + std::to_string(id);
  const std::string edit = R"({"name":"Saved Under Lock"})";
  {
    HeldWriteLock lock(db.path);
    REQUIRE(lock.ok());
    auto failed = api.put(path, edit);  // waits the server's 5 s busy timeout, then gives up
    CHECK(failed.status == 500);
    CHECK(failed.message() == "Could not save the user. Try again; if it keeps failing, the server's log says why.");
    CHECK(api.get(path).json["name"] == name);  // reads go on meanwhile (WAL)
  }
  CHECK(api.get(path).json["name"] == name);
  CHECK(api.get("/api/v1/organization/search/users?query=Saved%20Under%20Lock").json["content"].empty());
  auto saved = api.put(path, edit);
  CHECK(saved.status == 200);
  CHECK(api.get(path).json["name"] == "Saved Under Lock");
}
