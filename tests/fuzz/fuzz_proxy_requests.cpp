// libFuzzer: requests to `roster-server proxy` running in this process, in front of a public-API-only
// roster-server also running here (plain HTTP on 127.0.0.1, the one upstream that may be plain).
// Any method, route, query string, body and caller (an admin or a viewer operator, nobody, a forged
// cookie, a change without X-Requested-With, a kiosk token of the proxy's database with any
// If-None-Match, a forged kiosk token); the proxy must answer every one with a status it
// documents and, for JSON, a body that parses, and never with the client secret in it. A crash, a
// sanitizer report, a hang or a dropped connection is a finding.
// Input: byte 0 method, byte 1 route, byte 2 caller; then the query string, a newline, the body.
#include "model/password_hash.h"
#include "request_text.h"
#include "server/app/app.h"
#include "server/db/kiosk_tokens_repository.h"
#include "server/db/proxy_store_sqlite.h"
#include "server/proxy/proxy_app.h"
#include "server/commands/seed.h"
#include "server/base/clock.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <thread>

using namespace roster::server;

namespace {

App* g_upstream = nullptr;
proxy::ProxyApp* g_proxy = nullptr;
httplib::Client* g_client = nullptr;
std::string g_admin, g_viewer, g_kiosk, g_secret;
SignInTally g_sign_ins;

const char* const kRoutes[] = {"/api/v1/organization/users",
                               "/api/v1/organization/search/users",
                               "/api/v1/organization/user",
                               "/api/v1/organization/users/role",
                               "/api/v1/organization/users/invite",
                               "/api/v1/organization/users/create-in-org",
                               "/api/v1/organization/profile",
                               "/api/v1/organization",
                               "/api/v1/organization/sub-organizations",
                               "/api/v1/organization/roles",
                               "/api/v1/organization/devices",
                               "/api/v1/organization/search/devices",
                               "/api/v1/organization/device/by-owner",
                               "/api/v1/organization/device",
                               "/api/v1/organization/user/actions-log",
                               "/api/v1/other",
                               "/api/session",
                               "/oauth2/token",
                               "/",
                               "/nope"};
constexpr std::size_t kRouteCount = sizeof kRoutes / sizeof kRoutes[0];

void fail(const char* why, int status, const std::string& body) {
  std::fprintf(stderr, "fuzz_proxy_requests: %s (HTTP %d): %.300s\n", why, status, body.c_str());
  std::abort();
}

template <class Server>
void start(Server* server) {
  std::thread([server] { server->run(); }).detach();
  for (int i = 0; i < 500 && server->bound_port() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (server->bound_port() == 0) fail("a server did not start", 0, "");
}

std::string sign_in(const std::string& email) {
  nlohmann::json body = {{"email", email}, {"password", "operator-pass-1"}};
  auto r = g_client->Post("/api/session", body.dump(), "application/json");
  if (!r || r->status != 200) fail("operator sign-in failed", r ? r->status : 0, r ? r->body : "");
  auto cookie = r->get_header_value("Set-Cookie");
  return cookie.substr(0, cookie.find(';'));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto dir = std::filesystem::temp_directory_path() / ("roster-fuzz-proxy-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  static const std::filesystem::path kDir = dir;
  std::atexit([] {
    std::error_code ignored;
    std::filesystem::remove_all(kDir, ignored);
  });
  std::atexit([] { g_sign_ins.print("fuzz_proxy_requests"); });
  SeedOptions seed;
  seed.db_path = (dir / "upstream.db").string();
  seed.users = 300;
  seed.orgs = 6;
  seed.force = true;
  SeedResult seeded;
  std::string error;
  if (!seed_database(seed, seeded, error)) fail(error.c_str(), 0, "");
  ServeOptions up;
  up.db_path = seed.db_path;
  up.port = 0;
  up.threads = 4;
  up.rate_limit_per_minute = 100'000'000;
  up.public_api_only = true;
  g_upstream = new App(up);
  if (!g_upstream->init(error)) fail(error.c_str(), 0, "");
  start(g_upstream);

  const std::string operators = (dir / "operators.db").string();
  {
    proxy::SqliteProxyStore store(operators, true);
    if (!store.prepare(error)) fail(error.c_str(), 0, "");
    for (const auto& [email, role] : {std::pair{"admin@ops.test", proxy::OperatorRole::Admin},
                                      std::pair{"viewer@ops.test", proxy::OperatorRole::Viewer}})
      if (store.add_operator(email, role, roster::blynk_password_hash(email, "operator-pass-1"), 0) !=
          proxy::ProxyStore::Added::Yes)
        fail("cannot add an operator", 0, email);
    auto token = store.issue_kiosk_token(1, 86'400'000, "fuzz", now_ms());
    if (!token.answered) fail("cannot issue a kiosk token", 0, "");
    g_kiosk = token.value.token;
  }
  proxy::ProxyOptions o;
  o.upstream.tls = false;
  o.upstream.host = "127.0.0.1";
  o.upstream.port = g_upstream->bound_port();
  o.client_id = seeded.client_id;
  o.client_secret = g_secret = seeded.client_secret;
  o.db_path = operators;
  o.port = 0;
  o.threads = 4;
  o.upstream_rate_per_minute = 10'000;
  g_proxy = new proxy::ProxyApp(o);
  if (!g_proxy->init(error)) fail(error.c_str(), 0, "");
  start(g_proxy);
  g_client = new httplib::Client("127.0.0.1", g_proxy->bound_port());
  g_client->set_keep_alive(true);
  g_client->set_read_timeout(30, 0);
  g_admin = sign_in("admin@ops.test");
  g_viewer = sign_in("viewer@ops.test");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A fresh throttle for each input: otherwise 20 failed sign-ins from 127.0.0.1 (or 5 on one account)
  // would leave the rest of the run meeting only the lock-out.
  g_proxy->reset_throttle_for_tests();
  if (size < 3) return 0;
  static const char* const kMethods[] = {"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"};
  const std::string method = kMethods[data[0] % 6];
  std::string path = kRoutes[data[1] % kRouteCount];
  std::string rest(reinterpret_cast<const char*>(data + 3), size - 3);
  auto newline = rest.find('\n');
  std::string query = query_text(rest.substr(0, newline));
  std::string body = newline == std::string::npos ? "" : rest.substr(newline + 1);
  if (!query.empty()) path += "?" + query;
  // Signing out would end the run's sessions.
  if (path.rfind("/api/session", 0) == 0 && method == "DELETE") return 0;

  httplib::Request req;
  req.method = method;
  req.path = path;
  req.body = body;
  req.set_header("Content-Type", "application/json");
  switch (data[2] % 7) {
    case 0: req.set_header("Cookie", g_admin); break;
    case 1: req.set_header("Cookie", g_viewer); break;
    case 2: req.set_header("Cookie", "roster_session=" + query_text(body.substr(0, 64))); break;
    case 3: break;  // nobody
    case 5:
      req.set_header("Authorization", "Bearer " + g_kiosk);
      req.set_header("If-None-Match", query_text(body.substr(0, 80)));
      break;
    case 6: req.set_header("Authorization", "Bearer kiosk_" + query_text(body.substr(0, 64))); break;
    default: req.set_header("Cookie", g_admin); break;
  }
  if (data[2] % 7 != 4) req.set_header("X-Requested-With", "roster");
  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  if (!g_client->send(req, res, error)) fail("no answer", 0, httplib::to_string(error));
  // 413, 414 and 431 are the HTTP layer's own answers to a body, a request line or headers past its
  // limits (README, "The HTTP layer"): a seed with a 120 KB body can be crossed into the query.
  static const std::set<int> kStatuses = {200, 201, 204, 304, 400, 401, 403, 404, 413, 414, 415, 429, 431, 502, 504};
  if (!kStatuses.count(res.status)) fail("status outside the proxy's", res.status, res.body);
  if (res.get_header_value("Content-Type").find("application/json") != std::string::npos && !res.body.empty() &&
      nlohmann::json::parse(res.body, nullptr, false).is_discarded())
    fail("a JSON answer that does not parse", res.status, res.body);
  if (res.body.find(g_secret) != std::string::npos) fail("the client secret in an answer", res.status, res.body);
  for (const auto& [k, v] : res.headers)
    if (v.find(g_secret) != std::string::npos) fail("the client secret in a header", res.status, k);
  if (path.rfind("/api/session", 0) == 0 && method == "POST") {
    if (res.status == 429 && res.body.find("Too many failed sign-ins") != std::string::npos)
      ++g_sign_ins.locked_out;
    else if (res.status == 200 || res.body.find("Wrong email or password") != std::string::npos)
      ++g_sign_ins.checked;
  }
  return 0;
}
