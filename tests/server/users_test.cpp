// Users list and search: scope, paging, sorting, filters and substring search checked against a
// brute-force answer computed from the full list.
#include "api_helpers.h"
#include "model/utf8.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

using namespace roster::test;
using nlohmann::json;

namespace {

const std::string kUsers = "/api/v1/organization/users";
const std::string kSearch = "/api/v1/organization/search/users";

// Every user in the tree, from the list endpoint (600 fit in one page of 1000).
const std::vector<json>& all_users() {
  static std::vector<json> users = [] {
    auto r = as_client(shared_server(), shared_db()).get(kUsers + "?includeSubOrgUsers=true&size=1000");
    REQUIRE(r.status == 200);
    return r.json["content"].get<std::vector<json>>();
  }();
  return users;
}

std::string role_name(int id) { return id == 1 ? "Admin" : id == 2 ? "Staff" : "User"; }

// What the contract says search finds: the query as a case-insensitive substring of the name, email,
// role name or location.
std::set<std::int64_t> expected_matches(const std::string& query) {
  std::set<std::int64_t> ids;
  auto q = roster::utf8::to_lower(query);
  for (const auto& u : all_users()) {
    std::string fields[] = {u["name"], u["email"], role_name(u["roleId"]),
                            u["city"].get<std::string>() + ", " + u["country"].get<std::string>()};
    for (const auto& f : fields)
      if (roster::utf8::to_lower(f).find(q) != std::string::npos) ids.insert(u["id"].get<std::int64_t>());
  }
  return ids;
}

std::set<std::int64_t> ids_of(const json& page) {
  std::set<std::int64_t> ids;
  for (const auto& u : page["content"]) ids.insert(u["id"].get<std::int64_t>());
  return ids;
}

}  // namespace

TEST_CASE("get all users: own organization by default, the whole tree with includeSubOrgUsers") {
  auto api = as_client(shared_server(), shared_db());
  auto own = api.get(kUsers + "?size=1000");
  REQUIRE(own.status == 200);
  CHECK(own.json["totalElements"].get<int>() == static_cast<int>(own.json["content"].size()));
  for (const auto& u : own.json["content"]) CHECK(u["orgId"] == 1);
  CHECK(all_users().size() == 600);
  CHECK(own.json["totalElements"].get<int>() < 600);
  std::set<int> orgs;
  for (const auto& u : all_users()) orgs.insert(u["orgId"].get<int>());
  CHECK(orgs.size() == 12);
}

TEST_CASE("list items carry the public summary and the extension columns") {
  const auto& u = all_users().front();
  for (const char* key : {"id", "name", "email", "roleId", "orgId", "isDev", "status", "lastLoggedAt", "registeredAt",
                          "orgName", "country", "city", "tags", "devicesCount", "phoneNumber", "nickName"})
    CHECK_MESSAGE(u.contains(key), key);
}

TEST_CASE("paging: ranges are enforced, pages tile the list without overlap") {
  auto api = as_client(shared_server(), shared_db());
  for (const char* bad : {"size=0", "size=1001", "page=-1", "size=abc", "page=1.5", "size="}) {
    auto r = api.get(kUsers + "?" + bad);
    CHECK_MESSAGE(r.status == 400, bad);
    CHECK_FALSE(r.message().empty());
  }
  CHECK(api.get(kUsers + "?size=1000").status == 200);
  CHECK(api.get(kUsers + "?size=1").json["content"].size() == 1);
  // Default size is 50.
  CHECK(api.get(kUsers + "?includeSubOrgUsers=true").json["content"].size() == 50);
  std::set<std::int64_t> seen;
  std::int64_t total = 0;
  for (int page = 0; page < 7; ++page) {
    auto r = api.get(kUsers + "?includeSubOrgUsers=true&size=97&sortBy=Name&page=" + std::to_string(page));
    REQUIRE(r.status == 200);
    total = r.json["totalElements"];
    for (const auto& u : r.json["content"]) CHECK(seen.insert(u["id"].get<std::int64_t>()).second);
  }
  CHECK(total == 600);
  CHECK(seen.size() == 600);
  // Past the end: an empty page, the same total.
  auto past = api.get(kUsers + "?includeSubOrgUsers=true&size=100&page=9");
  CHECK(past.json["content"].empty());
  CHECK(past.json["totalElements"] == 600);
}

TEST_CASE("sortBy labels order the rows; unknown labels and orders are refused") {
  auto api = as_client(shared_server(), shared_db());
  auto by_name = api.get(kUsers + "?includeSubOrgUsers=true&size=1000&sortBy=Name");
  REQUIRE(by_name.status == 200);
  std::vector<std::string> names;
  for (const auto& u : by_name.json["content"]) names.push_back(roster::utf8::to_lower(u["name"].get<std::string>()));
  CHECK(std::is_sorted(names.begin(), names.end()));

  auto by_reg = api.get(kUsers + "?includeSubOrgUsers=true&size=1000&sortBy=Registered%20At&sortOrder=DESC");
  std::vector<std::int64_t> times;
  for (const auto& u : by_reg.json["content"]) times.push_back(u["registeredAt"]);
  CHECK(std::is_sorted(times.rbegin(), times.rend()));

  for (const char* label :
       {"User%20Id", "Email", "Status", "Role", "Organization%20Name", "Devices%20Count", "Country", "Phone%20Number"})
    CHECK_MESSAGE(api.get(kSearch + "?query=a&sortBy=" + label).status == 200, label);
  auto unknown = api.get(kSearch + "?query=a&sortBy=Shoe%20Size");
  CHECK(unknown.status == 400);
  CHECK(unknown.message().find("Registered At") != std::string::npos);
  CHECK(api.get(kSearch + "?query=a&sortOrder=UP").status == 400);
}

TEST_CASE("search equals the brute-force substring answer, in every script and case") {
  auto api = as_client(shared_server(), shared_db());
  for (std::string q : {"olena", "ОЛЕНА", "олена", "Γιώργος", "γιώργος", "ŁUKASZ", "müller", "kyiv", "admin", "staff",
                        "@example.com", "united states", "ko", "a", "zzqx"}) {
    auto r = api.get(kSearch + "?query=" + url_encode(q) + "&size=1000");
    REQUIRE_MESSAGE(r.status == 200, q);
    auto expected = expected_matches(q);
    CHECK_MESSAGE(ids_of(r.json) == expected, q);
    CHECK_MESSAGE(r.json["totalElements"].get<std::size_t>() == expected.size(), q);
  }
}

TEST_CASE("search validates its query") {
  auto api = as_client(shared_server(), shared_db());
  CHECK(api.get(kSearch).status == 400);
  CHECK(api.get(kSearch + "?query=").status == 400);
  CHECK(api.get(kSearch + "?query=" + std::string(255, 'q')).status == 200);
  auto long_query = api.get(kSearch + "?query=" + std::string(256, 'q'));
  CHECK(long_query.status == 400);
  CHECK(long_query.message().find("255") != std::string::npos);
  CHECK(api.get(kSearch + "?query=%FF%FE").status == 400);  // not UTF-8
  auto nul = api.get(kSearch + "?query=ann%00%00x");        // found by fuzzing: was a 500 from the FTS parser
  CHECK(nul.status == 400);
  CHECK(nul.message() == "Query must not contain control characters.");
}

TEST_CASE("SQL and FTS metacharacters in every string parameter are data, not syntax") {
  auto api = as_client(shared_server(), shared_db());
  for (std::string q : {"' OR 1=1 --", "\"", "\"\"", "%", "_", "*", "a*", "NEAR(a b)", "name:olena", "(", ")", "^",
                        "'; DROP TABLE users; --", "\\", "a\"b"}) {
    auto r = api.get(kSearch + "?query=" + url_encode(q) + "&size=1000");
    REQUIRE_MESSAGE(r.status == 200, q);
    CHECK_MESSAGE(ids_of(r.json) == expected_matches(q), q);
  }
  for (std::string p : {"sortBy=Name'--", "status=Active'--", "roleId=1%20OR%20true", "orgId=1;DROP", "sortOrder=ASC;"})
    CHECK_MESSAGE(api.get(kSearch + "?query=a&" + p).status == 400, p);
  auto log = api.get("/api/v1/organization/user/actions-log?userId=1&query=" + url_encode("' OR 1=1 --"));
  CHECK(log.status == 200);
  CHECK(log.json["totalElements"] == 0);
  CHECK(api.get("/api/v1/organization/search/devices?query=" + url_encode("%' --")).status == 200);
  CHECK(api.get("/api/v1/organization/device/by-owner?ownerEmail=" + url_encode("' OR ''='")).status == 404);
  // The table is still there.
  CHECK(api.get(kUsers + "?includeSubOrgUsers=true").json["totalElements"] == 600);
}

TEST_CASE("filters: roles, statuses, no devices; unknown values are refused") {
  auto api = as_client(shared_server(), shared_db());
  auto admins = api.get(kUsers + "?includeSubOrgUsers=true&size=1000&roleId=1");
  REQUIRE(admins.status == 200);
  CHECK(admins.json["totalElements"].get<int>() > 0);
  for (const auto& u : admins.json["content"]) CHECK(u["roleId"] == 1);

  auto two = api.get(kUsers + "?includeSubOrgUsers=true&size=1000&status=Pending&status=Suspended");
  std::size_t expected = 0;
  for (const auto& u : all_users()) expected += u["status"] == "Pending" || u["status"] == "Suspended";
  CHECK(two.json["totalElements"].get<std::size_t>() == expected);
  CHECK(api.get(kUsers + "?includeSubOrgUsers=true&size=1000&status=Pending,Suspended").json["totalElements"] ==
        two.json["totalElements"]);

  auto none = api.get(kSearch + "?query=e&size=1000&withNoDevices=true&roleId=3");
  CHECK(none.json["totalElements"].get<int>() > 0);
  for (const auto& u : none.json["content"]) {
    CHECK(u["devicesCount"] == 0);
    CHECK(u["roleId"] == 3);
  }
  CHECK(api.get(kUsers + "?roleId=99").status == 400);
  CHECK(api.get(kUsers + "?status=Sleeping").status == 400);
  CHECK(api.get(kUsers + "?withNoDevices=maybe").status == 400);
}

TEST_CASE("statuses follow their definitions in the seeded data") {
  std::map<std::string, int> counts;
  for (const auto& u : all_users()) {
    counts[u["status"]]++;
    if (u["status"] == "Pending") CHECK(u["lastLoggedAt"] == 0);
    if (u["status"] == "Active") CHECK(u["lastLoggedAt"].get<std::int64_t>() > 0);
  }
  CHECK(counts.size() == 4);
  CHECK(counts["Active"] > counts["Inactive"]);
  CHECK(counts["Inactive"] > counts["Suspended"]);
}

TEST_CASE("get user info: detail fields, and one 404 message for absent and foreign ids") {
  auto api = as_client(shared_server(), shared_db());
  auto r = api.get("/api/v1/organization/user?userId=1");
  REQUIRE(r.status == 200);
  for (const char* key :
       {"title", "nickName", "phoneNumber", "tz", "locale", "status", "lastModifiedTs", "lastLoggedAt", "registeredAt"})
    CHECK_MESSAGE(r.json.contains(key), key);
  auto missing = api.get("/api/v1/organization/user?userId=999999");
  CHECK(missing.status == 404);
  CHECK(missing.message() == "User with identifier 999999 is not found or belong to another organization.");
  CHECK(api.get("/api/v1/organization/user").status == 400);
  CHECK(api.get("/api/v1/organization/user?userId=abc").status == 400);
}

TEST_CASE("--public-api-only: plain summaries, no extension routes, extension filters ignored") {
  ServerProcess server(shared_db().path, {"--public-api-only"});
  auto c = as_client(server, shared_db());
  auto list = c.get(kUsers + "?includeSubOrgUsers=true&size=5");
  REQUIRE(list.status == 200);
  REQUIRE(list.json["content"].size() == 5);
  for (const auto& u : list.json["content"]) {
    std::set<std::string> keys;
    for (const auto& [k, v] : u.items()) keys.insert(k);
    CHECK(keys == std::set<std::string>{"id", "name", "email", "roleId", "orgId", "isDev"});
  }
  auto all = c.get(kUsers + "?includeSubOrgUsers=true&size=1").json["totalElements"];
  CHECK(c.get(kUsers + "?includeSubOrgUsers=true&size=1&status=Suspended&withNoDevices=true").json["totalElements"] ==
        all);
  CHECK(c.get(kSearch + "?query=a&size=3").json["content"][0].count("orgName") == 0);
  CHECK(c.get("/api/v1/organization/roles").status == 404);
  auto id = list.json["content"][0]["id"].get<std::int64_t>();
  CHECK(c.get("/api/v1/organization/user/actions-log?userId=" + std::to_string(id)).status == 404);
  CHECK(c.put("/api/v1/organization/user?userId=" + std::to_string(id), R"({"name":"X"})").status == 404);
  // "Get user info" is public: the detail the console fills rows from.
  auto info = c.get("/api/v1/organization/user?userId=" + std::to_string(id));
  REQUIRE(info.status == 200);
  CHECK(info.json.contains("status"));
  CHECK(info.json.contains("lastLoggedAt"));
  CHECK_FALSE(info.json.contains("orgName"));
  CHECK_FALSE(info.json.contains("devicesCount"));
}
