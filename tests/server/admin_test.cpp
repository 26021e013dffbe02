// Administration (contract section 7) over real HTTP, one user at a time: who may call (Admin only;
// another tree's user is the 404 of "Get user info"), the rules (self, last Admin, five tags, tags of
// the user's organisation), If-Match and 412, suspend ending sessions and refusing sign-in in words,
// delete leaving devices without an owner, tags, Last Login and notSignedInForDays, and the actor's
// actions-log entries. A database of its own: these tests change users.
#include "admin_helpers.h"
#include "sql_edit.h"

#include <doctest/doctest.h>

#include <set>

using namespace roster::test;
using nlohmann::json;

namespace {

const SeededDb& db() {
  static SeededDb d = seed_db("admin", 300, 10, 23);
  return d;
}

ServerProcess& server() {
  static ServerProcess s(db().path);
  return s;
}

Caller client() { return as_client(server(), db()); }
Caller admin_session() { return as_session(server(), "admin@roster.demo", "roster-demo"); }

std::string user_path(const std::string& path, std::int64_t id) {
  return kOrgApi + path + "?userId=" + std::to_string(id);
}

// A fresh User of the root organisation with a password, for changing.
std::int64_t fresh_user(const std::string& email, int role = 3, int org = 1) {
  return create_user(client(), email, "Pass-word-1", org, role)["id"].get<std::int64_t>();
}

// The newest entries of the actions log that a user id wrote (0: the OAuth client's).
std::vector<std::vector<std::string>> log_of(std::int64_t actor, int limit = 5) {
  return query_rows(db().path, "SELECT client, action_code, action_name FROM actions_log WHERE user_id = " +
                                   std::to_string(actor) + " ORDER BY id DESC LIMIT " + std::to_string(limit));
}

}  // namespace

TEST_CASE("authorization: every section 7 call is 403 for Staff, User and a kiosk token") {
  const auto target = fresh_user("matrix.target@example.org");
  auto staff = as_session(server(), "staff@roster.demo", "roster-demo");
  auto user = as_session(server(), "user@roster.demo", "roster-demo");
  Caller kiosk(server(), "Bearer " + issue_kiosk_token(db(), 1));
  const std::string bulk = json{{"action", "suspend"}, {"selection", {{"userIds", {target}}}}}.dump();
  for (const Caller* who : {&staff, &user, &kiosk}) {
    CHECK(who->post(user_path("/user/suspend", target), "").status == 403);
    CHECK(who->post(user_path("/user/reactivate", target), "").status == 403);
    CHECK(who->post(user_path("/user/logout", target), "").status == 403);
    CHECK(who->post(user_path("/users/invite/resend", target), "").status == 403);
    CHECK(who->del(user_path("/user", target)).status == 403);
    CHECK(who->post(kOrgApi + "/tags?orgId=1", json{{"name", "Nope"}, {"color", "#000000"}}.dump()).status == 403);
    CHECK(who->post(kOrgApi + "/users/bulk", bulk).status == 403);
    CHECK(who->get(kOrgApi + "/users/export.csv").status == 403);
  }
  // Nothing happened to the target.
  CHECK(client().get(user_path("/user", target)).json["status"] == "Pending");
}

TEST_CASE("authorization: another tree's user is the 404 of Get user info for every call") {
  auto [level2, child] = level2_and_child(client());
  (void)child;
  create_user(client(), "tree.admin@example.org", "Tree-admin-1", level2, 1);
  auto sub = as_session(server(), "tree.admin@example.org", "Tree-admin-1");
  const std::string words = "User with identifier 2 is not found or belong to another organization.";
  for (const auto& r : {sub.post(user_path("/user/suspend", 2), ""), sub.post(user_path("/user/reactivate", 2), ""),
                        sub.post(user_path("/user/logout", 2), ""), sub.post(user_path("/users/invite/resend", 2), ""),
                        sub.del(user_path("/user", 2)), sub.put(user_path("/user", 2), json{{"name", "X"}}.dump())}) {
    CHECK(r.status == 404);
    CHECK(r.message() == words);
  }
  auto bulk = sub.post(kOrgApi + "/users/bulk", json{{"action", "suspend"}, {"selection", {{"userIds", {2}}}}}.dump());
  REQUIRE(bulk.status == 200);
  CHECK(bulk.json["changed"] == 0);
  REQUIRE(bulk.json["failed"].size() == 1);
  CHECK(bulk.json["failed"][0]["message"] == words);
  CHECK(client().get(user_path("/user", 2)).json["status"] == "Active");
  CHECK(sub.post(kOrgApi + "/tags?orgId=1", json{{"name", "Theirs"}, {"color", "#000000"}}.dump()).status == 404);
}

TEST_CASE("rules: an admin cannot suspend, delete, demote or end the sessions of themselves") {
  auto me = admin_session();
  for (const auto& r : {me.post(user_path("/user/suspend", 1), ""), me.del(user_path("/user", 1)),
                        me.post(user_path("/user/logout", 1), ""), me.put(kOrgApi + "/users/role?userId=1&roleId=2")}) {
    CHECK(r.status == 400);
    CHECK(!r.message().empty());
  }
  auto self = client().get(user_path("/user", 1));
  CHECK(self.json["status"] == "Active");
  CHECK(self.json["roleId"] == 1);
  CHECK(me.get(kOrgApi + "/user?userId=1").status == 200);  // the session still works
}

TEST_CASE("rules: the last Admin of an organization cannot be demoted, suspended or deleted") {
  auto [level2, child] = level2_and_child(client());
  (void)level2;
  // Make one Admin the only one of the child organisation.
  const auto keeper = fresh_user("last.admin@example.org", 1, child);
  for (const auto& u : all_rows(client(), kOrgApi + "/users?orgId=" + std::to_string(child) + "&roleId=1"))
    if (u["id"].get<std::int64_t>() != keeper)
      REQUIRE(client()
                  .put(kOrgApi + "/users/role?userId=" + std::to_string(u["id"].get<std::int64_t>()) + "&roleId=2")
                  .status == 200);
  for (const auto& r :
       {client().put(kOrgApi + "/users/role?userId=" + std::to_string(keeper) + "&roleId=3"),
        client().post(user_path("/user/suspend", keeper), ""), client().del(user_path("/user", keeper))}) {
    CHECK(r.status == 400);
    CHECK(r.message().find("last Admin") != std::string::npos);
  }
  // With a second Admin, the first may go.
  fresh_user("second.admin@example.org", 1, child);
  CHECK(client().post(user_path("/user/suspend", keeper), "").status == 200);
}

TEST_CASE("rules: at most 5 tags, and only the tags of the user's own organization") {
  const auto id = fresh_user("tagged.person@example.org");
  std::vector<int> tags;
  for (int i = 0; i < 6; ++i) {
    auto t = client().post(kOrgApi + "/tags?orgId=1",
                           json{{"name", "Rule tag " + std::to_string(i)}, {"color", "#10A0F0"}}.dump());
    REQUIRE(t.status == 201);
    tags.push_back(t.json["id"]);
  }
  auto six = client().put(user_path("/user", id), json{{"tags", tags}}.dump());
  CHECK(six.status == 400);
  auto five =
      client().put(user_path("/user", id), json{{"tags", std::vector<int>(tags.begin(), tags.begin() + 5)}}.dump());
  CHECK(five.status == 200);
  CHECK(five.json["tags"].size() == 5);
  auto [level2, child] = level2_and_child(client());
  (void)child;
  auto other = client().post(kOrgApi + "/tags?orgId=" + std::to_string(level2),
                             json{{"name", "Elsewhere"}, {"color", "#000000"}}.dump());
  REQUIRE(other.status == 201);
  CHECK(client().put(user_path("/user", id), json{{"tags", {other.json["id"]}}}.dump()).status == 400);
  // Tag names are unique per organisation, whatever the case; the same name elsewhere is fine.
  CHECK(client().post(kOrgApi + "/tags?orgId=1", json{{"name", "rule TAG 0"}, {"color", "#000000"}}.dump()).status ==
        400);
  auto tags_of_root = client().get(kOrgApi + "/tags?orgId=1");
  bool listed = false;
  for (const auto& t : tags_of_root.json) listed = listed || t["id"] == tags[0];
  CHECK(listed);
}

TEST_CASE("If-Match: the detail's ETag, weak or strong, writes; a stale one is 412 and writes nothing") {
  const auto id = fresh_user("etag.person@example.org");
  auto detail = client().get(user_path("/user", id));
  const std::string weak = detail.header("ETag");
  REQUIRE(weak.rfind("W/\"", 0) == 0);
  auto changed =
      client().put(kOrgApi + "/users/role?userId=" + std::to_string(id) + "&roleId=2", "", {{"If-Match", weak}});
  REQUIRE(changed.status == 200);
  CHECK(changed.json["roleId"] == 2);
  // The old tag again: 412, nothing written, for every call that takes If-Match.
  for (const auto& r :
       {client().put(kOrgApi + "/users/role?userId=" + std::to_string(id) + "&roleId=3", "", {{"If-Match", weak}}),
        client().put(user_path("/user", id), json{{"name", "Stale Write"}}.dump(), {{"If-Match", weak}}),
        client().post(user_path("/user/suspend", id), "", {{"If-Match", weak}}),
        client().post(user_path("/user/reactivate", id), "", {{"If-Match", weak}}),
        client().del(user_path("/user", id), {{"If-Match", weak}})}) {
    CHECK(r.status == 412);
  }
  auto now = client().get(user_path("/user", id));
  CHECK(now.json["roleId"] == 2);
  CHECK(now.json["name"] == "Test Person");
  CHECK(now.json["status"] == "Pending");
  // The current tag in its strong form (without W/) is accepted too.
  const std::string strong = now.header("ETag").substr(2);
  CHECK(client().put(user_path("/user", id), json{{"name", "Fresh Write"}}.dump(), {{"If-Match", strong}}).status ==
        200);
  // 412 comes before a rule's 400: suspending oneself with a stale tag.
  auto me = admin_session();
  auto mine = me.get(user_path("/user", 1)).header("ETag");
  me.put(user_path("/user", 1), json{{"nickName", "olena2"}}.dump());
  CHECK(me.post(user_path("/user/suspend", 1), "", {{"If-Match", mine}}).status == 412);
}

TEST_CASE("suspend: the user's session ends at once, sign-in is refused in words; reactivate restores it") {
  const auto id = fresh_user("suspend.me@example.org");
  auto victim = as_session(server(), "suspend.me@example.org", "Pass-word-1");
  auto victim2 = as_session(server(), "suspend.me@example.org", "Pass-word-1");
  REQUIRE(victim.get(user_path("/user", id)).status == 200);
  auto me = admin_session();
  auto r = me.post(user_path("/user/suspend", id), "");
  REQUIRE(r.status == 200);
  CHECK(r.json["status"] == "Suspended");
  CHECK(victim.get(user_path("/user", id)).status == 401);
  CHECK(victim2.get(kOrgApi + "/users").status == 401);
  auto signin = server().client()->Post("/api/session",
                                        json{{"email", "suspend.me@example.org"}, {"password", "Pass-word-1"}}.dump(),
                                        "application/json");
  REQUIRE(signin);
  CHECK(signin->status == 403);
  CHECK(signin->body.find("suspended") != std::string::npos);
  // Back to what logins say: they signed in, so Active.
  auto back = me.post(user_path("/user/reactivate", id), "");
  REQUIRE(back.status == 200);
  CHECK(back.json["status"] == "Active");
  auto again = as_session(server(), "suspend.me@example.org", "Pass-word-1");
  CHECK(again.get(user_path("/user", id)).status == 200);
  // The old cookies stay ended.
  CHECK(victim.get(user_path("/user", id)).status == 401);
  // The console actor's log: client Web, the codes, the target named.
  auto log = me.get(kOrgApi + "/user/actions-log?userId=1&size=5&query=suspend.me");
  REQUIRE(log.status == 200);
  std::set<std::string> codes;
  for (const auto& e : log.json["content"]) {
    CHECK(e["client"] == "Web");
    codes.insert(e["actionCode"].get<std::string>());
    if (e["actionCode"] == "USER_SUSPENDED") CHECK(e["actionName"] == "Suspended suspend.me@example.org");
  }
  CHECK(codes.count("USER_SUSPENDED") == 1);
  CHECK(codes.count("USER_REACTIVATED") == 1);
}

TEST_CASE("end sessions: every session of the user ends, and the count is answered") {
  const auto id = fresh_user("logout.me@example.org");
  auto a = as_session(server(), "logout.me@example.org", "Pass-word-1");
  auto b = as_session(server(), "logout.me@example.org", "Pass-word-1");
  auto r = client().post(user_path("/user/logout", id), "");
  REQUIRE(r.status == 200);
  CHECK(r.json["sessionsEnded"] == 2);
  CHECK(a.get(user_path("/user", id)).status == 401);
  CHECK(b.get(user_path("/user", id)).status == 401);
  CHECK(client().post(user_path("/user/logout", id), "").json["sessionsEnded"] == 0);
  auto log = log_of(0, 1);
  REQUIRE(log.size() == 1);
  CHECK(log[0] ==
        std::vector<std::string>{"HTTPS API", "USER_SESSIONS_ENDED", "Ended the sessions of logout.me@example.org"});
}

TEST_CASE("resend invitation: Pending only, and it counts against the day's 25") {
  auto invited = client().post(kOrgApi + "/users/invite",
                               json{{"email", "resend.me@example.org"}, {"name", "Resend Me"}, {"roleId", 3}}.dump());
  REQUIRE(invited.status == 201);
  const auto id = invited.json["id"].get<std::int64_t>();
  auto count = [] {
    auto rows = query_rows(db().path, "SELECT coalesce(sum(count), 0) FROM invites WHERE org_id = 1");
    return std::stoll(rows.at(0).at(0));
  };
  const auto before = count();
  auto r = client().post(user_path("/users/invite/resend", id), "");
  REQUIRE(r.status == 200);
  CHECK(r.json["status"] == "Pending");
  CHECK(count() == before + 1);
  CHECK(log_of(0, 1).at(0) == std::vector<std::string>{"HTTPS API", "USER_INVITE_RESENT",
                                                       "Sent the invitation to resend.me@example.org again"});
  // Someone who has signed in has no invitation to resend.
  CHECK(client().post(user_path("/users/invite/resend", 1), "").status == 400);
}

TEST_CASE("delete: 404 everywhere afterwards; their devices stay in the organization without an owner") {
  auto me = admin_session();
  // A seeded user with devices.
  std::int64_t id = 0;
  for (const auto& u : all_rows(client(), kOrgApi + "/users?roleId=3"))
    if (u["devicesCount"].get<int>() >= 2 && u["id"].get<std::int64_t>() > 3) {
      id = u["id"];
      break;
    }
  REQUIRE(id != 0);
  auto user = client().get(user_path("/user", id)).json;
  const std::string email = user["email"];
  auto owned = client().get(kOrgApi + "/device/by-owner?ownerEmail=" + url_encode(email));
  REQUIRE(owned.json["content"].size() >= 2);
  auto r = me.del(user_path("/user", id));
  CHECK(r.status == 204);
  CHECK(client().get(user_path("/user", id)).status == 404);
  CHECK(client().get(user_path("/user", id)).message() ==
        "User with identifier " + std::to_string(id) + " is not found or belong to another organization.");
  CHECK(client().get(user_path("/user/actions-log", id)).status == 404);
  CHECK(me.del(user_path("/user", id)).status == 404);
  CHECK(client().put(kOrgApi + "/users/role?userId=" + std::to_string(id) + "&roleId=2").status == 404);
  for (const auto& u : all_rows(client(), kOrgApi + "/search/users?query=" + url_encode(email)))
    CHECK(u["id"].get<std::int64_t>() != id);
  for (const auto& d : owned.json["content"]) {
    auto device = client().get(kOrgApi + "/device?deviceId=" + std::to_string(d["id"].get<std::int64_t>()));
    REQUIRE(device.status == 200);
    CHECK(device.json["ownerUserId"] == 0);
    CHECK(device.json["orgId"] == d["orgId"]);
    CHECK_FALSE(device.json.contains("ownerName"));
    CHECK_FALSE(device.json.contains("ownerEmail"));
    // And in the device index: searching the device's name finds it, ownerless.
    auto found = all_rows(client(), kOrgApi + "/search/devices?query=" + url_encode(d["name"].get<std::string>()));
    bool seen = false;
    for (const auto& f : found)
      if (f["id"] == d["id"]) {
        seen = true;
        CHECK(f["ownerUserId"] == 0);
        CHECK_FALSE(f.contains("ownerEmail"));
      }
    CHECK(seen);
  }
  auto log = me.get(kOrgApi + "/user/actions-log?userId=1&size=1");
  CHECK(log.json["content"][0]["actionCode"] == "USER_DELETED");
  CHECK(log.json["content"][0]["actionName"] == "Deleted " + email);
}

TEST_CASE("actions log: the public calls log too, with HTTPS API for a bearer token") {
  auto invited =
      client().post(kOrgApi + "/users/invite",
                    json{{"email", "logged.invite@example.org"}, {"name", "Logged Invite"}, {"roleId", 2}}.dump());
  REQUIRE(invited.status == 201);
  CHECK(log_of(0, 1).at(0) ==
        std::vector<std::string>{"HTTPS API", "USER_INVITED", "Invited logged.invite@example.org as Staff"});
  const auto id = invited.json["id"].get<std::int64_t>();
  REQUIRE(client().put(kOrgApi + "/users/role?userId=" + std::to_string(id) + "&roleId=3").status == 200);
  CHECK(log_of(0, 1).at(0) == std::vector<std::string>{"HTTPS API", "USER_ROLE_CHANGED",
                                                       "Changed the role of logged.invite@example.org to User"});
  auto [level2, child] = level2_and_child(client());
  (void)child;
  auto moved =
      client().post(kOrgApi + "/users/transfer", json{{"userId", id}, {"targetOrgId", level2}, {"roleId", 3}}.dump());
  REQUIRE(moved.status == 201);
  CHECK(log_of(0, 1).at(0)[1] == "USER_TRANSFERRED");
  fresh_user("logged.create@example.org");
  CHECK(log_of(0, 1).at(0) ==
        std::vector<std::string>{"HTTPS API", "USER_CREATED", "Created logged.create@example.org"});
  REQUIRE(client().put(user_path("/user", id), json{{"nickName", "logged"}}.dump()).status == 200);
  CHECK(log_of(0, 1).at(0) ==
        std::vector<std::string>{"HTTPS API", "USER_UPDATED", "Updated logged.invite@example.org"});
  auto tag = client().post(kOrgApi + "/tags?orgId=1", json{{"name", "Logged tag"}, {"color", "#ABCDEF"}}.dump());
  REQUIRE(tag.status == 201);
  CHECK(tag.json["name"] == "Logged tag");
  CHECK(tag.json["color"] == "#ABCDEF");
  CHECK(log_of(0, 1).at(0)[1] == "TAG_CREATED");
  // A refused change writes no entry.
  const auto entries = query_rows(db().path, "SELECT count(*) FROM actions_log")[0][0];
  CHECK(client()
            .put(kOrgApi + "/users/role?userId=" + std::to_string(id) + "&roleId=3", "", {{"If-Match", "\"x\""}})
            .status == 412);
  CHECK(query_rows(db().path, "SELECT count(*) FROM actions_log")[0][0] == entries);
}

TEST_CASE(
    "Last Login sorts never-signed-in users last (ascending); notSignedInForDays is last login before N days, or "
    "never") {
  auto rows = all_rows(client(), kOrgApi + "/users?includeSubOrgUsers=true&sortBy=" + url_encode("Last Login"));
  REQUIRE(rows.size() > 100);
  bool seen_never = false;
  std::int64_t last = 0;
  for (const auto& u : rows) {
    const auto t = u["lastLoggedAt"].get<std::int64_t>();
    if (t == 0) {
      seen_never = true;
      continue;
    }
    CHECK_FALSE(seen_never);  // a time after a never: out of order
    CHECK(t >= last);
    last = t;
  }
  CHECK(seen_never);
  auto desc =
      all_rows(client(), kOrgApi + "/users?includeSubOrgUsers=true&sortOrder=DESC&sortBy=" + url_encode("Last Login"));
  REQUIRE(desc.size() == rows.size());
  CHECK(desc.front()["lastLoggedAt"] == 0);

  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  for (int days : {30, 365}) {
    const std::int64_t cut = now - days * 86'400'000LL;
    std::set<std::int64_t> expected;
    for (const auto& u : rows)
      if (u["lastLoggedAt"].get<std::int64_t>() < cut - 120'000) expected.insert(u["id"].get<std::int64_t>());
    std::set<std::int64_t> got;
    for (const auto& u :
         all_rows(client(), kOrgApi + "/users?includeSubOrgUsers=true&notSignedInForDays=" + std::to_string(days))) {
      CHECK(u["lastLoggedAt"].get<std::int64_t>() < cut + 120'000);
      got.insert(u["id"].get<std::int64_t>());
    }
    for (auto id : expected) CHECK(got.count(id) == 1);
    CHECK(got.size() >= expected.size());
    CHECK(got.size() < rows.size());
  }
  CHECK(client().get(kOrgApi + "/users?notSignedInForDays=0").status == 400);
  CHECK(client().get(kOrgApi + "/search/users?query=a&notSignedInForDays=x").status == 400);
}
