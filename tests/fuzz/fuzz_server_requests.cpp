// libFuzzer: requests to a real roster-server running in this process (a seeded temporary database,
// port 0), over HTTP on 127.0.0.1. Any method, route, query string, body and caller; the server must
// answer every one with a status from the contract and, for JSON, a body that parses. A crash, a
// sanitizer report, a hang or a dropped connection is a finding.
// Input: byte 0 method, byte 1 route, byte 2 caller; then the query string, a newline, the body.
// Or byte 0 = 0xFF: the rest is sent as it is on a fresh connection (request lines, headers, chunked
// framing, several requests, half a request), the write side closed; every answer must be a status
// of the contract or of the HTTP layer, and the server must go on answering afterwards.
#include "request_text.h"
#include "server/app/app.h"
#include "server/commands/seed.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <thread>

using namespace roster::server;

namespace {

App* g_app = nullptr;
httplib::Client* g_client = nullptr;
std::string g_cookie, g_bearer;
SignInTally g_sign_ins;

const char* const kRoutes[] = {"/api/v1/organization/users",
                               "/api/v1/organization/search/users",
                               "/api/v1/organization/user",
                               "/api/v1/organization/users/role",
                               "/api/v1/organization/users/invite",
                               "/api/v1/organization/users/create-in-org",
                               "/api/v1/organization/users/transfer",
                               "/api/v1/organization/profile",
                               "/api/v1/organization",
                               "/api/v1/organization/search",
                               "/api/v1/organization/sub-organizations",
                               "/api/v1/organization/tags",
                               "/api/v1/organization/roles",
                               "/api/v1/organization/devices",
                               "/api/v1/organization/search/devices",
                               "/api/v1/organization/device/by-owner",
                               "/api/v1/organization/device",
                               "/api/v1/organization/device/online",
                               "/api/v1/organization/user/actions-log",
                               "/api/v1/organization/user/actions-log/histogram",
                               "/api/session",
                               "/oauth2/token",
                               "/",
                               "/roster.js",
                               "/nope"};
constexpr std::size_t kRouteCount = sizeof kRoutes / sizeof kRoutes[0];

void fail(const char* why, int status, const std::string& body) {
  std::fprintf(stderr, "fuzz_server_requests: %s (HTTP %d): %.300s\n", why, status, body.c_str());
  std::abort();
}

// Sends `bytes` on a new connection, closes the write side, reads until the server closes.
std::string raw_round_trip(const std::string& bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(g_app->bound_port()));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) fail("cannot connect", 0, "");
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server refused early and closed: fine
    sent += static_cast<std::size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  std::string out;
  char buf[65536];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 15000) <= 0) fail("the server neither answered nor closed in 15 s", 0, bytes);
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

void check_raw(const std::string& bytes) {
  static const std::set<int> kStatuses = {100, 200, 201, 204, 304, 400, 401, 403, 404, 405, 408,
                                          409, 413, 414, 415, 417, 429, 431, 501, 503, 505};
  std::string answers = raw_round_trip(bytes);
  // Nothing at all is fine (half a request, then the end). Otherwise every answer, framed by its
  // Content-Length, starts with a status line of the contract or the HTTP layer (a HEAD's answer
  // has no body after its length, so framing stops being checkable after one).
  std::size_t pos = 0;
  while (pos < answers.size()) {
    if (answers.compare(pos, 9, "HTTP/1.1 ") != 0) {
      if (bytes.find("HEAD") != std::string::npos) break;
      fail("raw: an answer that is not HTTP", 0, answers.substr(pos));
    }
    int status = std::atoi(answers.c_str() + pos + 9);
    if (!kStatuses.count(status)) fail("raw: status outside the contract", status, answers.substr(pos));
    auto end = answers.find("\r\n\r\n", pos);
    if (end == std::string::npos) fail("raw: an answer cut short", status, answers.substr(pos));
    std::size_t length = 0;
    auto header = answers.find("\r\nContent-Length: ", pos);
    if (header != std::string::npos && header < end) length = std::strtoul(answers.c_str() + header + 18, nullptr, 10);
    pos = end + 4 + (status == 100 || status == 204 || status == 304 ? 0 : length);
  }
  auto alive = g_client->Get("/api/session");
  if (!alive || alive->status != 401) fail("raw: the server stopped answering", alive ? alive->status : 0, bytes);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto dir = std::filesystem::temp_directory_path() / ("roster-fuzz-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  static const std::filesystem::path kDir = dir;
  std::atexit([] {
    std::error_code ignored;
    std::filesystem::remove_all(kDir, ignored);
  });
  std::atexit([] { g_sign_ins.print("fuzz_server_requests"); });
  SeedOptions seed;
  seed.db_path = (dir / "fuzz.db").string();
  seed.users = 300;
  seed.orgs = 6;
  seed.force = true;
  SeedResult seeded;
  std::string error;
  if (!seed_database(seed, seeded, error)) fail(error.c_str(), 0, "");
  ServeOptions o;
  o.db_path = seed.db_path;
  o.port = 0;
  o.threads = 4;
  o.rate_limit_per_minute = 100'000'000;
  g_app = new App(o);
  if (!g_app->init(error)) fail(error.c_str(), 0, "");
  std::thread([] { g_app->run(); }).detach();
  for (int i = 0; i < 500 && g_app->bound_port() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  g_client = new httplib::Client("127.0.0.1", g_app->bound_port());
  g_client->set_keep_alive(true);
  g_client->set_read_timeout(20, 0);
  auto session =
      g_client->Post("/api/session", R"({"email":"admin@roster.demo","password":"roster-demo"})", "application/json");
  if (!session || session->status != 200) fail("sign-in failed", session ? session->status : 0, "");
  auto cookie = session->get_header_value("Set-Cookie");
  g_cookie = cookie.substr(0, cookie.find(';'));
  auto token = g_client->Post(("/oauth2/token?grant_type=client_credentials&client_id=" + seeded.client_id +
                               "&client_secret=" + seeded.client_secret)
                                  .c_str(),
                              "", "application/x-www-form-urlencoded");
  if (!token || token->status != 200) fail("no token", token ? token->status : 0, "");
  g_bearer = "Bearer " + nlohmann::json::parse(token->body).value("access_token", "");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A fresh throttle for each input: otherwise 20 failed sign-ins from 127.0.0.1 (or 5 on one account)
  // would leave the rest of the run meeting only the lock-out.
  g_app->auth().throttle().reset_for_tests();
  if (size >= 1 && data[0] == 0xFF) {
    check_raw(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
    return 0;
  }
  if (size < 3) return 0;
  static const char* const kMethods[] = {"GET", "POST", "PUT", "DELETE"};
  const char* method = kMethods[data[0] % 4];
  std::string path = kRoutes[data[1] % kRouteCount];
  std::string rest(reinterpret_cast<const char*>(data + 3), size - 3);
  auto newline = rest.find('\n');
  std::string query = query_text(rest.substr(0, newline));
  std::string body = newline == std::string::npos ? "" : rest.substr(newline + 1);
  if (!query.empty()) path += "?" + query;
  if (path.rfind("/api/session", 0) == 0 && data[0] % 4 == 3) return 0;  // signing out would end the run's session

  httplib::Request req;
  req.method = method;
  req.path = path;
  req.body = body;
  req.set_header("Content-Type", "application/json");
  req.set_header("X-Requested-With", "roster");
  switch (data[2] % 3) {
    case 0: req.set_header("Cookie", g_cookie); break;
    case 1: req.set_header("Authorization", g_bearer); break;
    default: break;  // nobody
  }
  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  if (!g_client->send(req, res, error)) fail("no answer", 0, httplib::to_string(error));
  static const std::set<int> kStatuses = {200, 201, 204, 304, 400, 401, 403, 404, 405, 409, 413, 415, 429, 431};
  if (!kStatuses.count(res.status)) fail("status outside the contract", res.status, res.body);
  if (res.get_header_value("Content-Type").find("application/json") != std::string::npos && !res.body.empty() &&
      nlohmann::json::parse(res.body, nullptr, false).is_discarded())
    fail("a JSON answer that does not parse", res.status, res.body);
  const bool signing_in =
      (path.rfind("/api/session", 0) == 0 && req.method == "POST") || path.rfind("/oauth2/token", 0) == 0;
  if (signing_in && res.status == 429 && res.body.find("Too many failed") != std::string::npos)
    ++g_sign_ins.locked_out;
  else if (signing_in && (res.status == 200 || res.body.find("Wrong email or password") != std::string::npos ||
                          res.body.find("wrong secret") != std::string::npos))
    ++g_sign_ins.checked;
  return 0;
}
