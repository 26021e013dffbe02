// The proxy in front of a public-API-only roster-server over verified TLS: what it forwards equals
// what the upstream answers directly; what it does not allow never leaves it, nor an admin call for a
// lesser role (shown by the log of a scripted upstream); "Get user info" is cached; the secret
// appears nowhere.
#include "proxy_support.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace roster::test;
using nlohmann::json;

namespace {

ProxyProcess& shared_proxy() {
  static ProxyProcess proxy(proxy_args(shared_upstream(), {"--user-info-ttl", "0"}));
  return proxy;
}

const std::string kApi = "/api/v1/organization";

// The proxy in front of a scripted upstream that answers every call 200 and keeps every request it
// read: what reached the upstream is read from its log, not guessed from the proxy's answer.
struct RecordingProxy {
  ScriptedUpstream up{with_profile([](int fd, const std::string&) {
    ScriptedUpstream::write_all(fd, ScriptedUpstream::answer(200, R"({"content":[],"totalElements":0})"));
  })};
  ProxyProcess proxy{scripted_args(up)};

  std::size_t seen() const { return up.requests().size(); }
  // The request lines the upstream read from the `from`th request on, one a line ("" when none).
  std::string lines_since(std::size_t from) const {
    auto requests = up.requests();
    std::string lines;
    for (std::size_t i = from; i < requests.size(); ++i)
      lines += requests[i].substr(0, requests[i].find("\r\n")) + "\n";
    return lines;
  }
  // Whether a request line starting with `start` reached the upstream from the `from`th request on.
  bool reached_since(std::size_t from, const std::string& start) const {
    auto requests = up.requests();
    for (std::size_t i = from; i < requests.size(); ++i)
      if (requests[i].rfind(start, 0) == 0) return true;
    return false;
  }
};

}  // namespace

TEST_CASE("forwarded calls answer what the upstream answers directly") {
  const Upstream& up = shared_upstream();
  ProxyProcess& proxy = shared_proxy();
  auto cookie = proxy.sign_in("admin@ops.test");
  auto some_user = up.get(kApi + "/users?page=0&size=1").json["content"][0];
  const std::string owner = url_encode(some_user["email"].get<std::string>());
  for (std::string path :
       {kApi + "/users?page=0&size=20&includeSubOrgUsers=true", kApi + "/users?page=2&size=7",
        kApi + "/search/users?query=an&page=0&size=30&sortBy=Name&sortOrder=DESC",
        kApi + "/search/users?query=%D0%BE&page=0&size=10",
        kApi + "/user?userId=" + std::to_string(some_user["id"].get<long long>()), kApi + "/user?userId=987654321",
        kApi + "/user?userId=abc", kApi + "/profile", kApi + "?orgId=2", kApi + "?orgId=99999",
        kApi + "/sub-organizations?orgId=1", kApi + "/search?query=a&page=0&size=50&sortBy=Name&sortOrder=ASC",
        kApi + "/devices?page=0&size=25&includeSubOrgDevices=true", kApi + "/search/devices?query=a&page=1&size=10",
        kApi + "/device/by-owner?ownerEmail=" + owner + "&page=0&size=10", kApi + "/search/users?page=0&size=10"}) {
    CAPTURE(path);
    auto direct = up.get(path);
    auto forwarded = proxy.get(cookie, path);
    CHECK(forwarded.status == direct.status);
    CHECK(forwarded.json == direct.json);
    CHECK(forwarded.header("Content-Type").rfind("application/json", 0) == 0);
    if (direct.status >= 400) CHECK_FALSE(forwarded.message().empty());  // the contract's error shape
  }
}

TEST_CASE(
    "only the console's calls are forwarded: anything else is the proxy's own 404 and never reaches the upstream") {
  RecordingProxy rp;
  auto cookie = rp.proxy.sign_in("admin@ops.test");
  // The upstream's log is kept: an allowed call reaches it.
  std::size_t before = rp.seen();
  CHECK(rp.proxy.get(cookie, kApi + "/users?page=0&size=5").status == 200);
  CHECK(rp.reached_since(before, "GET /api/v1/organization/users?"));
  // Each of these the upstream would answer (200, or its own error, even its own 404): the proxy never
  // asks it, which its log shows (the words of the 404 alone cannot tell the proxy's from the upstream's).
  for (const auto& [verb, target] : std::vector<std::pair<std::string, std::string>>{
           {"GET", kApi + "/device?deviceId=1"},            // public, but not a call the console makes
           {"GET", kApi + "/device/online?deviceId=1"},     //
           {"GET", kApi + "/users?page=0&size=5&debug=1"},  // an unknown parameter
           {"GET", kApi + "/user?userId=1&userId=2&x=1"},   //
           {"GET", kApi + "/user?userId=1&userId=2"},       // a parameter twice: which would the upstream take?
           {"GET", kApi + "?orgId=1&orgId=2"},              //
           {"PUT", kApi + "/users/role?userId=3&roleId=2&roleId=1"},
           {"GET", kApi + "/tags?orgId=1"},  //
           {"GET", kApi + "/roles"},         // the extensions of contract section 6
           {"GET", kApi + "/user/actions-log?userId=1&from=0&to=1"},
           {"PUT", kApi + "/user?userId=1"},
           {"POST", kApi + "/users/create-in-org?orgId=1"},  // allowed, but never with parameters
           {"POST", kApi + "/users/transfer?userId=1"},      //
           {"POST", kApi + "/user/suspend?userId=1"},        // the administration extensions (section 7)
           {"POST", kApi + "/users/bulk"},
           {"GET", kApi + "/users/export.csv"},
           {"DELETE", kApi + "/user?userId=1"},
           {"DELETE", kApi + "/users?userId=1"},
           {"PUT", kApi + "/users?page=0"},  // a listed path with another method
           {"GET", "/api/v1/organization/../organization/users"},
           {"GET", "/api/v2/organization/users"},
       }) {
    const std::string method = verb, path = target;  // CAPTURE cannot name a structured binding
    CAPTURE(method);
    CAPTURE(path);
    before = rp.seen();
    auto r = rp.proxy.send(method, cookie, path, method == "GET" ? "" : "{}");
    CHECK(r.status == 404);
    CHECK(r.message().rfind("No such endpoint", 0) == 0);
    const std::string reached = rp.lines_since(before);
    CAPTURE(reached);
    CHECK(reached.empty());
  }
  // The token endpoint is not forwarded either: the proxy's client is not lent to the browser.
  before = rp.seen();
  auto token = rp.proxy.client()->Post("/oauth2/token?grant_type=client_credentials", "", "text/plain");
  REQUIRE(token);
  CHECK(token->status == 404);
  CHECK(rp.lines_since(before).empty());
  // And allowed calls still reach it afterwards, a change included.
  before = rp.seen();
  CHECK(rp.proxy.send("PUT", cookie, kApi + "/users/role?userId=3&roleId=2").status == 200);
  CHECK(rp.reached_since(before, "PUT /api/v1/organization/users/role?"));
}

TEST_CASE("no other spelling of a call reaches the upstream, nor an admin call for a lesser role") {
  RecordingProxy rp;
  auto admin = rp.proxy.sign_in("admin@ops.test"), viewer = rp.proxy.sign_in("viewer@ops.test"),
       staff = rp.proxy.sign_in("staff@ops.test");
  const std::size_t before = rp.seen();
  for (const std::string path :
       {"/api/v1/organization/users/", "//api/v1/organization/users", "/api/v1//organization/users",
        "/API/v1/organization/users", "/api/v1/Organization/users", "/api/v1/organization/users%00",
        "/api/v1/organization/users;page=0", "/api/v1/organization/users%3Fpage=0", "/api/v1/organization/./users",
        "/api/v1/organization/users%2F", "/api/v1/organization/users?page=0&page%00=1",
        "/api/v1/organization/users?Page=0", "/api/v1/organization/users?page=0&=1"}) {
    CAPTURE(path);
    auto r = rp.proxy.get(admin, path);
    CHECK(r.status == 404);
  }
  for (const char* method : {"HEAD", "OPTIONS", "get", "PATCH", "TRACE"}) {
    CAPTURE(method);
    CHECK(rp.proxy.send(method, admin, "/api/v1/organization/users?page=0&size=5").status == 404);
  }
  // "%2F" decodes to "/" before the allow-list: the canonical call, with its own permission.
  for (const auto& who : {viewer, staff}) {
    CHECK(rp.proxy.send("PUT", who, "/api/v1/organization/users%2Frole?userId=3&roleId=1").status == 403);
    CHECK(rp.proxy.send("PUT", who, "/api/v1/organization/users/rol%65?userId=3&roleId=1").status == 403);
    CHECK(rp.proxy.send("POST", who, "/api/v1/organization/users%2finvite", "{}").status == 403);
    CHECK(rp.proxy.send("PUT", who, "/api/v1/organization/users/role/?userId=3&roleId=1").status == 404);
    CHECK(rp.proxy.send("put", who, "/api/v1/organization/users/role?userId=3&roleId=1").status == 404);
  }
  CHECK(rp.proxy.get(viewer, "/api/v1/organization/devic%65s?page=0&size=5").status == 403);
  const std::string reached = rp.lines_since(before);
  CAPTURE(reached);
  CHECK(reached.empty());
  // The canonical spelling, by a role that may, does reach it.
  CHECK(rp.proxy.get(viewer, "/api/v1/organization/users?page=0&size=5").status == 200);
  CHECK(rp.reached_since(before, "GET /api/v1/organization/users?"));
}

TEST_CASE("the proxy's session rules: no session 401, a change without X-Requested-With 403") {
  ProxyProcess& proxy = shared_proxy();
  CHECK(proxy.get("", kApi + "/users?page=0&size=5").status == 401);
  CHECK(proxy.get("roster_session=forged", kApi + "/users?page=0&size=5").status == 401);
  auto cookie = proxy.sign_in("admin@ops.test");
  auto r = proxy.send("PUT", cookie, kApi + "/users/role?userId=3&roleId=2", "", false);
  CHECK(r.status == 403);
  CHECK(r.message().find("X-Requested-With") != std::string::npos);
  json bad = {{"email", "admin@ops.test"}, {"password", "wrong"}};
  auto wrong = proxy.client()->Post("/api/session", bad.dump(), "application/json");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  auto form = proxy.client()->Post("/api/session", "email=admin%40ops.test", "application/x-www-form-urlencoded");
  REQUIRE(form);
  CHECK(form->status == 415);
}

TEST_CASE("five wrong passwords lock an operator out, as roster-server's own accounts are") {
  const Upstream& up = shared_upstream();
  // A store of its own: the lock-out is kept in the store, for every proxy that shares it.
  static const std::string store = make_operators_db("lock-out");
  ProxyProcess proxy(proxy_args(up, {"--db", store}));
  json bad = {{"email", "staff@ops.test"}, {"password", "wrong-password"}};
  for (int i = 0; i < 5; ++i) {
    auto r = proxy.client()->Post("/api/session", bad.dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == (i < 4 ? 401 : 429));  // the fifth failure locks the account at once
  }
  json good = {{"email", "staff@ops.test"}, {"password", kOperatorPassword}};
  auto locked = proxy.client()->Post("/api/session", good.dump(), "application/json");
  REQUIRE(locked);
  CHECK(locked->status == 429);
  CHECK_FALSE(locked->get_header_value("Retry-After").empty());
}

TEST_CASE("roles are enforced before forwarding: viewer reads, staff also devices, admin also writes") {
  const Upstream& up = shared_upstream();
  ProxyProcess& proxy = shared_proxy();
  const std::string users = kApi + "/users?page=0&size=5", devices = kApi + "/devices?page=0&size=5",
                    org = kApi + "?orgId=1", role = kApi + "/users/role?userId=12&roleId=2";
  const std::string invite = json{{"email", "new.person@example.test"}, {"name", "New Person"}, {"roleId", 3}}.dump();

  auto viewer = proxy.sign_in("viewer@ops.test");
  CHECK(proxy.get(viewer, users).status == 200);
  CHECK(proxy.get(viewer, org).status == 200);
  CHECK(proxy.get(viewer, devices).status == 403);
  CHECK(proxy.get(viewer, kApi + "/device/by-owner?ownerEmail=a%40b.c&page=0&size=5").status == 403);
  CHECK(proxy.send("PUT", viewer, role).status == 403);
  CHECK(proxy.send("POST", viewer, kApi + "/users/invite", invite).status == 403);

  auto staff = proxy.sign_in("staff@ops.test");
  CHECK(proxy.get(staff, users).status == 200);
  CHECK(proxy.get(staff, devices).status == 200);
  auto refused = proxy.send("PUT", staff, role);
  CHECK(refused.status == 403);
  CHECK(refused.message() == "Your role (staff) does not allow this action.");
  CHECK(proxy.send("POST", staff, kApi + "/users/invite", invite).status == 403);
  CHECK(up.get(kApi + "/user?userId=12").json["roleId"] != 2);  // nothing reached the upstream

  auto admin = proxy.sign_in("admin@ops.test");
  auto changed = proxy.send("PUT", admin, role);
  CHECK(changed.status == 200);
  CHECK(changed.json["roleId"] == 2);
  CHECK(up.get(kApi + "/user?userId=12").json["roleId"] == 2);
  auto invited = proxy.send("POST", admin, kApi + "/users/invite", invite);
  CHECK(invited.status == 201);
  CHECK(invited.json["status"] == "Pending");
  auto garbled = proxy.send("POST", admin, kApi + "/users/invite", invite + "}{");  // refused by the proxy
  CHECK(garbled.status == 400);
  CHECK(garbled.message() == "The request body is not valid JSON.");
  auto again = proxy.send("POST", admin, kApi + "/users/invite", invite);  // the upstream's 400, passed on
  CHECK(again.status == 400);
  CHECK(again.message().find("already in use") != std::string::npos);

  // Create and transfer, the admin's other public calls: refused below Admin before the upstream.
  const std::string create = json{
      {"email", "created.person@example.test"},
      {"passwordHash", "p0sB//HIWVH2MMOYAFN9JtHHvOtOlcoBpYAgcgKXpkQ="},
      {"name", "Created Person"},
      {"orgId", 1},
      {"roleId", 3}}.dump();
  const std::string transfer = json{{"userId", 14}, {"targetOrgId", 2}, {"roleId", 3}}.dump();
  for (const auto& who : {viewer, staff}) {
    CHECK(proxy.send("POST", who, kApi + "/users/create-in-org", create).status == 403);
    CHECK(proxy.send("POST", who, kApi + "/users/transfer", transfer).status == 403);
  }
  CHECK(up.get(kApi + "/search/users?query=created.person").json["totalElements"] == 0);
  auto created = proxy.send("POST", admin, kApi + "/users/create-in-org", create);
  CHECK(created.status == 201);
  CHECK(created.json["email"] == "created.person@example.test");
  auto moved = proxy.send("POST", admin, kApi + "/users/transfer", transfer);
  INFO(moved.body);
  CHECK(moved.status == 201);
  CHECK(up.get(kApi + "/user?userId=14").json["orgId"] == 2);
}

TEST_CASE("\"Get user info\" answers are cached for --user-info-ttl; a role change through the proxy drops one") {
  const Upstream& up = shared_upstream();
  ProxyProcess cached(proxy_args(up, {"--user-info-ttl", "300"}));
  auto cookie = cached.sign_in("admin@ops.test");
  const std::string path = kApi + "/user?userId=20";
  up.put(kApi + "/users/role?userId=20&roleId=3");
  CHECK(cached.get(cookie, path).json["roleId"] == 3);
  up.put(kApi + "/users/role?userId=20&roleId=2");  // behind the proxy's back
  CHECK(cached.get(cookie, path).json["roleId"] == 3);
  CHECK(shared_proxy().get(shared_proxy().sign_in("viewer@ops.test"), path).json["roleId"] == 2);  // ttl 0
  auto changed = cached.send("PUT", cookie, kApi + "/users/role?userId=20&roleId=1");
  CHECK(changed.status == 200);
  CHECK(cached.get(cookie, path).json["roleId"] == 1);
  // A transfer names its user in the body: that user's cached answer goes too. (A plain User: an
  // organization's last Admin may not leave it.)
  const auto list = up.get(kApi + "/users?includeSubOrgUsers=true&page=0&size=100");
  std::int64_t user = 0;
  for (const auto& u : list.json["content"])
    if (u["roleId"] == 3 && u["id"].get<std::int64_t>() > 30) user = u["id"].get<std::int64_t>();
  REQUIRE(user != 0);
  const std::string user_path = kApi + "/user?userId=" + std::to_string(user);
  const int org = cached.get(cookie, user_path).json["orgId"].get<int>(), other = org == 2 ? 3 : 2;
  auto moved = cached.send("POST", cookie, kApi + "/users/transfer",
                           json{{"userId", user}, {"targetOrgId", other}, {"roleId", 3}}.dump());
  INFO(moved.body);
  CHECK(moved.status == 201);
  CHECK(cached.get(cookie, user_path).json["orgId"] == other);
}

TEST_CASE("the client secret appears in no response, header, log line or served page") {
  const Upstream& up = shared_upstream();
  namespace fs = std::filesystem;
  const std::string web = temp_dir() + "/web";
  fs::create_directories(web);
  write_file("web/index.html", "<!doctype html><title>Roster</title><script src=\"app.js\"></script>\n");
  ProxyProcess proxy(proxy_args(up, {"--web", web}));
  std::string seen;
  auto record = [&](const httplib::Result& r) {
    REQUIRE(r);
    seen += std::to_string(r->status) + "\n" + r->body;
    for (const auto& [k, v] : r->headers) seen += k + ": " + v + "\n";
  };
  json sign_in = {{"email", "admin@ops.test"}, {"password", kOperatorPassword}};
  auto c = proxy.client();
  auto signed_in = c->Post("/api/session", sign_in.dump(), "application/json");
  record(signed_in);
  httplib::Headers h = {
      {"Cookie",
       signed_in->get_header_value("Set-Cookie").substr(0, signed_in->get_header_value("Set-Cookie").find(';'))},
      {"X-Requested-With", "t"}};
  for (const char* path :
       {"/", "/index.html", "/api/session", "/api/v1/organization/users?page=0&size=50", "/api/v1/organization/profile",
        "/api/v1/organization/roles", "/oauth2/token", "/api/v1/organization/user?userId=1", "/nope"})
    record(c->Get(path, h));
  record(c->Post("/oauth2/token?grant_type=client_credentials", h, "", "text/plain"));
  CHECK(seen.find("<title>Roster</title>") != std::string::npos);  // the page was served
  CHECK(seen.find("Olena") != std::string::npos);                  // and data was forwarded
  CHECK(seen.find(up.secret) == std::string::npos);
  const std::string log = proxy.log();
  CHECK(log.find("forwarding to https://127.0.0.1:") != std::string::npos);
  CHECK(log.find(up.secret) == std::string::npos);
}

TEST_CASE("the proxy serves HTTPS with --tls-cert/--tls-key: a Secure cookie and HSTS") {
  const Upstream& up = shared_upstream();
  ProxyProcess proxy(proxy_args(up, {"--tls-cert", test_pki().cert, "--tls-key", test_pki().key}));
  httplib::Client c("https://127.0.0.1:" + std::to_string(proxy.port()));
  c.enable_server_certificate_verification(true);
  c.set_ca_cert_path(test_pki().ca.c_str());
  json body = {{"email", "viewer@ops.test"}, {"password", kOperatorPassword}};
  auto signed_in = c.Post("/api/session", body.dump(), "application/json");
  REQUIRE(signed_in);
  CHECK(signed_in->status == 200);
  auto cookie = signed_in->get_header_value("Set-Cookie");
  CHECK(cookie.find("; Secure") != std::string::npos);
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  auto users = c.Get((kApi + "/users?page=0&size=5").c_str(), {{"Cookie", cookie.substr(0, cookie.find(';'))}});
  REQUIRE(users);
  CHECK(users->status == 200);
  CHECK(users->get_header_value("Strict-Transport-Security") == "max-age=31536000");
  CHECK(users->get_header_value("Cache-Control") == "private, no-store");
}
