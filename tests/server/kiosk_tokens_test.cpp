// Kiosk tokens over real HTTP: issued, listed and revoked by `roster-server kiosk-token`, they read
// exactly their organization's subtree (anything outside is the same 404 as an id that never
// existed), write nothing (403 on every mutation and every session route), and, expired or revoked,
// get a 401 whose words tell an operator what to do.
#include "api_helpers.h"
#include "sql_edit.h"

#include <doctest/doctest.h>

#include <set>
#include <sstream>

using namespace roster::test;
using nlohmann::json;

namespace {

const std::string kBase = "/api/v1/organization";

const SeededDb& db() {
  static SeededDb d = seed_db("kiosk-tokens", 300, 8, 11);
  return d;
}

// The token line of `kiosk-token`'s output (stdout and stderr together).
std::string token_in(const std::string& output) {
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("kiosk_", 0) == 0) return line;
  return {};
}

std::string issue(int org_id, const std::string& label = "Lobby") {
  auto r = run_roster_server(
      {"kiosk-token", "--db", db().path, "--org", std::to_string(org_id), "--ttl", "1", "--label", label});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  auto token = token_in(r.output);
  REQUIRE(token.size() == 6 + 64);
  return token;
}

Caller as_kiosk(const ServerProcess& server, const std::string& token) { return Caller(server, "Bearer " + token); }

// A child of the root with children of its own, so "the subtree" is more than one organization.
int middle_org(const Caller& admin) {
  auto children = admin.get(kBase + "/sub-organizations?orgId=1");
  REQUIRE(children.status == 200);
  for (const auto& o : children.json)
    if (o.value("subOrganizationsCount", 0) > 0) return o["id"].get<int>();
  FAIL("no organization below the root has children");
  return 0;
}

std::set<long long> ids_of(const Response& page) {
  std::set<long long> out;
  for (const auto& item : page.json["content"]) out.insert(item["id"].get<long long>());
  return out;
}

}  // namespace

TEST_CASE("a kiosk token reads exactly its organization's subtree") {
  ServerProcess server(db().path);
  auto admin = as_client(server, db());
  const int org = middle_org(admin);
  auto kiosk = as_kiosk(server, issue(org));
  const std::string sub = "&orgId=" + std::to_string(org);

  // Users: the kiosk's whole list is the admin's view of that subtree, no more, no less.
  auto expected = admin.get(kBase + "/users?includeSubOrgUsers=true&size=1000" + sub);
  auto seen = kiosk.get(kBase + "/users?includeSubOrgUsers=true&size=1000");
  REQUIRE(expected.status == 200);
  REQUIRE(seen.status == 200);
  CHECK(seen.json["totalElements"] == expected.json["totalElements"]);
  CHECK(ids_of(seen) == ids_of(expected));
  CHECK(kiosk.get(kBase + "/search/users?query=a&size=1000").json["totalElements"] ==
        admin.get(kBase + "/search/users?query=a&size=1000" + sub).json["totalElements"]);

  // Someone outside is exactly as unknown as an id that never existed.
  auto everyone = ids_of(admin.get(kBase + "/users?includeSubOrgUsers=true&size=1000"));
  auto inside = ids_of(seen);
  long long outside = 0;
  for (auto id : everyone)
    if (!inside.count(id)) outside = id;
  REQUIRE(outside != 0);
  auto foreign = kiosk.get(kBase + "/user?userId=" + std::to_string(outside));
  auto absent = kiosk.get(kBase + "/user?userId=99999999");
  CHECK(foreign.status == 404);
  CHECK(absent.status == 404);
  CHECK(foreign.message().find(std::to_string(outside)) != std::string::npos);
  CHECK(kiosk.get(kBase + "/user?userId=" + std::to_string(*inside.begin())).status == 200);

  // Devices the same way; their tokens stay masked, as for Staff.
  auto devices = kiosk.get(kBase + "/devices?includeSubOrgDevices=true&size=1000");
  REQUIRE(devices.status == 200);
  auto all_devices = admin.get(kBase + "/devices?includeSubOrgDevices=true&size=1000");
  auto inside_devices = ids_of(devices);
  long long foreign_device = 0;
  for (auto id : ids_of(all_devices))
    if (!inside_devices.count(id)) foreign_device = id;
  REQUIRE(foreign_device != 0);
  CHECK(kiosk.get(kBase + "/device?deviceId=" + std::to_string(foreign_device)).status == 404);
  CHECK(kiosk.get(kBase + "/device?deviceId=99999999").status == 404);
  if (!devices.json["content"].empty())
    CHECK(devices.json["content"][0]["token"].get<std::string>().find("\xE2\x80\xA6") != std::string::npos);

  // Organizations: its own and below, not the root above it.
  CHECK(kiosk.get(kBase + "/profile").json["id"] == org);
  CHECK(kiosk.get(kBase + "?orgId=" + std::to_string(org)).status == 200);
  CHECK(kiosk.get(kBase + "?orgId=1").status == 404);
  CHECK(kiosk.get(kBase + "/users?orgId=1").status == 404);

  // Revalidation works as for anyone: an unchanged page is a 304.
  auto first = kiosk.get(kBase + "/users?size=10");
  REQUIRE(!first.header("ETag").empty());
  CHECK(kiosk.get(kBase + "/users?size=10", {{"If-None-Match", first.header("ETag")}}).status == 304);
}

TEST_CASE("a kiosk token writes nothing and is not a person") {
  ServerProcess server(db().path);
  auto admin = as_client(server, db());
  const int org = middle_org(admin);
  const std::string token = issue(org);
  auto kiosk = as_kiosk(server, token);
  auto seen = kiosk.get(kBase + "/users?includeSubOrgUsers=true&size=5");
  REQUIRE(seen.status == 200);
  const long long user_id = seen.json["content"][0]["id"].get<long long>();
  const std::string uid = std::to_string(user_id);
  const httplib::Headers xrw = {{"X-Requested-With", "roster"}};

  auto before = admin.get(kBase + "/user?userId=" + uid);
  std::vector<Response> refused = {
      kiosk.put(kBase + "/users/role?userId=" + uid + "&roleId=1", "", xrw),
      kiosk.put(kBase + "/user?userId=" + uid, json{{"name", "Kiosk Was Here"}}.dump(), xrw),
      kiosk.post(kBase + "/users/invite", json{{"email", "kiosk@example.com"}, {"name", "K"}, {"roleId", 3}}.dump(),
                 xrw),
      kiosk.post(
          kBase + "/users/create-in-org",
          json{{"email", "kiosk2@example.com"}, {"passwordHash", "x"}, {"name", "K"}, {"orgId", org}, {"roleId", 3}}
              .dump(),
          xrw),
      kiosk.post(kBase + "/users/transfer", json{{"userId", user_id}, {"targetOrgId", org}, {"roleId", 3}}.dump(), xrw),
  };
  for (const auto& r : refused) {
    INFO(r.body);
    CHECK(r.status == 403);
    CHECK(r.message().find("kiosk token can only read") != std::string::npos);
  }
  CHECK(admin.get(kBase + "/user?userId=" + uid).json == before.json);

  // Session routes: signing in (even with a real password), reading a session, signing out.
  auto http = server.client();
  httplib::Headers bearer = {{"Authorization", "Bearer " + token}, {"X-Requested-With", "roster"}};
  auto sign_in = to_response(http->Post("/api/session", bearer,
                                        json{{"email", "admin@roster.demo"}, {"password", "roster-demo"}}.dump(),
                                        "application/json"));
  CHECK(sign_in.status == 403);
  CHECK(sign_in.header("Set-Cookie").empty());
  CHECK(to_response(http->Get("/api/session", bearer)).status == 403);
  auto sign_out = to_response(http->Delete("/api/session", bearer));
  CHECK(sign_out.status == 403);
  CHECK(sign_out.message() == "A kiosk token cannot sign in, sign out or act as a person.");
}

TEST_CASE("expired, revoked and unknown kiosk tokens get a 401 that says what to do") {
  ServerProcess server(db().path);
  auto admin = as_client(server, db());
  const int org = middle_org(admin);
  const std::string revoked = issue(org, "Hall B"), expired = issue(org, "Old"), fine = issue(org, "Fine");

  auto listed = run_roster_server({"kiosk-token", "--db", db().path, "--list"});
  REQUIRE(listed.exit_code == 0);
  CHECK(listed.output.find("Hall B") != std::string::npos);
  CHECK(listed.output.find("kiosk_") == std::string::npos);  // a token is shown once, when issued

  // The revocation and the expiry happen behind the running server's back.
  const auto rows = run_sql(db().path, "UPDATE kiosk_tokens SET expires_at = 1700000000000 WHERE label = 'Old'");
  REQUIRE(rows.empty());
  int revoked_id = 0;
  {
    std::istringstream lines(listed.output);
    for (std::string line; std::getline(lines, line);)
      if (line.find("Hall B") != std::string::npos) revoked_id = std::stoi(line);
  }
  REQUIRE(revoked_id > 0);
  auto revoke = run_roster_server({"kiosk-token", "--db", db().path, "--revoke", std::to_string(revoked_id)});
  INFO(revoke.output);
  CHECK(revoke.exit_code == 0);
  CHECK(run_roster_server({"kiosk-token", "--db", db().path, "--revoke", std::to_string(revoked_id)}).exit_code == 1);

  auto r = as_kiosk(server, revoked).get(kBase + "/users");
  CHECK(r.status == 401);
  CHECK(r.message().find("was revoked on") != std::string::npos);
  CHECK(r.message().find("Hall B") != std::string::npos);
  CHECK(r.message().find("roster-server kiosk-token") != std::string::npos);
  r = as_kiosk(server, expired).get(kBase + "/users");
  CHECK(r.status == 401);
  CHECK(r.message().find("expired on 2023-11-14") != std::string::npos);
  r = as_kiosk(server, "kiosk_0123").get(kBase + "/users");
  CHECK(r.status == 401);
  CHECK(r.message().find("not known to this server") != std::string::npos);
  CHECK(as_kiosk(server, fine).get(kBase + "/users").status == 200);

  listed = run_roster_server({"kiosk-token", "--db", db().path, "--list"});
  CHECK(listed.output.find("revoked") != std::string::npos);
  CHECK(listed.output.find("expired") != std::string::npos);
}

TEST_CASE("kiosk-token refuses what it cannot do, in words") {
  auto r = run_roster_server({"kiosk-token", "--db", db().path, "--org", "424242", "--ttl", "1"});
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("no organization 424242") != std::string::npos);
  CHECK(run_roster_server({"kiosk-token", "--db", db().path, "--org", "1"}).exit_code == 2);
  CHECK(run_roster_server({"kiosk-token", "--db", db().path, "--org", "1", "--ttl", "0"}).exit_code == 2);
  CHECK(run_roster_server({"kiosk-token", "--db", db().path, "--list", "--revoke", "1"}).exit_code == 2);
  CHECK(run_roster_server({"kiosk-token", "--db", "/nonexistent/x.db", "--list"}).exit_code == 1);
}
