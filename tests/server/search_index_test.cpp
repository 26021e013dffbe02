// User search served by the in-memory index: every query shape (one and two characters, all and no
// matches, Cyrillic and Greek, across the '@' of an address), every sortBy label in both directions,
// first and deep pages, the list filters, and the answers right after writes (edit, role change,
// invite, create, sign-in), each compared with a brute-force answer from the full user list. On a
// database of its own, since it writes.
#include "api_helpers.h"
#include "model/password_hash.h"
#include "model/utf8.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <set>

using namespace roster::test;
using nlohmann::json;

namespace {

const std::string kUsers = "/api/v1/organization/users";
const std::string kSearch = "/api/v1/organization/search/users";

const SeededDb& db() {
  static SeededDb d = seed_db("search-index", 800, 10, 23);
  return d;
}

ServerProcess& server() {
  static ServerProcess s(db().path);
  return s;
}

Caller admin() { return as_client(server(), db()); }

std::vector<json> all_users() {
  auto r = admin().get(kUsers + "?includeSubOrgUsers=true&size=1000");
  REQUIRE(r.status == 200);
  REQUIRE(r.json["totalElements"].get<std::size_t>() == r.json["content"].size());
  return r.json["content"].get<std::vector<json>>();
}

std::string role_name(int id) { return id == 1 ? "Admin" : id == 2 ? "Staff" : "User"; }

bool matches(const json& u, const std::string& query) {
  auto q = roster::utf8::to_lower(query);
  std::string fields[] = {u["name"], u["email"], role_name(u["roleId"]),
                          u["city"].get<std::string>() + ", " + u["country"].get<std::string>()};
  for (const auto& f : fields)
    if (roster::utf8::to_lower(f).find(q) != std::string::npos) return true;
  return false;
}

const char* const kLabels[] = {"User Id",           "Name",          "Email",   "Status",        "Role",
                               "Organization Name", "Devices Count", "Country", "Registered At", "Phone Number",
                               "Last Login"};

// -1, 0, 1 by the label's column(s), as SQLite's BINARY order of the stored values.
int compare(const json& a, const json& b, const std::string& label) {
  auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
  if (label == "Name")
    return cmp(roster::utf8::to_lower(a["name"].get<std::string>()),
               roster::utf8::to_lower(b["name"].get<std::string>()));
  if (label == "Email") return cmp(a["email"].get<std::string>(), b["email"].get<std::string>());
  if (label == "Status") return cmp(a["status"].get<std::string>(), b["status"].get<std::string>());
  if (label == "Role") return cmp(a["roleId"].get<int>(), b["roleId"].get<int>());
  if (label == "Organization Name") return cmp(a["orgName"].get<std::string>(), b["orgName"].get<std::string>());
  if (label == "Devices Count") return cmp(a["devicesCount"].get<int>(), b["devicesCount"].get<int>());
  if (label == "Country") {  // the country, then the city (the Location column)
    const int c = cmp(a["country"].get<std::string>(), b["country"].get<std::string>());
    return c != 0 ? c : cmp(a["city"].get<std::string>(), b["city"].get<std::string>());
  }
  if (label == "Last Login") {  // never signed in (0) after every time
    auto key = [](const json& u) {
      const auto t = u["lastLoggedAt"].get<std::int64_t>();
      return t > 0 ? t : INT64_MAX;
    };
    return cmp(key(a), key(b));
  }
  if (label == "Registered At")
    return cmp(a["registeredAt"].get<std::int64_t>(), b["registeredAt"].get<std::int64_t>());
  if (label == "Phone Number") return cmp(a.value("phoneNumber", std::string()), b.value("phoneNumber", std::string()));
  return 0;
}

// The ids of the matching users in the label's order (ties by id, in the same direction).
std::vector<std::int64_t> expected(const std::vector<json>& users, const std::string& query, const std::string& label,
                                   bool desc, const std::function<bool(const json&)>& keep = nullptr) {
  std::vector<json> hits;
  for (const auto& u : users)
    if ((query.empty() || matches(u, query)) && (!keep || keep(u))) hits.push_back(u);
  std::sort(hits.begin(), hits.end(), [&](const json& a, const json& b) {
    int c = compare(a, b, label);
    if (c == 0) c = a["id"].get<std::int64_t>() < b["id"].get<std::int64_t>() ? -1 : 1;
    return desc ? c > 0 : c < 0;
  });
  std::vector<std::int64_t> ids;
  for (const auto& u : hits) ids.push_back(u["id"]);
  return ids;
}

std::vector<std::int64_t> ids_of(const json& page) {
  std::vector<std::int64_t> ids;
  for (const auto& u : page["content"]) ids.push_back(u["id"]);
  return ids;
}

std::vector<std::int64_t> slice(const std::vector<std::int64_t>& all, std::size_t page, std::size_t size) {
  if (page * size >= all.size()) return {};
  return {all.begin() + static_cast<std::ptrdiff_t>(page * size),
          all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), (page + 1) * size))};
}

// Each query, each label in both directions (and no sortBy), pages 0 and 9 of 13 and one past the
// middle, against the brute-force order.
void check_queries(const std::vector<std::string>& queries) {
  const auto users = all_users();
  auto api = admin();
  for (const auto& q : queries) {
    for (const char* label : kLabels) {
      for (bool desc : {false, true}) {
        const auto want = expected(users, q, label, desc);
        for (std::size_t page : {std::size_t{0}, std::size_t{9}, want.size() / 26}) {
          const std::string sort = std::string(label) == "User Id" && !desc
                                       ? ""
                                       : "&sortBy=" + url_encode(label) + "&sortOrder=" + (desc ? "DESC" : "ASC");
          auto r = api.get(kSearch + "?size=13&page=" + std::to_string(page) + "&query=" + url_encode(q) + sort);
          REQUIRE_MESSAGE(r.status == 200, q);
          INFO("query '", q, "' by ", label, desc ? " DESC" : " ASC", " page ", page);
          CHECK(r.json["totalElements"].get<std::size_t>() == want.size());
          CHECK(ids_of(r.json) == slice(want, page, 13));
        }
      }
    }
  }
}

}  // namespace

TEST_CASE("search index: every query shape and sortBy label equals the brute-force answer") {
  check_queries({"a",   "о",       "an",    "ma",   "lo",      "jo",         "ол", "γι",
                 "@",   "example", "zzqx",  "qqq",  "8@ex",    "@example.c", "5@", "kyiv",
                 ", u", "staff",   "ADMIN", "ЛЕНА", "Γιώργος", "müller",     "e",  "."});
}

TEST_CASE("search index: filters and scope, with and without a query") {
  const auto users = all_users();
  auto api = admin();
  for (std::string q : {"a", "an", "@", "zzqx"}) {
    for (const char* label : {"Name", "Registered At"}) {
      auto check = [&](const std::string& params, const std::function<bool(const json&)>& keep) {
        const auto want = expected(users, q, label, false, keep);
        for (std::size_t page : {0, 3}) {
          auto r = api.get(kSearch + "?size=11&page=" + std::to_string(page) + "&query=" + url_encode(q) +
                           "&sortBy=" + url_encode(label) + params);
          REQUIRE(r.status == 200);
          INFO(q, " ", label, " ", params, " page ", page);
          CHECK(r.json["totalElements"].get<std::size_t>() == want.size());
          CHECK(ids_of(r.json) == slice(want, page, 11));
        }
      };
      check("&roleId=2", [](const json& u) { return u["roleId"] == 2; });
      check("&roleId=1,3", [](const json& u) { return u["roleId"] != 2; });
      check("&status=Active", [](const json& u) { return u["status"] == "Active"; });
      check("&status=Pending&status=Suspended",
            [](const json& u) { return u["status"] == "Pending" || u["status"] == "Suspended"; });
      check("&withNoDevices=true", [](const json& u) { return u["devicesCount"] == 0; });
      check("&withNoDevices=true&status=Active&roleId=3",
            [](const json& u) { return u["devicesCount"] == 0 && u["status"] == "Active" && u["roleId"] == 3; });
    }
  }
  // orgId narrows search the way it narrows the list.
  auto subs = api.get("/api/v1/organization/sub-organizations?orgId=1");
  REQUIRE(subs.status == 200);
  REQUIRE(!subs.json.empty());
  const int org = subs.json[0]["id"];
  for (const char* sub : {"false", "true"}) {
    auto list = api.get(kUsers + "?size=1000&orgId=" + std::to_string(org) + "&includeSubOrgUsers=" + sub);
    REQUIRE(list.status == 200);
    std::set<std::int64_t> in_scope;
    for (const auto& u : list.json["content"]) in_scope.insert(u["id"].get<std::int64_t>());
    for (std::string q : {"a", "an", "zzqx"}) {
      const auto want =
          expected(users, q, "Email", true, [&](const json& u) { return in_scope.count(u["id"].get<std::int64_t>()); });
      auto r = api.get(kSearch + "?size=1000&sortBy=Email&sortOrder=DESC&query=" + url_encode(q) +
                       "&orgId=" + std::to_string(org) + "&includeSubOrgUsers=" + sub);
      REQUIRE(r.status == 200);
      CHECK(ids_of(r.json) == want);
    }
  }
  // A plain User sees only themself.
  auto user = as_session(server(), "user@roster.demo", "roster-demo");
  auto r = user.get(kSearch + "?query=" + url_encode("@") + "&sortBy=Name");
  REQUIRE(r.status == 200);
  CHECK(r.json["totalElements"] == 1);
  CHECK(user.get(kSearch + "?query=zzqx").json["totalElements"] == 0);
}

TEST_CASE("search index: writes are seen by the next request, in every order") {
  auto api = admin();
  auto before = all_users();
  // An edit: found by its new name at once, no longer by its old one.
  const auto& victim = before[57];
  const std::int64_t id = victim["id"];
  const std::string old_name = victim["name"];
  auto edit = api.put("/api/v1/organization/user?userId=" + std::to_string(id),
                      R"({"name":"Ωmega Zyxwvu","phoneNumber":"+10000000001"})");
  REQUIRE_MESSAGE(edit.status == 200, edit.body);
  auto found = api.get(kSearch + "?query=zyxwvu&sortBy=Name");
  REQUIRE(found.status == 200);
  CHECK(ids_of(found.json) == std::vector<std::int64_t>{id});
  auto old = api.get(kSearch + "?size=1000&query=" + url_encode(old_name));
  for (auto other : ids_of(old.json)) CHECK(other != id);
  // A role change: the role's name is searched, and the Role order moves.
  REQUIRE(api.put("/api/v1/organization/users/role?userId=" + std::to_string(id) + "&roleId=1").status == 200);
  // An invitation and a created user who then signs in (Pending, then Active).
  json invite = {{"email", "qqinvited.person@example.org"}, {"name", "Quentin Invitee"}, {"roleId", 3}, {"orgId", 1}};
  auto inv = api.post("/api/v1/organization/users/invite", invite.dump());
  REQUIRE_MESSAGE(inv.status == 201, inv.body);
  CHECK(api.get(kSearch + "?query=qqinvited").json["totalElements"] == 1);
  json body = {{"email", "signs.in@example.org"},
               {"passwordHash", roster::blynk_password_hash("signs.in@example.org", "S3cret-pass")},
               {"name", "Аліна Вхід"},
               {"orgId", 1},
               {"roleId", 2}};
  auto created = api.post("/api/v1/organization/users/create-in-org", body.dump());
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const std::int64_t new_id = created.json["id"];
  auto pending = api.get(kSearch + "?query=" + url_encode("аліна в") + "&status=Pending");
  CHECK(ids_of(pending.json) == std::vector<std::int64_t>{new_id});
  as_session(server(), "signs.in@example.org", "S3cret-pass");
  CHECK(api.get(kSearch + "?query=" + url_encode("аліна в") + "&status=Pending").json["totalElements"] == 0);
  auto active = api.get(kSearch + "?query=" + url_encode("АЛІНА В") + "&status=Active");
  CHECK(ids_of(active.json) == std::vector<std::int64_t>{new_id});
  // Everything still equals the brute force, in every order.
  check_queries({"a", "an", "@", "zyxwvu", "admin", "example.org", "ω", "аліна"});
}
