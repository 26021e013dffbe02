// The CSV exports (contract section 7) over real HTTP, read back by an RFC 4180 parser written here
// (quoted fields, doubled quotes, CRLF inside fields) and compared with the JSON list for the same
// parameters: order, every cell, the formula guard, Unicode, times in ISO 8601 UTC; streamed with
// chunked transfer; the actions log's export likewise, with the log's own permission.
#include "admin_helpers.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <ctime>

using namespace roster::test;
using nlohmann::json;

namespace {

const SeededDb& db() {
  static SeededDb d = seed_db("export-csv", 500, 8, 47);
  return d;
}

ServerProcess& server() {
  static ServerProcess s(db().path);
  return s;
}

Caller client() { return as_client(server(), db()); }

using Rows = std::vector<std::vector<std::string>>;

// RFC 4180: records end with CRLF; a field is quoted when it starts with '"', inside which '""' is a
// quote and CR, LF and commas are data. Fails the test on anything else (a bare LF ending a record).
Rows parse_csv(const std::string& text) {
  Rows rows;
  std::vector<std::string> row;
  std::string field;
  std::size_t i = 0;
  bool quoted = false, started = false;
  while (i < text.size()) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        i += 2;
      } else if (c == '"') {
        quoted = false;
        ++i;
        REQUIRE_MESSAGE((i == text.size() || text[i] == ',' || text[i] == '\r'), "text after a closing quote at " << i);
      } else {
        field += c;
        ++i;
      }
      continue;
    }
    if (c == '"' && !started) {
      quoted = started = true;
      ++i;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      started = false;
      ++i;
    } else if (c == '\r') {
      REQUIRE_MESSAGE((i + 1 < text.size() && text[i + 1] == '\n'), "a CR without LF at " << i);
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      started = false;
      i += 2;
    } else {
      REQUIRE_MESSAGE(c != '\n', "a bare LF at " << i);
      REQUIRE_MESSAGE(c != '"', "a quote inside an unquoted field at " << i);
      field += c;
      started = true;
      ++i;
    }
  }
  REQUIRE_FALSE(quoted);
  REQUIRE(row.empty());  // the last record ended with CRLF
  return rows;
}

// What a cell must read once parsed: the text, with a ' before a leading =, +, -, @, TAB or CR.
std::string guarded(const std::string& v) {
  if (!v.empty() && std::string("=+-@\t\r").find(v[0]) != std::string::npos) return "'" + v;
  return v;
}

std::string iso(std::int64_t ms) {
  if (ms == 0) return "";
  std::time_t s = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string role_name(int id) { return id == 1 ? "Admin" : id == 2 ? "Staff" : "User"; }

std::vector<std::string> expected_row(const json& u) {
  std::string location = u.value("city", "");
  const std::string country = u.value("country", "");
  if (!country.empty()) location += (location.empty() ? "" : ", ") + country;
  std::string tags;
  for (const auto& t : u["tags"]) tags += (tags.empty() ? "" : "; ") + t["name"].get<std::string>();
  return {u["name"],
          u["email"],
          role_name(u["roleId"]),
          u["orgName"],
          location,
          u["status"],
          iso(u["lastLoggedAt"]),
          iso(u["registeredAt"]),
          std::to_string(u["devicesCount"].get<int>()),
          tags};
}

}  // namespace

TEST_CASE("users CSV: the list's rows and order, every cell escaped and guarded, streamed") {
  // Tags whose names need every rule: a formula, a comma and quotes, a CRLF, Unicode.
  std::vector<int> tags;
  for (const std::string name : {"=HYPERLINK(\"x\")", "Night, \"late\"\r\nshift", "Ärzte 東京", "-minus", "@at"}) {
    auto t = client().post(kOrgApi + "/tags?orgId=1", json{{"name", name}, {"color", "#010203"}}.dump());
    INFO(t.body);
    REQUIRE(t.status == 201);
    tags.push_back(t.json["id"]);
  }
  auto root = all_rows(client(), kOrgApi + "/users?sortBy=Name");
  REQUIRE(root.size() >= 6);
  for (std::size_t i = 0; i < 5; ++i) {
    // Each user carries one of them first, so the cell begins with it.
    auto r = client().put(kOrgApi + "/user?userId=" + std::to_string(root[i]["id"].get<std::int64_t>()),
                          json{{"tags", {tags[i], tags[(i + 1) % 5]}}}.dump());
    REQUIRE(r.status == 200);
  }
  const std::vector<std::string> cases = {
      "sortBy=Name", "includeSubOrgUsers=true&sortBy=" + url_encode("Last Login") + "&sortOrder=DESC",
      "query=a&roleId=2&roleId=3&sortBy=Email", "status=Pending&includeSubOrgUsers=true"};
  for (const auto& params : cases) {
    CAPTURE(params);
    const bool search = params.rfind("query=", 0) == 0;
    auto expected = all_rows(client(), kOrgApi + (search ? "/search/users?" : "/users?") + params);
    auto r = client().get(kOrgApi + "/users/export.csv?" + params);
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type") == "text/csv; charset=utf-8");
    CHECK(r.header("Transfer-Encoding") == "chunked");
    CHECK(r.header("Content-Disposition").rfind("attachment; filename=\"users-1-", 0) == 0);
    CHECK(r.body.rfind("\xEF\xBB\xBF", 0) != 0);  // no byte-order mark
    auto rows = parse_csv(r.body);
    REQUIRE(rows.size() == expected.size() + 1);
    CHECK(rows[0] == std::vector<std::string>{"Name", "Email", "Role", "Organization", "Location", "Status",
                                              "Last login", "Registered", "Devices", "Tags"});
    for (std::size_t i = 0; i < expected.size(); ++i) {
      auto want = expected_row(expected[i]);
      for (auto& cell : want) cell = guarded(cell);
      CHECK(rows[i + 1] == want);
    }
  }
  // The guarded tag cells really are there, and a CRLF survives inside a quoted field.
  auto first = parse_csv(client().get(kOrgApi + "/users/export.csv?sortBy=Name").body);
  CHECK(first[1][9].rfind("'=HYPERLINK(\"x\")", 0) == 0);
  CHECK(first[2][9].find("\r\n") != std::string::npos);
  CHECK(first[4][9].rfind("'-minus", 0) == 0);
}

TEST_CASE("users CSV: chosen columns, the org in the file name, errors and permissions") {
  auto [level2, child] = level2_and_child(client());
  (void)child;
  auto r = client().get(kOrgApi + "/users/export.csv?orgId=" + std::to_string(level2) +
                        "&columns=" + url_encode("Email,Last login"));
  REQUIRE(r.status == 200);
  CHECK(r.header("Content-Disposition").find("users-" + std::to_string(level2) + "-") != std::string::npos);
  auto rows = parse_csv(r.body);
  auto expected = all_rows(client(), kOrgApi + "/users?orgId=" + std::to_string(level2));
  REQUIRE(rows.size() == expected.size() + 1);
  CHECK(rows[0] == std::vector<std::string>{"Email", "Last login"});
  for (std::size_t i = 0; i < expected.size(); ++i)
    CHECK(rows[i + 1] == std::vector<std::string>{expected[i]["email"], iso(expected[i]["lastLoggedAt"])});
  CHECK(client().get(kOrgApi + "/users/export.csv?columns=Shoe%20size").status == 400);
  CHECK(client().get(kOrgApi + "/users/export.csv?sortBy=Height").status == 400);
  CHECK(client().get(kOrgApi + "/users/export.csv?orgId=99999").status == 404);
  auto staff = as_session(server(), "staff@roster.demo", "roster-demo");
  CHECK(staff.get(kOrgApi + "/users/export.csv").status == 403);
  // The export is recorded for the actor, with the count.
  auto me = as_session(server(), "admin@roster.demo", "roster-demo");
  auto csv = me.get(kOrgApi + "/users/export.csv?status=Pending");
  REQUIRE(csv.status == 200);
  const auto n = parse_csv(csv.body).size() - 1;
  auto log = me.get(kOrgApi + "/user/actions-log?userId=1&size=1");
  CHECK(log.json["content"][0]["actionCode"] == "USERS_EXPORTED");
  CHECK(log.json["content"][0]["client"] == "Web");
  CHECK(log.json["content"][0]["actionName"] == "Exported " + std::to_string(n) + " users to CSV");
}

TEST_CASE("users CSV of a selection: only userIds, or all but except, in the list's order") {
  auto expected = all_rows(client(), kOrgApi + "/users?sortBy=Email&sortOrder=DESC");
  REQUIRE(expected.size() > 10);
  const std::string picked = std::to_string(expected[7]["id"].get<std::int64_t>()) + "," +
                             std::to_string(expected[2]["id"].get<std::int64_t>());
  auto only = parse_csv(
      client()
          .get(kOrgApi + "/users/export.csv?sortBy=Email&sortOrder=DESC&columns=Email&userIds=" + url_encode(picked))
          .body);
  // The list's order, not the ids' order.
  CHECK(only == Rows{{"Email"}, {expected[2]["email"]}, {expected[7]["email"]}});
  auto rest = parse_csv(
      client()
          .get(kOrgApi + "/users/export.csv?sortBy=Email&sortOrder=DESC&columns=Email&except=" + url_encode(picked))
          .body);
  REQUIRE(rest.size() == expected.size() - 2 + 1);
  CHECK(rest[3][0] == expected[3]["email"]);  // rows 2 and 7 are gone: row 3 moved up one
  CHECK(rest[7][0] == expected[8]["email"]);
  CHECK(client().get(kOrgApi + "/users/export.csv?userIds=1,x").status == 400);
  CHECK(client().get(kOrgApi + "/users/export.csv?except=-4").status == 400);
}

TEST_CASE("actions log CSV: the log's entries in its order; Staff may export it, as it may read it") {
  const auto busy = db().info["busyUsers"][0].get<std::int64_t>();
  const std::string params = "userId=" + std::to_string(busy) + "&from=0";
  auto entries = all_rows(client(), kOrgApi + "/user/actions-log?" + params);
  REQUIRE(entries.size() > 1000);  // more than one of the export's pages
  auto staff = as_session(server(), "staff@roster.demo", "roster-demo");
  auto r = staff.get(kOrgApi + "/user/actions-log/export.csv?" + params);
  REQUIRE(r.status == 200);
  CHECK(r.header("Content-Disposition").rfind("attachment; filename=\"actions-log-" + std::to_string(busy) + "-", 0) ==
        0);
  auto rows = parse_csv(r.body);
  REQUIRE(rows.size() == entries.size() + 1);
  CHECK(rows[0] == std::vector<std::string>{"Time", "Organization", "Client", "Action Name", "Action Code"});
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    CHECK(rows[i + 1] == std::vector<std::string>{iso(e["ts"]), guarded(e["orgName"]), e["client"],
                                                  guarded(e["actionName"]), e["actionCode"]});
  }
  auto filtered = client().get(kOrgApi + "/user/actions-log/export.csv?" + params + "&client=Web&sortBy=Action%20Code");
  auto web = all_rows(client(), kOrgApi + "/user/actions-log?" + params + "&client=Web&sortBy=Action%20Code");
  CHECK(parse_csv(filtered.body).size() == web.size() + 1);
  CHECK(client().get(kOrgApi + "/user/actions-log/export.csv?userId=999999").status == 404);
  auto user = as_session(server(), "user@roster.demo", "roster-demo");
  CHECK(user.get(kOrgApi + "/user/actions-log/export.csv?userId=1").status == 404);
}
