// Kiosk tokens through the proxy: issued with `roster-server kiosk-token` on the proxy's own
// database, they read users, organizations and devices (as from serve), only for the organization of
// the proxy's Blynk client,
// write nothing and use no session route (refused before anything reaches the upstream), are looked
// up at every request (a revocation or an expiry applies at once, with the words serve gives), and
// revalidate with If-None-Match: the upstream's ETag and 304 come back through the proxy.
#include "proxy_support.h"
#include "scripted_upstream.h"
#include "sql_edit.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace roster::test;
using nlohmann::json;

namespace {

const std::string kApi = "/api/v1/organization";

std::string issue_on_proxy_db(int org_id, const std::string& label) {
  auto r = run_roster_server(
      {"kiosk-token", "--db", operators_db(), "--org", std::to_string(org_id), "--ttl", "1", "--label", label});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("kiosk_", 0) == 0) return line;
  FAIL("no token in the output");
  return {};
}

int own_org_id() {
  static int id = shared_upstream().get(kApi + "/profile").json["id"].get<int>();
  return id;
}

ProxyProcess& kiosk_proxy() {
  static ProxyProcess proxy(proxy_args(shared_upstream(), {"--user-info-ttl", "30"}));
  return proxy;
}

Response kiosk_get(const ProxyProcess& proxy, const std::string& token, const std::string& path,
                   httplib::Headers extra = {}) {
  extra.emplace("Authorization", "Bearer " + token);
  return to_response(proxy.client()->Get(path.c_str(), extra));
}

Response kiosk_send(const ProxyProcess& proxy, const std::string& token, const std::string& method,
                    const std::string& path, const std::string& body = "{}") {
  httplib::Request req;
  req.method = method;
  req.path = path;
  req.set_header("Authorization", "Bearer " + token);
  req.set_header("X-Requested-With", "roster-test");
  if (method != "GET") {
    req.body = body;
    req.set_header("Content-Type", "application/json");
  }
  return to_response(proxy.client()->send(req));
}

int listed_id(const std::string& label) {
  auto listed = run_roster_server({"kiosk-token", "--db", operators_db(), "--list"});
  REQUIRE(listed.exit_code == 0);
  std::istringstream lines(listed.output);
  for (std::string line; std::getline(lines, line);)
    if (line.find(label) != std::string::npos) return std::stoi(line);
  return 0;
}

}  // namespace

TEST_CASE("a kiosk token issued on the proxy's database reads users, organizations and devices through the proxy") {
  const Upstream& up = shared_upstream();
  ProxyProcess& proxy = kiosk_proxy();
  const std::string token = issue_on_proxy_db(own_org_id(), "Proxy lobby");
  auto some_user = up.get(kApi + "/users?page=0&size=1").json["content"][0];
  for (std::string path :
       {kApi + "/users?page=0&size=20&includeSubOrgUsers=true", kApi + "/search/users?query=an&page=0&size=30",
        kApi + "/user?userId=" + std::to_string(some_user["id"].get<long long>()), kApi + "/profile",
        kApi + "?orgId=" + std::to_string(own_org_id()),
        kApi + "/sub-organizations?orgId=" + std::to_string(own_org_id()), kApi + "/devices?page=0&size=10"}) {
    CAPTURE(path);
    auto direct = up.get(path);
    auto through = kiosk_get(proxy, token, path);
    CHECK(through.status == 200);
    CHECK(through.json == direct.json);
  }
  // What is not on the allow-list is still the proxy's own 404.
  CHECK(kiosk_get(proxy, token, kApi + "/roles").status == 404);
  // A kiosk token is no operator session, and an operator's cookie is no kiosk token.
  CHECK(proxy.get("", kApi + "/users?page=0&size=1").status == 401);
}

TEST_CASE("a kiosk token writes nothing through the proxy and asks the upstream nothing when it tries") {
  ScriptedUpstream up([](int fd, const std::string& request) {
    const bool profile = request.find(" /api/v1/organization/profile") != std::string::npos;
    ScriptedUpstream::write_all(fd, ScriptedUpstream::answer(200, profile ? R"({"id":1,"name":"Scripted Org"})"
                                                                          : R"({"content":[],"totalElements":0})"));
  });
  static const std::string secret_file = write_file("kiosk-scripted.secret", "kiosk-scripted-secret\n");
  ProxyProcess proxy({"--upstream", up.url(), "--client-id", "scripted-client", "--client-secret-file", secret_file,
                      "--upstream-timeout", "2"});
  const std::string token = issue_on_proxy_db(1, "Scripted hall");
  for (const auto& [verb, target] : std::vector<std::pair<std::string, std::string>>{
           {"PUT", kApi + "/users/role?userId=3&roleId=1"},
           {"POST", kApi + "/users/invite"},
           {"PUT", kApi + "/user?userId=3"},
           {"DELETE", kApi + "/users?userId=3"},
           {"POST", kApi + "/users/create-in-org"},
       }) {
    const std::string method = verb, path = target;
    CAPTURE(method);
    CAPTURE(path);
    auto r = kiosk_send(proxy, token, method, path);
    CHECK(r.status == 403);
    CHECK(r.message() == "A kiosk token can only read; this request would change data.");
  }
  for (const char* method : {"POST", "GET", "DELETE"}) {
    CAPTURE(method);
    auto r = kiosk_send(proxy, token, method, "/api/session",
                        json{{"email", "admin@ops.test"}, {"password", kOperatorPassword}}.dump());
    CHECK(r.status == 403);
    CHECK(r.message() == "A kiosk token cannot sign in, sign out or act as a person.");
    CHECK(r.header("Set-Cookie").empty());
  }
  auto asked_api = [&up] {
    int n = 0;
    for (const auto& request : up.requests())
      if (request.find(" /api/") != std::string::npos) ++n;
    return n;
  };
  CHECK(asked_api() == 0);
  // The same token's read does reach it (so the count above could have been more than 0).
  CHECK(kiosk_get(proxy, token, kApi + "/users?page=0&size=5").status == 200);
  CHECK(asked_api() >= 1);
}

TEST_CASE("a revoked or expired kiosk token is refused through the proxy at its next request, in words") {
  ProxyProcess& proxy = kiosk_proxy();
  const std::string revoked = issue_on_proxy_db(own_org_id(), "Proxy hall B"),
                    expired = issue_on_proxy_db(own_org_id(), "Proxy old");
  const std::string users = kApi + "/users?page=0&size=5";
  REQUIRE(kiosk_get(proxy, revoked, users).status == 200);
  REQUIRE(kiosk_get(proxy, expired, users).status == 200);

  const int id = listed_id("Proxy hall B");
  REQUIRE(id > 0);
  auto revoke = run_roster_server({"kiosk-token", "--db", operators_db(), "--revoke", std::to_string(id)});
  INFO(revoke.output);
  REQUIRE(revoke.exit_code == 0);
  auto r = kiosk_get(proxy, revoked, users);
  CHECK(r.status == 401);
  CHECK(r.message().find("was revoked on") != std::string::npos);
  CHECK(r.message().find("Proxy hall B") != std::string::npos);
  CHECK(r.message().find("roster-server kiosk-token") != std::string::npos);
  CHECK(r.header("WWW-Authenticate").find("invalid_token") != std::string::npos);

  REQUIRE(
      run_sql(operators_db(), "UPDATE kiosk_tokens SET expires_at = 1700000000000 WHERE label = 'Proxy old'").empty());
  r = kiosk_get(proxy, expired, users);
  CHECK(r.status == 401);
  CHECK(r.message().find("expired on 2023-11-14") != std::string::npos);
  CHECK(r.message().find("roster-server kiosk-token") != std::string::npos);

  r = kiosk_get(proxy, "kiosk_0123", users);
  CHECK(r.status == 401);
  CHECK(r.message().find("not known to this server") != std::string::npos);
}

TEST_CASE("a kiosk token for another organization than the proxy's client's is refused, in words") {
  const Upstream& up = shared_upstream();
  ProxyProcess& proxy = kiosk_proxy();
  auto children = up.get(kApi + "/sub-organizations?orgId=" + std::to_string(own_org_id()));
  REQUIRE(children.status == 200);
  REQUIRE(!children.json.empty());
  const int sub_org = children.json[0]["id"].get<int>();
  // A sub-organization the upstream would show it (the proxy cannot keep it inside one), and one
  // that the upstream does not know.
  for (int org : {sub_org, 424242}) {
    CAPTURE(org);
    const std::string token = issue_on_proxy_db(org, "Elsewhere " + std::to_string(org));
    auto r = kiosk_get(proxy, token, kApi + "/users?page=0&size=5");
    CHECK(r.status == 401);
    CHECK(r.message().find("is for organization " + std::to_string(org)) != std::string::npos);
    CHECK(r.message().find("belongs to organization " + std::to_string(own_org_id())) != std::string::npos);
    CHECK(r.message().find("roster-server kiosk-token") != std::string::npos);
    CHECK(r.json.dump().find("\"content\"") == std::string::npos);
  }
}

TEST_CASE("a conditional read gets the upstream's ETag and 304 through the proxy") {
  const Upstream& up = shared_upstream();
  ProxyProcess& proxy = kiosk_proxy();
  const std::string token = issue_on_proxy_db(own_org_id(), "Proxy refresh");
  auto some_user = up.get(kApi + "/users?page=0&size=1").json["content"][0];
  const std::string users = kApi + "/users?page=0&size=10",
                    user = kApi + "/user?userId=" + std::to_string(some_user["id"].get<long long>());
  // A list (always asked of the upstream) and "Get user info" (cached by the proxy: a second ask
  // is answered from the cache).
  for (const std::string& path : {users, user, user}) {
    CAPTURE(path);
    auto first = kiosk_get(proxy, token, path);
    REQUIRE(first.status == 200);
    const std::string etag = first.header("ETag");
    REQUIRE(!etag.empty());
    auto again = kiosk_get(proxy, token, path, {{"If-None-Match", etag}});
    CHECK(again.status == 304);
    CHECK(again.header("ETag") == etag);
    CHECK(again.body.empty());
    auto other = kiosk_get(proxy, token, path, {{"If-None-Match", "W/\"not-this-one\""}});
    CHECK(other.status == 200);
    CHECK(other.json == first.json);
  }
  // An operator's console revalidates the same way.
  const std::string cookie = proxy.sign_in("viewer@ops.test");
  auto first = to_response(proxy.client()->Get(users.c_str(), {{"Cookie", cookie}}));
  REQUIRE(first.status == 200);
  REQUIRE(!first.header("ETag").empty());
  auto again =
      to_response(proxy.client()->Get(users.c_str(), {{"Cookie", cookie}, {"If-None-Match", first.header("ETag")}}));
  CHECK(again.status == 304);

  // What the upstream is sent: the browser's If-None-Match, and its 304 and ETag come back.
  ScriptedUpstream scripted([](int fd, const std::string& request) {
    const bool conditional = request.find("If-None-Match: \"v7\"") != std::string::npos;
    ScriptedUpstream::write_all(fd, conditional
                                        ? "HTTP/1.1 304 Not Modified\r\nETag: \"v7\"\r\nConnection: close\r\n\r\n"
                                        : ScriptedUpstream::answer(200, R"({"content":[]})", "ETag: \"v7\"\r\n"));
  });
  static const std::string secret_file = write_file("kiosk-etag.secret", "kiosk-etag-secret\n");
  ProxyProcess etag_proxy({"--upstream", scripted.url(), "--client-id", "scripted-client", "--client-secret-file",
                           secret_file, "--upstream-timeout", "2"});
  const std::string scripted_cookie = etag_proxy.sign_in("viewer@ops.test");
  auto plain = to_response(etag_proxy.client()->Get(users.c_str(), {{"Cookie", scripted_cookie}}));
  CHECK(plain.status == 200);
  CHECK(plain.header("ETag") == "\"v7\"");
  auto conditional =
      to_response(etag_proxy.client()->Get(users.c_str(), {{"Cookie", scripted_cookie}, {"If-None-Match", "\"v7\""}}));
  CHECK(conditional.status == 304);
  CHECK(conditional.header("ETag") == "\"v7\"");
}
