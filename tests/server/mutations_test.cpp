// Changing users: role, invite, create, transfer, edit, and organization-tree isolation. These tests
// run on a database of their own so that the read-only suites see the seeded data unchanged.
#include "api_helpers.h"
#include "model/password_hash.h"

#include <doctest/doctest.h>

#include <chrono>
#include <set>
#include <thread>

using namespace roster::test;
using nlohmann::json;

namespace {

const SeededDb& db() {
  static SeededDb d = seed_db("mutations", 300, 12, 7);
  return d;
}

ServerProcess& server() {
  static ServerProcess s(db().path);
  return s;
}

Caller admin() { return as_client(server(), db()); }

// A level-2 organization (child of the root) and one of its children, from the tree endpoint.
std::pair<int, int> level2_and_child() {
  auto subs = admin().get("/api/v1/organization/sub-organizations?orgId=1");
  REQUIRE(subs.status == 200);
  for (const auto& org : subs.json) {
    auto kids = admin().get("/api/v1/organization/sub-organizations?orgId=" + std::to_string(org["id"].get<int>()));
    if (!kids.json.empty()) return {org["id"], kids.json[0]["id"]};
  }
  FAIL("no level-3 organization");
  return {0, 0};
}

json create_user(const std::string& email, const std::string& password, int org, int role) {
  json body = {{"email", email},       {"passwordHash", roster::blynk_password_hash(email, password)},
               {"name", "Ярина Test"}, {"orgId", org},
               {"roleId", role},       {"phoneNumber", "+380501112233"},
               {"tz", "Europe/Kyiv"}};
  auto r = admin().post("/api/v1/organization/users/create-in-org", body.dump());
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json;
}

}  // namespace

TEST_CASE("update role returns the detail with the new role, and search sees the new role") {
  auto r = admin().put("/api/v1/organization/users/role?userId=20&roleId=1");
  REQUIRE(r.status == 200);
  CHECK(r.json["roleId"] == 1);
  auto found = admin().get("/api/v1/organization/search/users?query=admin&size=1000");
  bool present = false;
  for (const auto& u : found.json["content"]) present = present || u["id"] == 20;
  CHECK(present);
  CHECK(admin().put("/api/v1/organization/users/role?userId=20&roleId=42").status == 404);
  CHECK(admin().put("/api/v1/organization/users/role?userId=999999&roleId=2").status == 404);
  CHECK(admin().put("/api/v1/organization/users/role?userId=20").status == 400);
}

TEST_CASE("invite: 201 Pending user; duplicates, bad fields and bad JSON are 400") {
  json body = {{"email", "new.person@example.org"}, {"name", "Zoë Ångström"}, {"roleId", 3}};
  auto r = admin().post("/api/v1/organization/users/invite", body.dump());
  REQUIRE(r.status == 201);
  CHECK(r.json["status"] == "Pending");
  CHECK(r.json["lastLoggedAt"] == 0);
  CHECK(r.json["orgId"] == 1);

  auto dup = admin().post("/api/v1/organization/users/invite",
                          json{{"email", "NEW.person@example.org"}, {"name", "X"}, {"roleId", 3}}.dump());
  CHECK(dup.status == 400);
  CHECK(dup.message() == "NEW.person@example.org is already in use");

  CHECK(admin().post("/api/v1/organization/users/invite", "{\"email\": ").status == 400);
  CHECK(admin().post("/api/v1/organization/users/invite", "[1,2]").status == 400);
  auto typed = admin().post("/api/v1/organization/users/invite", R"({"email":"a@b.co","name":"A","roleId":"3"})");
  CHECK(typed.status == 400);
  CHECK(typed.message().find("roleId") != std::string::npos);
  auto bad_name = admin().post("/api/v1/organization/users/invite", R"({"email":"a@b.co","name":"A1","roleId":3})");
  CHECK(bad_name.status == 400);
  CHECK(admin().post("/api/v1/organization/users/invite", R"({"email":"not-an-email","name":"A","roleId":3})").status ==
        400);
  CHECK(admin()
            .post("/api/v1/organization/users/invite", R"({"email":"q@b.co","name":"A","roleId":3})", {}, "text/plain")
            .status == 400);
  auto huge = admin().post("/api/v1/organization/users/invite",
                           json{{"email", "h@b.co"}, {"name", std::string(1'000'000, 'a')}, {"roleId", 3}}.dump());
  CHECK(huge.status == 400);
  auto too_big = admin().post("/api/v1/organization/users/invite",
                              json{{"email", "h@b.co"}, {"name", std::string(3'000'000, 'a')}, {"roleId", 3}}.dump());
  CHECK(too_big.status == 413);
}

TEST_CASE("invite: at most 25 a day per organization") {
  auto [level2, child] = level2_and_child();
  (void)child;
  int created = 0, limited = 0;
  for (int i = 0; i < 27; ++i) {
    json body = {{"email", "batch" + std::to_string(i) + "@example.org"},
                 {"name", "Batch Person"},
                 {"roleId", 3},
                 {"orgId", level2}};
    auto r = admin().post("/api/v1/organization/users/invite", body.dump());
    if (r.status == 201) ++created;
    if (r.status == 429) ++limited;
  }
  CHECK(created == 25);
  CHECK(limited == 2);
}

TEST_CASE("create in organization: the user can then sign in with that password") {
  auto [level2, child] = level2_and_child();
  (void)level2;
  auto user = create_user("created.one@example.org", "S3cret-pass", child, 3);
  CHECK(user["orgId"] == child);
  auto session = as_session(server(), "created.one@example.org", "S3cret-pass");
  auto me = session.get("/api/v1/organization/user?userId=" + std::to_string(user["id"].get<std::int64_t>()));
  CHECK(me.status == 200);
  CHECK(me.json["status"] == "Active");  // signing in activates
  auto bad = admin().post(
      "/api/v1/organization/users/create-in-org",
      json{{"email", "x@y.co"}, {"passwordHash", "short"}, {"name", "X"}, {"orgId", 1}, {"roleId", 3}}.dump());
  CHECK(bad.status == 400);
}

TEST_CASE("organization tree isolation: a sub-organization admin sees only their subtree") {
  auto [level2, child] = level2_and_child();
  create_user("sub.admin@example.org", "Sub-admin-1", level2, 1);
  auto sub = as_session(server(), "sub.admin@example.org", "Sub-admin-1");

  auto users = sub.get("/api/v1/organization/users?includeSubOrgUsers=true&size=1000");
  REQUIRE(users.status == 200);
  std::set<int> subtree = {level2};
  for (const auto& org : admin().get("/api/v1/organization/sub-organizations?orgId=" + std::to_string(level2)).json)
    subtree.insert(org["id"].get<int>());
  CHECK(subtree.count(child) == 1);
  for (const auto& u : users.json["content"]) CHECK(subtree.count(u["orgId"].get<int>()) == 1);
  auto all = admin().get("/api/v1/organization/users?includeSubOrgUsers=true&size=1");
  CHECK(users.json["totalElements"].get<int>() < all.json["totalElements"].get<int>());

  // The root's users are invisible, with the same message as a missing id.
  auto root_user = sub.get("/api/v1/organization/user?userId=1");
  CHECK(root_user.status == 404);
  CHECK(root_user.message() == "User with identifier 1 is not found or belong to another organization.");
  CHECK(sub.get("/api/v1/organization?orgId=1").status == 404);
  CHECK(sub.get("/api/v1/organization?orgId=1").message() == sub.get("/api/v1/organization?orgId=99999").message());
  CHECK(sub.get("/api/v1/organization/users?orgId=1").status == 404);
  CHECK(sub.get("/api/v1/organization/user/actions-log?userId=1").status == 404);
  CHECK(sub.put("/api/v1/organization/users/role?userId=1&roleId=3").status == 404);
  auto search = sub.get("/api/v1/organization/search/users?query=roster.demo");
  for (const auto& u : search.json["content"]) CHECK(u["orgId"] != 1);
  CHECK(sub.get("/api/v1/organization/profile").json["id"] == level2);
}

TEST_CASE("roles: Staff views but cannot change; a User sees only themself") {
  auto staff = as_session(server(), "staff@roster.demo", "roster-demo");
  CHECK(staff.get("/api/v1/organization/users?includeSubOrgUsers=true").status == 200);
  CHECK(staff.put("/api/v1/organization/users/role?userId=30&roleId=2").status == 403);
  CHECK(staff.post("/api/v1/organization/users/invite", R"({"email":"s@b.co","name":"S","roleId":3})").status == 403);

  auto user = as_session(server(), "user@roster.demo", "roster-demo");
  auto list = user.get("/api/v1/organization/users?includeSubOrgUsers=true&size=1000");
  REQUIRE(list.status == 200);
  CHECK(list.json["totalElements"] == 1);
  CHECK(list.json["content"][0]["email"] == "user@roster.demo");
  CHECK(user.get("/api/v1/organization/search/users?query=a").json["totalElements"].get<int>() <= 1);
  CHECK(user.get("/api/v1/organization/user?userId=1").status == 404);
  auto devices = user.get("/api/v1/organization/devices?size=1000");
  REQUIRE(devices.status == 200);
  CHECK(devices.json["totalElements"] == 3);
  for (const auto& d : devices.json["content"]) {
    CHECK(d["ownerUserId"] == 3);
    CHECK(d["token"].get<std::string>().find("\xE2\x80\xA6") != std::string::npos);  // masked
  }
  // A user edits their own profile but not their tags, and nobody else.
  CHECK(user.put("/api/v1/organization/user?userId=3", R"({"nickName":"lukasz-n"})").status == 200);
  CHECK(user.put("/api/v1/organization/user?userId=3", R"({"tags":[]})").status == 403);
  CHECK(user.put("/api/v1/organization/user?userId=1", R"({"nickName":"x"})").status == 404);
}

TEST_CASE("transfer moves the user (and their devices) inside the hierarchy") {
  auto [level2, child] = level2_and_child();
  auto r = admin().post("/api/v1/organization/users/transfer",
                        json{{"userId", 40}, {"targetOrgId", child}, {"roleId", 2}}.dump());
  REQUIRE(r.status == 201);
  CHECK(r.json["orgId"] == child);
  CHECK(r.json["roleId"] == 2);
  auto devices = admin().get("/api/v1/organization/device/by-owner?ownerEmail=" + url_encode(r.json["email"]));
  for (const auto& d : devices.json["content"]) CHECK(d["orgId"] == child);
  CHECK(admin()
            .post("/api/v1/organization/users/transfer",
                  json{{"userId", 40}, {"targetOrgId", 99999}, {"roleId", 2}}.dump())
            .status == 404);
  CHECK(admin().post("/api/v1/organization/users/transfer", R"({"userId":40})").status == 400);
  (void)level2;
}

TEST_CASE("edit user: validated fields, search follows the new name, email never changes") {
  auto r = admin().put("/api/v1/organization/user?userId=50",
                       R"({"name":"Ксенія Квітка","phoneNumber":"+4915112345678","tz":"Europe/Berlin"})");
  REQUIRE(r.status == 200);
  CHECK(r.json["name"] == "Ксенія Квітка");
  CHECK(r.json["tz"] == "Europe/Berlin");
  auto found = admin().get("/api/v1/organization/search/users?query=" + url_encode("КВІТКА"));
  REQUIRE(found.json["totalElements"] == 1);
  CHECK(found.json["content"][0]["id"] == 50);

  CHECK(admin().put("/api/v1/organization/user?userId=50", R"({"email":"x@y.co"})").status == 400);
  CHECK(admin().put("/api/v1/organization/user?userId=50", R"({"favouriteColour":"red"})").status == 400);
  auto long_phone = admin().put("/api/v1/organization/user?userId=50", R"({"phoneNumber":"+1234567890123456"})");
  CHECK(long_phone.status == 400);
  // The server never chooses a language: the model's catalog words it writes are English.
  CHECK(long_phone.message() == "Phone number must have at most 15 digits.");
  CHECK(admin().put("/api/v1/organization/user?userId=50", R"({"tz":"Mars/Base"})").status == 400);
  CHECK(admin().put("/api/v1/organization/user?userId=50", R"({"name":42})").status == 400);
  auto many_tags = admin().put("/api/v1/organization/user?userId=50", R"({"tags":[1,2,3,4,5,6]})");
  CHECK(many_tags.status == 400);
  CHECK(many_tags.message() == "A user can have at most 5 tags.");
  auto org = admin().get("/api/v1/organization/user?userId=50").json["orgId"].get<int>();
  auto tags = admin().get("/api/v1/organization/tags?orgId=" + std::to_string(org)).json;
  REQUIRE(tags.size() == 5);
  auto tagged =
      admin().put("/api/v1/organization/user?userId=50", json{{"tags", {tags[0]["id"], tags[1]["id"]}}}.dump());
  REQUIRE(tagged.status == 200);
  CHECK(tagged.json["tags"].size() == 2);
  CHECK(tagged.json["tags"][0]["name"] == tags[0]["name"]);
  // Nothing was lost by the refused edits.
  CHECK(admin().get("/api/v1/organization/user?userId=50").json["name"] == "Ксенія Квітка");
}

TEST_CASE(
    "a first sign-in makes a Pending user Active at once in counts and status order; later ones change nothing "
    "cached") {
  auto [org, child] = level2_and_child();
  (void)child;
  auto created = create_user("first.signin@example.com", "first-pass-1", org, 3);
  auto id = created["id"].get<std::int64_t>();
  CHECK(created["status"] == "Pending");
  const std::string pending = "/api/v1/organization/users?includeSubOrgUsers=true&size=1&status=Pending";
  const std::string active = "/api/v1/organization/users?includeSubOrgUsers=true&size=1&status=Active";
  const std::string by_status = "/api/v1/organization/search/users?query=first.signin&sortBy=Status&size=5";
  auto pending_before = admin().get(pending).json["totalElements"].get<std::int64_t>();
  auto active_before = admin().get(active).json["totalElements"].get<std::int64_t>();
  admin().get(by_status);  // the Status order is now built and cached

  as_session(server(), "first.signin@example.com", "first-pass-1");
  CHECK(admin().get(pending).json["totalElements"] == pending_before - 1);  // cached counts were dropped
  CHECK(admin().get(active).json["totalElements"] == active_before + 1);
  auto info = admin().get("/api/v1/organization/user?userId=" + std::to_string(id));
  CHECK(info.json["status"] == "Active");
  auto first_login = info.json["lastLoggedAt"].get<std::int64_t>();

  // Signing in again: the last login moves, the counts stay right.
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  as_session(server(), "first.signin@example.com", "first-pass-1");
  CHECK(admin().get(active).json["totalElements"] == active_before + 1);
  CHECK(admin().get("/api/v1/organization/user?userId=" + std::to_string(id)).json["lastLoggedAt"].get<std::int64_t>() >
        first_login);
  auto sorted = admin().get(by_status);
  REQUIRE(sorted.json["content"].size() == 1);
  CHECK(sorted.json["content"][0]["status"] == "Active");
}
