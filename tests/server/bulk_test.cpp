// Bulk changes (contract section 7) over real HTTP: selections by ids and by the list's query with
// `except`, compared with a brute force over the list's JSON; failures for users the rules forbid;
// one log entry with the count; concurrent bulk changes on overlapping sets losing no tag.
#include "admin_helpers.h"
#include "sql_edit.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>

using namespace roster::test;
using nlohmann::json;

namespace {

const SeededDb& db() {
  static SeededDb d = seed_db("bulk", 400, 8, 31);
  return d;
}

ServerProcess& server() {
  static ServerProcess s(db().path);
  return s;
}

Caller client() { return as_client(server(), db()); }

int new_tag(const std::string& name, int org = 1) {
  auto t =
      client().post(kOrgApi + "/tags?orgId=" + std::to_string(org), json{{"name", name}, {"color", "#123456"}}.dump());
  INFO(t.body);
  REQUIRE(t.status == 201);
  return t.json["id"];
}

Response bulk(const Caller& who, const json& body) { return who.post(kOrgApi + "/users/bulk", body.dump()); }

std::set<int> tag_ids(const json& user) {
  std::set<int> out;
  for (const auto& t : user["tags"]) out.insert(t["id"].get<int>());
  return out;
}

std::map<std::int64_t, json> by_id(const std::vector<json>& rows) {
  std::map<std::int64_t, json> out;
  for (const auto& u : rows) out[u["id"].get<std::int64_t>()] = u;
  return out;
}

}  // namespace

TEST_CASE("bulk by ids: tags added, a sixth tag and another organization's users are failures") {
  const int tag = new_tag("Bulk by ids");
  auto root = all_rows(client(), kOrgApi + "/users?includeSubOrgUsers=true");
  std::vector<std::int64_t> ids;
  std::map<std::int64_t, std::string> expected_failure;  // id -> what the message must hold
  for (const auto& u : root) {
    if (ids.size() >= 40) break;
    ids.push_back(u["id"]);
    if (u["orgId"] != 1)
      expected_failure[u["id"]] = "does not belong";
    else if (u["tags"].size() >= 5)
      expected_failure[u["id"]] = "5";
  }
  ids.push_back(ids.front());  // a repeated id counts once
  auto r = bulk(client(), {{"action", "addTags"}, {"tagIds", {tag}}, {"selection", {{"userIds", ids}}}});
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json["matched"] == 40);
  REQUIRE(r.json["failed"].size() == expected_failure.size());
  for (const auto& f : r.json["failed"]) {
    auto it = expected_failure.find(f["userId"].get<std::int64_t>());
    REQUIRE(it != expected_failure.end());
    CHECK(f["message"].get<std::string>().find(it->second) != std::string::npos);
  }
  CHECK(r.json["changed"] == 40 - static_cast<int>(expected_failure.size()));
  for (std::size_t i = 0; i < 40; ++i) {
    auto u = client().get(kOrgApi + "/user?userId=" + std::to_string(ids[i]));
    CHECK(tag_ids(u.json).count(tag) == (expected_failure.count(ids[i]) ? 0u : 1u));
  }
  // Removing it takes it off again.
  auto removed = bulk(client(), {{"action", "removeTags"}, {"tagIds", {tag}}, {"selection", {{"userIds", ids}}}});
  REQUIRE(removed.status == 200);
  CHECK(removed.json["changed"] == r.json["changed"]);
  for (std::size_t i = 0; i < 40; ++i)
    CHECK(tag_ids(client().get(kOrgApi + "/user?userId=" + std::to_string(ids[i])).json).count(tag) == 0);
}

TEST_CASE("bulk by query with except: exactly the users the search shows, minus the exceptions") {
  const int tag = new_tag("Bulk by query");
  const std::string query = "an";
  auto shown = all_rows(client(), kOrgApi + "/search/users?query=" + query + "&roleId=3&status=Active&status=Inactive");
  REQUIRE(shown.size() > 20);
  std::vector<std::int64_t> except;
  for (std::size_t i = 0; i < shown.size(); i += 7) except.push_back(shown[i]["id"]);
  std::set<std::int64_t> expected_changed, expected_failed;
  for (const auto& u : shown) {
    const auto id = u["id"].get<std::int64_t>();
    if (std::find(except.begin(), except.end(), id) != except.end()) continue;
    if (u["orgId"] != 1 || u["tags"].size() >= 5)
      expected_failed.insert(id);
    else
      expected_changed.insert(id);
  }
  auto r = bulk(
      client(),
      {{"action", "addTags"},
       {"tagIds", {tag}},
       {"selection",
        {{"query", {{"query", query}, {"roleId", {3}}, {"status", {"Active", "Inactive"}}}}, {"except", except}}}});
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json["matched"] == expected_changed.size() + expected_failed.size());
  CHECK(r.json["changed"] == expected_changed.size());
  std::set<std::int64_t> failed;
  for (const auto& f : r.json["failed"]) failed.insert(f["userId"].get<std::int64_t>());
  CHECK(failed == expected_failed);
  // The brute force after the change: who carries the tag now.
  std::set<std::int64_t> carrying;
  for (const auto& u : all_rows(client(), kOrgApi + "/users?includeSubOrgUsers=true"))
    if (tag_ids(u).count(tag)) carrying.insert(u["id"].get<std::int64_t>());
  CHECK(carrying == expected_changed);
  // Logged once for the actor, with the count.
  auto entry =
      query_rows(db().path, "SELECT client, action_code, action_name FROM actions_log ORDER BY id DESC LIMIT 1");
  REQUIRE(entry.size() == 1);
  CHECK(entry[0][0] == "HTTPS API");
  CHECK(entry[0][1] == "USERS_BULK_CHANGED");
  CHECK(entry[0][2] ==
        "Added the tag \u201CBulk by query\u201D to " + std::to_string(expected_changed.size()) + " users");
}

TEST_CASE("bulk role change and suspend by query: the last Admin and oneself are failures, the rest change") {
  auto me = as_session(server(), "admin@roster.demo", "roster-demo");
  // Every Admin of the tree: each organisation keeps its last one, and the actor keeps their own role.
  auto admins = all_rows(
      client(), kOrgApi + "/users?includeSubOrgUsers=true&roleId=1&status=Active&status=Inactive&status=Pending");
  std::map<int, int> per_org;
  for (const auto& a : admins) ++per_org[a["orgId"].get<int>()];
  auto r = bulk(
      me,
      {{"action", "setRole"},
       {"roleId", 2},
       {"selection",
        {{"query", {{"roleId", {1}}, {"includeSubOrgUsers", true}, {"status", {"Active", "Inactive", "Pending"}}}}}}});
  INFO(r.body);
  REQUIRE(r.status == 200);
  std::set<std::int64_t> failed;
  for (const auto& f : r.json["failed"]) failed.insert(f["userId"].get<std::int64_t>());
  CHECK(failed.count(1) == 1);  // the actor
  // Each organisation is left with exactly one Admin.
  std::map<int, int> left;
  for (const auto& a : all_rows(
           client(), kOrgApi + "/users?includeSubOrgUsers=true&roleId=1&status=Active&status=Inactive&status=Pending"))
    ++left[a["orgId"].get<int>()];
  for (const auto& [org, n] : per_org) CHECK(left[org] == 1);
  CHECK(r.json["changed"].get<std::size_t>() + failed.size() == admins.size());
  CHECK(me.get(kOrgApi + "/user/actions-log?userId=1&size=1").json["content"][0]["actionName"] ==
        "Changed the role of " + std::to_string(r.json["changed"].get<int>()) + " users to Staff");

  // Suspending by query ends the users' sessions at once.
  create_user(client(), "bulk.suspend@example.org", "Pass-word-1", 1, 3, "Bulk Suspended");
  auto victim = as_session(server(), "bulk.suspend@example.org", "Pass-word-1");
  auto s = bulk(me, {{"action", "suspend"}, {"selection", {{"query", {{"query", "bulk.suspend@"}}}}}});
  REQUIRE(s.status == 200);
  CHECK(s.json["changed"] == 1);
  CHECK(victim.get(kOrgApi + "/users").status == 401);
  auto back = bulk(me, {{"action", "reactivate"}, {"selection", {{"query", {{"query", "bulk.suspend@"}}}}}});
  CHECK(back.json["changed"] == 1);
  CHECK(as_session(server(), "bulk.suspend@example.org", "Pass-word-1").get(kOrgApi + "/users").status == 200);
}

TEST_CASE("bulk delete: users gone, devices ownerless; selections are checked") {
  auto rows =
      all_rows(client(), kOrgApi + "/search/users?query=" + url_encode("example") + "&roleId=3&withNoDevices=false");
  std::vector<std::int64_t> ids;
  std::vector<std::int64_t> devices;
  for (const auto& u : rows)
    if (ids.size() < 5 && u["orgId"] == 1 && u["devicesCount"].get<int>() > 0 && u["id"].get<std::int64_t>() > 3) {
      ids.push_back(u["id"]);
      auto owned = client().get(kOrgApi + "/device/by-owner?ownerEmail=" + url_encode(u["email"].get<std::string>()));
      for (const auto& d : owned.json["content"]) devices.push_back(d["id"]);
    }
  REQUIRE(ids.size() == 5);
  REQUIRE_FALSE(devices.empty());
  auto r = bulk(client(), {{"action", "delete"}, {"selection", {{"userIds", ids}}}});
  REQUIRE(r.status == 200);
  CHECK(r.json["changed"] == 5);
  for (auto id : ids) CHECK(client().get(kOrgApi + "/user?userId=" + std::to_string(id)).status == 404);
  for (auto d : devices) {
    auto device = client().get(kOrgApi + "/device?deviceId=" + std::to_string(d));
    REQUIRE(device.status == 200);
    CHECK(device.json["ownerUserId"] == 0);
    CHECK_FALSE(device.json.contains("ownerEmail"));
  }
  auto listed = by_id(all_rows(client(), kOrgApi + "/users?includeSubOrgUsers=true"));
  for (auto id : ids) CHECK(listed.count(id) == 0);

  std::vector<std::int64_t> too_many(10'001);
  for (std::size_t i = 0; i < too_many.size(); ++i) too_many[i] = static_cast<std::int64_t>(i + 1);
  CHECK(bulk(client(), {{"action", "endSessions"}, {"selection", {{"userIds", too_many}}}}).status == 400);
  CHECK(bulk(client(), {{"action", "explode"}, {"selection", {{"userIds", {4}}}}}).status == 400);
  CHECK(bulk(client(), {{"action", "suspend"}}).status == 400);
  CHECK(bulk(client(), {{"action", "suspend"}, {"selection", {{"userIds", {4}}, {"query", json::object()}}}}).status ==
        400);
  CHECK(bulk(client(), {{"action", "setRole"}, {"roleId", 77}, {"selection", {{"userIds", {4}}}}}).status == 400);
  CHECK(bulk(client(), {{"action", "addTags"}, {"tagIds", {99999}}, {"selection", {{"userIds", {4}}}}}).status == 400);
  CHECK(bulk(client(), {{"action", "suspend"}, {"selection", {{"query", {{"sortBy", "Nope"}}}}}}).status == 400);
}

TEST_CASE("concurrent bulk changes on overlapping sets lose no tag and answer no 5xx") {
  // Root users with room for three more tags, none of the new ones.
  std::vector<std::int64_t> ids;
  for (const auto& u : all_rows(client(), kOrgApi + "/users"))
    if (u["tags"].size() <= 2 && u["status"] != "Suspended") ids.push_back(u["id"]);
  REQUIRE(ids.size() >= 45);
  ids.resize(45);
  const std::vector<int> tags = {new_tag("Wave A"), new_tag("Wave B"), new_tag("Wave C")};
  // Thread k tags ids [10k, 10k + 25): each id in the middle is in two or three of the windows.
  std::atomic<int> server_errors{0}, not_ok{0};
  std::vector<std::thread> threads;
  for (int k = 0; k < 3; ++k)
    threads.emplace_back([&, k] {
      for (int round = 0; round < 3; ++round) {
        std::vector<std::int64_t> window(ids.begin() + 10 * k, ids.begin() + 10 * k + 25);
        json body = {{"action", "addTags"},
                     {"tagIds", {tags[static_cast<std::size_t>(k)]}},
                     {"selection", {{"userIds", window}}}};
        auto r = client().post(kOrgApi + "/users/bulk", body.dump());
        if (r.status >= 500) ++server_errors;
        if (r.status != 200) ++not_ok;
        // Interleave reads with the writes.
        if (client().get(kOrgApi + "/users?size=5").status >= 500) ++server_errors;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(server_errors == 0);
  CHECK(not_ok == 0);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto u = client().get(kOrgApi + "/user?userId=" + std::to_string(ids[i]));
    auto has = tag_ids(u.json);
    for (int k = 0; k < 3; ++k) {
      const bool in_window = i >= static_cast<std::size_t>(10 * k) && i < static_cast<std::size_t>(10 * k + 25);
      CHECK(has.count(tags[static_cast<std::size_t>(k)]) == (in_window ? 1u : 0u));
    }
  }
}
