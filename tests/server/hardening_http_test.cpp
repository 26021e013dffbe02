// Attacks on the HTTP layer, sent as an attacker would (raw bytes where a client library would
// normalise them), each followed by a check that the server still answers normally: paths out of
// the web root, bytes that are not UTF-8, slow and half-sent requests, the body and head limits
// however the request is framed, and the smaller rules (HEAD, Range, Cache-Control, HSTS).
#include "api_helpers.h"
#include "raw_http.h"
#include "test_certificate.h"

#include <doctest/doctest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

using namespace roster::test;
using nlohmann::json;

namespace {

std::string get_request(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra + "\r\n";
}

// The server answers an ordinary request, with a token, at once.
void check_still_serving(const ServerProcess& s) {
  auto c = s.client();
  c->set_read_timeout(3, 0);
  auto r = c->Get("/api/session");
  REQUIRE_MESSAGE(r, "the server no longer answers");
  CHECK(r->status == 401);
}

std::string gzip_of(const std::string& text) {
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, text.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace

TEST_CASE("static files: no spelling of a path leaves the web root, and each is the same 404 as an absent file") {
  namespace fs = std::filesystem;
  auto base = temp_dir() + "/escape";
  fs::remove_all(base);
  fs::create_directories(base + "/web/sub");
  std::ofstream(base + "/web/index.html") << "<!doctype html><title>Roster</title>";
  std::ofstream(base + "/web/sub/page.html") << "page";
  std::ofstream(base + "/secret.txt") << "secret-outside";
  fs::create_symlink(base + "/secret.txt", base + "/web/link.txt");            // a symlink that points out
  fs::create_symlink("/etc", base + "/web/etc");                               // a folder that points out
  fs::create_symlink(base + "/web/sub/page.html", base + "/web/inside.html");  // one that stays in
  ServerProcess s(shared_db().path, {"--web", base + "/web"});

  auto absent = raw_exchange(s.port(), get_request("/no-such-file.txt"));
  REQUIRE(status_of(absent) == 404);
  const std::vector<std::string> attacks = {"//etc/passwd",
                                            "/%2Fetc%2Fpasswd",
                                            "/%2fetc%2fpasswd",
                                            "/%2F%2Fetc/passwd",
                                            "//proc/self/root/etc/passwd",
                                            "//proc/self/cwd/" + shared_db().path,
                                            "/..%2Fsecret.txt",
                                            "/..%2fsecret.txt",
                                            "/%2e%2e/secret.txt",
                                            "/%2E%2E%2Fsecret.txt",
                                            "/.%2e/secret.txt",
                                            "/%2e./secret.txt",
                                            "/sub/../../secret.txt",
                                            "/sub/%2e%2e/%2e%2e/secret.txt",
                                            "/sub/..%2f..%2fsecret.txt",
                                            "/..\\secret.txt",
                                            "/%5c..%5csecret.txt",
                                            "/sub\\..\\..\\secret.txt",
                                            "/%00",
                                            "/index.html%00.js",
                                            "/index.html%00",
                                            "/%c0%ae%c0%ae/secret.txt",
                                            "/..;/secret.txt",
                                            "/link.txt",
                                            "/etc/passwd",
                                            "/etc/hostname",
                                            "/./index.html",
                                            "/sub//page.html",
                                            "/sub/./page.html",
                                            "/%ff/..",
                                            "/" + base + "/secret.txt",
                                            "/%2F" + base.substr(1) + "/secret.txt"};
  for (const auto& target : attacks) {
    CAPTURE(target);
    auto answer = raw_exchange(s.port(), get_request(target));
    CHECK(status_of(answer) == 404);
    CHECK(body_of(answer) == body_of(absent));
    CHECK(answer.find("root:") == std::string::npos);
    CHECK(answer.find("secret-outside") == std::string::npos);
  }
  // What is inside is served, a symlink that stays inside included.
  CHECK(body_of(raw_exchange(s.port(), get_request("/sub/page.html"))) == "page");
  CHECK(body_of(raw_exchange(s.port(), get_request("/inside.html"))) == "page");
  CHECK(status_of(raw_exchange(s.port(), get_request("/"))) == 200);
  // A raw NUL or space in the request line is not a path at all: a malformed request.
  CHECK(status_of(raw_exchange(s.port(), std::string("GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n", 32))) == 400);
  check_still_serving(s);
}

TEST_CASE("a path that is not UTF-8 gets a JSON 404 for every method, and the server carries on") {
  ServerProcess s(shared_db().path);
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "GET", "OPTIONS", "BREW"}) {
    CAPTURE(method);
    auto answer =
        raw_exchange(s.port(), std::string(method) + " /%ff%fe HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    int status = status_of(answer);
    CHECK(status == (std::string(method) == "OPTIONS" ? 403 : 404));  // OPTIONS without an allowed origin: 403
    if (status == 404) {
      auto body = json::parse(body_of(answer), nullptr, false);
      REQUIRE_FALSE(body.is_discarded());
      CHECK(body["error"]["message"].get<std::string>().find("No such endpoint") == 0);
    }
  }
  auto api = as_client(s, shared_db());
  auto search = api.get("/api/v1/organization/search/users?query=%ff%fe");
  CHECK((search.status == 200 || search.status == 400));
  CHECK_FALSE(search.json.is_discarded());
  auto bad_json =
      api.post("/api/v1/organization/users/invite", "{\"email\":\"a@b.co\",\"name\":\"\xff\xfe\",\"roleId\":3}");
  CHECK(bad_json.status == 400);
  CHECK_FALSE(bad_json.json.is_discarded());
  check_still_serving(s);
}

TEST_CASE("256 half-sent requests and bodiless POSTs from another address hold no worker; idle sockets are closed") {
  ServerProcess s(shared_db().path);
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 256; ++i) {
    slow.push_back(std::make_unique<RawConnection>(s.port(), "127.0.0.2"));
    REQUIRE(slow.back()->connected());
    slow.back()->send("GET /api/v1/organization/users HTTP/1.1\r\nHost: x\r\nX-Half: ");
  }
  for (int i = 0; i < 8; ++i) {  // from another address, so that the 256 stay within their cap
    slow.push_back(std::make_unique<RawConnection>(s.port(), "127.0.0.6"));
    slow.back()->send(
        "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n");
  }
  // A fresh client is answered while all of them are open (cpp-httplib's server made it wait 10 s).
  auto c = s.client();
  c->set_read_timeout(2, 0);
  auto token = c->Post(("/oauth2/token?grant_type=client_credentials&client_id=" +
                        shared_db().info["oauthClient"]["clientId"].get<std::string>() +
                        "&client_secret=" + shared_db().info["oauthClient"]["clientSecret"].get<std::string>())
                           .c_str(),
                       "", "text/plain");
  REQUIRE(token);
  CHECK(token->status == 200);
  RawConnection fresh(s.port());
  fresh.send(get_request("/api/session"));
  CHECK(status_of(fresh.read_answer(2000)) == 401);

  // Half-sent requests are closed (with a 408) once the 5 s head timeout passes; bodies that never
  // come within the 10 s request timeout.
  int closed = 0;
  for (auto& conn : slow)
    if (conn->closed_by_server(closed == 0 ? 12000 : 6000)) ++closed;
  CHECK(closed == static_cast<int>(slow.size()));

  // An idle kept-alive connection is closed after its 5 s too.
  RawConnection idle(s.port());
  idle.send("GET /api/session HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(status_of(idle.read_answer(2000)) == 401);
  CHECK(idle.closed_by_server(8000));
  check_still_serving(s);
}

TEST_CASE(
    "a cap per client address: past it the address's oldest idle connection makes room, and requests still get "
    "through") {
  ServerProcess s(shared_db().path, {"--max-connections-per-address", "16"});
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 40; ++i) idle.push_back(std::make_unique<RawConnection>(s.port(), "127.0.0.3"));
  RawConnection fresh(s.port(), "127.0.0.3");
  fresh.send(get_request("/api/session"));
  CHECK(status_of(fresh.read_answer(2000)) == 401);
  // The newest 15 and the fresh one are open (checked first, well inside the 5 s idle timeout); the
  // oldest 25 were closed to make room for them.
  int open_late = 0, closed_early = 0;
  for (int i = 25; i < 40; ++i) open_late += idle[static_cast<std::size_t>(i)]->closed_by_server(20) ? 0 : 1;
  for (int i = 0; i < 25; ++i) closed_early += idle[static_cast<std::size_t>(i)]->closed_by_server(200) ? 1 : 0;
  CHECK(open_late == 15);
  CHECK(closed_early == 25);
  // Another address is not affected by this one's cap.
  check_still_serving(s);
}

TEST_CASE("bodies over 2 MB are refused however they are framed, compressed bodies are refused, heads are capped") {
  ServerProcess s(shared_db().path);
  // Warm up first (a worker's database connection and allocator arena), so that only the attacks
  // are measured.
  for (int i = 0; i < 4; ++i)
    status_of(raw_exchange(s.port(),
                           "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           "Content-Length: 2\r\n\r\n{}"));
  const long rss_before = resident_kb(s.pid());
  const std::string post = "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";

  SUBCASE("60 MB chunked: 413 before the third megabyte, memory flat") {
    RawConnection c(s.port());
    c.send(post + "Transfer-Encoding: chunked\r\n\r\n");
    std::string chunk = "100000\r\n" + std::string(0x100000, 'a') + "\r\n";
    int sent = 0;
    while (sent < 60 && c.send(chunk)) ++sent;
    CHECK(sent < 60);
    CHECK(status_of(c.read_answer(3000)) == 413);
  }
  SUBCASE("a Content-Length over 2 MB: 413 at once, without reading the body") {
    auto answer = raw_exchange(s.port(), post + "Content-Length: 62914560\r\n\r\n");
    CHECK(status_of(answer) == 413);
    CHECK(json::parse(body_of(answer), nullptr, false)["error"]["message"].get<std::string>().find("2 MB") !=
          std::string::npos);
  }
  SUBCASE("a 59 KB gzip body that would inflate to 60 MB: 415, not inflated") {
    std::string bomb = gzip_of("{\"email\":\"" + std::string(60 * 1024 * 1024, 'a') + "\"}");
    CHECK(bomb.size() < 100 * 1024);
    auto answer =
        raw_exchange(s.port(), post + "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(bomb.size()) +
                                   "\r\n\r\n" + bomb);
    CHECK(status_of(answer) == 415);
    CHECK(status_of(raw_exchange(
              s.port(), post + "Content-Encoding: deflate\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n")) ==
          415);
  }
  SUBCASE("120,000 header lines, a 10 KB header line, a 10 KB request line") {
    std::string many = "GET /api/session HTTP/1.1\r\n";
    for (int i = 0; i < 120000; ++i) many += "X-A: b\r\n";
    RawConnection c(s.port());
    c.send(many + "\r\n");
    CHECK(status_of(c.read_answer(3000)) == 431);
    CHECK(status_of(raw_exchange(s.port(),
                                 get_request("/api/session", "X-Long: " + std::string(10240, 'x') + "\r\n"))) == 431);
    CHECK(status_of(raw_exchange(s.port(), get_request("/api/session?q=" + std::string(10240, 'x')))) == 414);
  }
  SUBCASE("ambiguous or unknown framing is refused, never guessed") {
    CHECK(status_of(raw_exchange(s.port(),
                                 post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")) == 400);
    CHECK(status_of(raw_exchange(s.port(), post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef")) == 400);
    CHECK(status_of(raw_exchange(s.port(), post + "Content-Length: -1\r\n\r\n")) == 400);
    CHECK(status_of(raw_exchange(s.port(), post + "Transfer-Encoding: gzip\r\n\r\n")) == 501);
    CHECK(status_of(raw_exchange(s.port(), post + "Transfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\n")) == 413);
    CHECK(status_of(raw_exchange(s.port(), post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n")) == 400);
    CHECK(status_of(raw_exchange(s.port(), "GET /api/session HTTP/1.1\r\nHost: x\r\n Folded: y\r\n\r\n")) == 400);
    CHECK(status_of(raw_exchange(s.port(), "GET /api/session HTTP/1.1\r\nBad Name: y\r\n\r\n")) == 400);
    CHECK(status_of(raw_exchange(s.port(), "GET /api/session HTTP/2.0\r\n\r\n")) == 505);
  }
  SUBCASE("a chunked body under the limit is read whole and reaches the route") {
    std::string body = R"({"email":"admin@roster.demo","password":"roster-demo"})";
    std::string framed;
    for (char ch : body) framed += "1\r\n" + std::string(1, ch) + "\r\n";
    auto answer =
        raw_exchange(s.port(), post + "Transfer-Encoding: chunked\r\n\r\n" + framed + "0\r\nX-Trailer: t\r\n\r\n");
    CHECK(status_of(answer) == 200);
  }
  const long rss_after = resident_kb(s.pid());
  INFO("resident memory before " << rss_before << " KB, after " << rss_after << " KB");
  CHECK(rss_after - rss_before < 2 * 1024 + 4 * 1024);  // the 2 MB limit plus allocator slack
  check_still_serving(s);
}

TEST_CASE("request bodies being received share one memory budget: past it 503, and the budget comes back") {
  ServerProcess s(shared_db().path, {"--max-body-memory", "8"});
  const std::string head =
      "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 2097152\r\n\r\n";
  std::vector<std::unique_ptr<RawConnection>> senders;
  for (int i = 0; i < 4; ++i) {  // 4 x 2 MB announced: the whole budget
    senders.push_back(std::make_unique<RawConnection>(s.port(), "127.0.0.4"));
    senders.back()->send(head + "{");
  }
  RawConnection over(s.port(), "127.0.0.5");
  over.send(head + "{");
  auto refused = over.read_answer(3000);
  CHECK(status_of(refused) == 503);
  CHECK(body_of(refused).find("too many request bodies") != std::string::npos);
  senders.clear();  // they leave; their budget is returned
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::string body = R"({"email":"admin@roster.demo","password":"wrong"})" + std::string(2 * 1024 * 1024 - 60, ' ');
  auto answer = raw_exchange(s.port(),
                             "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             "Content-Length: " +
                                 std::to_string(body.size()) + "\r\n\r\n" + body);
  CHECK(status_of(answer) == 401);
  check_still_serving(s);
}

TEST_CASE("Expect: 100-continue, pipelined requests, a GET with a body") {
  auto& s = shared_server();
  RawConnection c(s.port());
  std::string body = R"({"email":"nobody@roster.demo","password":"x"})";
  c.send(
      "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  auto interim = c.read_head(3000);
  CHECK(interim == "HTTP/1.1 100 Continue\r\n\r\n");
  c.send(body);
  CHECK(status_of(c.read_answer(3000)) == 401);

  RawConnection pipelined(s.port());
  pipelined.send(
      "GET /api/session HTTP/1.1\r\nHost: x\r\n\r\nGET /no-such HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/session HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
  CHECK(status_of(pipelined.read_answer(3000)) == 401);
  CHECK(status_of(pipelined.read_answer(3000)) == 404);
  CHECK(status_of(pipelined.read_answer(3000)) == 401);  // the GET's body was read, the connection kept

  // A client that sends its requests and then ends its side still gets every answer.
  RawConnection half_closed(s.port());
  half_closed.send("GET /api/session HTTP/1.1\r\nHost: x\r\n\r\nGET /no-such HTTP/1.1\r\nHost: x\r\n\r\n");
  half_closed.shutdown_write();
  CHECK(status_of(half_closed.read_answer(3000)) == 401);
  CHECK(status_of(half_closed.read_answer(3000)) == 404);
  CHECK(half_closed.closed_by_server(3000));
  check_still_serving(s);
}

TEST_CASE("HEAD is safe with a cookie, Range is ignored on the API, authenticated answers are private") {
  auto& s = shared_server();
  // The cookie without X-Requested-With: HEAD is as safe as GET.
  auto login =
      s.client()->Post("/api/session", R"({"email":"admin@roster.demo","password":"roster-demo"})", "application/json");
  REQUIRE(login);
  auto jar = login->get_header_value("Set-Cookie");
  jar = jar.substr(0, jar.find(';'));
  auto head = s.client()->Head("/api/v1/organization/users?size=3", {{"Cookie", jar}});
  REQUIRE(head);
  CHECK(head->status == 200);
  // On one connection: HEAD's answer carries no body, so the GET after it is read cleanly.
  RawConnection both(s.port());
  both.send("HEAD /api/v1/organization/users?size=3 HTTP/1.1\r\nHost: x\r\nCookie: " + jar +
            "\r\n\r\nGET /api/session HTTP/1.1\r\nHost: x\r\n\r\n");
  auto head_answer = both.read_head(3000);
  CHECK(status_of(head_answer) == 200);
  CHECK(header_of(head_answer, "Content-Length") != "0");  // the length GET would have
  CHECK(status_of(both.read_answer(3000)) == 401);         // the GET, without the cookie, read as its own answer
  auto get = s.client()->Get("/api/v1/organization/users?size=3", {{"Cookie", jar}});
  REQUIRE(get);
  CHECK(get->get_header_value("ETag") == head->get_header_value("ETag"));

  auto ranged = s.client()->Get("/api/v1/organization/users?size=3", {{"Cookie", jar}, {"Range", "bytes=0-10"}});
  REQUIRE(ranged);
  CHECK(ranged->status == 200);
  CHECK_FALSE(json::parse(ranged->body, nullptr, false).is_discarded());

  auto bearer = as_client(s, shared_db()).get("/api/v1/organization/users?size=3");
  for (const auto& cache : {get->get_header_value("Cache-Control"), bearer.header("Cache-Control")}) {
    CHECK(cache.find("private") != std::string::npos);
    CHECK(cache.find("no-cache") != std::string::npos);
  }
  auto profile = as_client(s, shared_db()).get("/api/v1/organization/profile");
  CHECK(profile.header("Cache-Control").find("private") != std::string::npos);
  CHECK(profile.header("Strict-Transport-Security").empty());  // plain HTTP: no HSTS
}

TEST_CASE("HTTPS: HSTS on every answer; plain HTTP or a stalled handshake on the TLS port disturbs nothing") {
  auto dir = temp_dir() + "/tls";
  std::filesystem::create_directories(dir);
  write_self_signed(dir + "/cert.pem", dir + "/key.pem");
  ServerProcess s(shared_db().path, {"--tls-cert", dir + "/cert.pem", "--tls-key", dir + "/key.pem"});
  httplib::SSLClient tls("127.0.0.1", s.port());
  tls.enable_server_certificate_verification(false);
  tls.set_read_timeout(3, 0);
  auto who = tls.Get("/api/session");
  REQUIRE(who);
  CHECK(who->status == 401);
  CHECK(who->get_header_value("Strict-Transport-Security").find("max-age=") == 0);

  RawConnection stalled(s.port());  // never starts a handshake
  RawConnection plain(s.port());
  plain.send(get_request("/api/session"));
  CHECK(plain.closed_by_server(3000));
  auto id = shared_db().info["oauthClient"]["clientId"].get<std::string>();
  auto secret = shared_db().info["oauthClient"]["clientSecret"].get<std::string>();
  auto token =
      tls.Post(("/oauth2/token?grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret).c_str(), "",
               "text/plain");
  REQUIRE(token);
  CHECK(token->status == 200);
  CHECK(token->get_header_value("Strict-Transport-Security").find("max-age=") == 0);
  // The server's own refusals carry it too (here: too many headers).
  httplib::Headers many;
  for (int i = 0; i < 101; ++i) many.emplace("X-H" + std::to_string(i), "v");
  auto refused = tls.Get("/api/session", many);
  REQUIRE(refused);
  CHECK(refused->status == 431);
  CHECK(refused->get_header_value("Strict-Transport-Security").find("max-age=") == 0);
  CHECK(stalled.closed_by_server(8000));  // the handshake timeout
}
