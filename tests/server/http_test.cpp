// HTTP behaviour: ETags, rate limits, static files and their headers, CORS, and the command line.
#include "api_helpers.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

using namespace roster::test;

TEST_CASE("ETag and If-None-Match: 304 while nothing changed, 200 after a change") {
  auto api = as_client(shared_server(), shared_db());
  auto first = api.get("/api/v1/organization/user?userId=5");
  auto tag = first.header("ETag");
  REQUIRE_FALSE(tag.empty());
  auto again = api.get("/api/v1/organization/user?userId=5", {{"If-None-Match", tag}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  auto list = api.get("/api/v1/organization/users?size=5");
  CHECK(api.get("/api/v1/organization/users?size=5", {{"If-None-Match", list.header("ETag")}}).status == 304);
  CHECK(api.get("/api/v1/organization/users?size=5", {{"If-None-Match", "W/\"other\""}}).status == 200);

  auto nick = first.json["nickName"].get<std::string>() == "etag-a" ? "etag-b" : "etag-a";
  REQUIRE(api.put("/api/v1/organization/user?userId=5", nlohmann::json{{"nickName", nick}}.dump()).status == 200);
  auto changed = api.get("/api/v1/organization/user?userId=5", {{"If-None-Match", tag}});
  CHECK(changed.status == 200);
  CHECK(changed.header("ETag") != tag);
}

TEST_CASE("rate limit: 429 with Retry-After past the per-organization budget") {
  ServerProcess s(shared_db().path, {"--rate-limit", "5"});
  auto api = as_client(s, shared_db());
  for (int i = 0; i < 5; ++i) REQUIRE(api.get("/api/v1/organization/profile").status == 200);
  auto limited = api.get("/api/v1/organization/profile");
  CHECK(limited.status == 429);
  auto wait = std::stoi(limited.header("Retry-After"));
  CHECK(wait >= 1);
  CHECK(wait <= 60);
  CHECK_FALSE(limited.message().empty());
}

TEST_CASE("unknown endpoints and methods answer with the JSON error shape") {
  auto& s = shared_server();
  auto r = to_response(s.client()->Get("/api/v1/organization/nothing-here"));
  CHECK(r.status == 404);
  CHECK_FALSE(r.message().empty());
}

TEST_CASE("static files: types, precompressed gzip, security headers, no way out of the folder") {
  namespace fs = std::filesystem;
  auto web = temp_dir() + "/web";
  fs::create_directories(web);
  std::ofstream(web + "/index.html") << "<!doctype html><title>Roster</title>";
  std::ofstream(web + "/app.wasm", std::ios::binary) << std::string("\0asm\1\0\0\0", 8);
  std::ofstream(web + "/app.js") << "console.log('plain');";
  REQUIRE(std::system(("gzip -kf " + web + "/app.js").c_str()) == 0);
  std::ofstream(temp_dir() + "/secret.txt") << "secret";

  ServerProcess s(shared_db().path, {"--web", web, "--frame-ancestors", "https://console.example"});
  auto c = s.client();
  c->set_decompress(false);
  auto index = to_response(c->Get("/"));
  CHECK(index.status == 200);
  CHECK(index.header("Content-Type").find("text/html") == 0);
  CHECK(index.header("X-Content-Type-Options") == "nosniff");
  auto csp = index.header("Content-Security-Policy");
  CHECK(csp.find("'wasm-unsafe-eval'") != std::string::npos);
  CHECK(csp.find("frame-ancestors https://console.example") != std::string::npos);

  auto wasm = to_response(c->Get("/app.wasm"));
  CHECK(wasm.header("Content-Type") == "application/wasm");
  CHECK(wasm.body.size() == 8);

  auto gz = to_response(c->Get("/app.js", {{"Accept-Encoding", "gzip"}}));
  CHECK(gz.header("Content-Encoding") == "gzip");
  CHECK(gz.body.substr(0, 2) == "\x1f\x8b");
  auto plain = to_response(c->Get("/app.js", {{"Accept-Encoding", "identity"}}));
  CHECK(plain.header("Content-Encoding").empty());
  CHECK(plain.body == "console.log('plain');");
  CHECK(plain.header("Content-Type").find("text/javascript") == 0);

  CHECK(to_response(c->Get("/../secret.txt")).body.find("secret") == std::string::npos);
  CHECK(to_response(c->Get("/%2e%2e/secret.txt")).body.find("secret") == std::string::npos);
  CHECK(to_response(c->Get("/missing.js")).status == 404);
}

TEST_CASE("CORS only for origins named on the command line") {
  ServerProcess s(shared_db().path, {"--cors", "http://host.example"});
  auto c = s.client();
  auto ok = to_response(c->Options("/api/v1/organization/users",
                                   {{"Origin", "http://host.example"}, {"Access-Control-Request-Method", "GET"}}));
  CHECK(ok.status == 204);
  CHECK(ok.header("Access-Control-Allow-Origin") == "http://host.example");
  CHECK(ok.header("Access-Control-Allow-Headers").find("Authorization") != std::string::npos);
  auto other = to_response(c->Options("/api/v1/organization/users",
                                      {{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "GET"}}));
  CHECK(other.status == 403);
  CHECK(other.header("Access-Control-Allow-Origin").empty());
  auto get = to_response(c->Get("/api/v1/organization/users", {{"Origin", "http://evil.example"}}));
  CHECK(get.header("Access-Control-Allow-Origin").empty());
}

TEST_CASE("command line: clear messages and non-zero exits") {
  auto no_cmd = run_roster_server({});
  CHECK(no_cmd.exit_code == 2);
  CHECK(no_cmd.output.find("usage") != std::string::npos);
  auto bad_flag = run_roster_server({"serve", "--db", "x.db", "--listen", "127.0.0.1:1", "--colour"});
  CHECK(bad_flag.exit_code == 2);
  CHECK(bad_flag.output.find("--colour") != std::string::npos);
  CHECK(run_roster_server({"serve", "--db", "x.db", "--listen", "nowhere"}).exit_code == 2);
  CHECK(run_roster_server({"seed", "--db", temp_dir() + "/t.db", "--users", "many"}).exit_code == 2);

  auto missing = run_roster_server({"serve", "--db", temp_dir() + "/absent.db", "--listen", "127.0.0.1:0"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.output.find("does not exist") != std::string::npos);

  auto junk = temp_dir() + "/junk.db";
  std::ofstream(junk) << "this is not a database, just text that is long enough to look like a header....";
  auto not_db = run_roster_server({"serve", "--db", junk, "--listen", "127.0.0.1:0"});
  CHECK(not_db.exit_code == 1);
  CHECK_FALSE(not_db.output.empty());

  auto exists = run_roster_server({"seed", "--db", shared_db().path, "--users", "10", "--orgs", "3", "--seed", "1"});
  CHECK(exists.exit_code == 1);
  CHECK(exists.output.find("--force") != std::string::npos);

  // A port that is taken.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(listen(fd, 1) == 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  auto busy = run_roster_server(
      {"serve", "--db", shared_db().path, "--listen", "127.0.0.1:" + std::to_string(ntohs(addr.sin_port))});
  close(fd);
  CHECK(busy.exit_code == 3);
  CHECK(busy.output.find("cannot listen") != std::string::npos);
}

TEST_CASE("seeding is deterministic for a seed and time") {
  auto a = run_roster_server({"seed", "--db", temp_dir() + "/det-a.db", "--users", "50", "--orgs", "4", "--seed", "9",
                              "--now", "1790000000000", "--json", "--force"});
  auto b = run_roster_server({"seed", "--db", temp_dir() + "/det-b.db", "--users", "50", "--orgs", "4", "--seed", "9",
                              "--now", "1790000000000", "--json", "--force"});
  REQUIRE(a.exit_code == 0);
  auto ja = nlohmann::json::parse(a.output), jb = nlohmann::json::parse(b.output);
  CHECK(ja["oauthClient"] == jb["oauthClient"]);
  CHECK(ja["devices"] == jb["devices"]);
  CHECK(ja["actions"] == jb["actions"]);
  CHECK(ja["busyUsers"] == jb["busyUsers"]);
  CHECK_FALSE(ja["busyUsers"].empty());
  ServerProcess sa(temp_dir() + "/det-a.db"), sb(temp_dir() + "/det-b.db");
  auto la = as_client(sa, SeededDb{"", ja}).get("/api/v1/organization/users?includeSubOrgUsers=true&size=1000");
  auto lb = as_client(sb, SeededDb{"", jb}).get("/api/v1/organization/users?includeSubOrgUsers=true&size=1000");
  CHECK(la.json == lb.json);
}

TEST_CASE("API responses are gzip-compressed for clients that accept it, and only then") {
  auto token = fetch_token(shared_server(), shared_db())["access_token"].get<std::string>();
  auto c = shared_server().client();
  c->set_decompress(false);
  httplib::Headers h = {{"Authorization", "Bearer " + token}, {"Accept-Encoding", "gzip, deflate, br"}};
  auto zipped = to_response(c->Get("/api/v1/organization/users?includeSubOrgUsers=true&size=200", h));
  CHECK(zipped.header("Content-Encoding") == "gzip");
  CHECK(zipped.body.substr(0, 2) == "\x1f\x8b");
  auto plain =
      as_client(shared_server(), shared_db())
          .get("/api/v1/organization/users?includeSubOrgUsers=true&size=200", {{"Accept-Encoding", "identity"}});
  CHECK(plain.header("Content-Encoding").empty());
  REQUIRE(plain.json.is_object());
  CHECK(plain.body.size() > zipped.body.size() * 3);
  auto decoded = shared_server().client()->Get("/api/v1/organization/users?includeSubOrgUsers=true&size=200", h);
  REQUIRE(decoded);
  CHECK(nlohmann::json::parse(decoded->body) == plain.json);
}

TEST_CASE("static files: content-hashed names are immutable, pages and roster-embed.js revalidate with a 304") {
  namespace fs = std::filesystem;
  auto web = temp_dir() + "/web-cache";
  fs::create_directories(web + "/fonts");
  std::ofstream(web + "/index.html") << "<!doctype html><script src=\"roster-embed.js\"></script>";
  std::ofstream(web + "/roster-embed.js") << "window.Roster = {};";
  REQUIRE(std::system(("gzip -kf " + web + "/roster-embed.js").c_str()) == 0);
  std::ofstream(web + "/roster.3f9a1c2e4b5d.wasm", std::ios::binary) << std::string("\0asm\1\0\0\0", 8);
  std::ofstream(web + "/fonts/atlas-1x.0263829989b6.bin", std::ios::binary) << "atlas";
  // Not hashed: a hash too short, not hex, upper case, or no name before it.
  for (auto name : {"app.1234567.js", "app.notahash.js", "app.3F9A1C2E.js", ".3f9a1c2e.js"})
    std::ofstream(web + "/" + name) << "x";

  ServerProcess s(shared_db().path, {"--web", web});
  auto c = s.client();
  c->set_decompress(false);
  const std::string immutable = "public, max-age=31536000, immutable";
  for (auto path : {"/roster.3f9a1c2e4b5d.wasm", "/fonts/atlas-1x.0263829989b6.bin"}) {
    auto r = to_response(c->Get(path));
    CHECK(r.status == 200);
    CHECK(r.header("Cache-Control") == immutable);
  }
  for (auto path : {"/app.1234567.js", "/app.notahash.js", "/app.3F9A1C2E.js", "/.3f9a1c2e.js"})
    CHECK(to_response(c->Get(path)).header("Cache-Control") == "no-cache");

  // The page, the stable roster-embed.js (plain and gzip): no-cache, a strong ETag, 304 when it matches.
  for (auto [path, encoding] : {std::pair{"/", "identity"}, std::pair{"/index.html", "identity"},
                                std::pair{"/roster-embed.js", "identity"}, std::pair{"/roster-embed.js", "gzip"}}) {
    CAPTURE(path);
    CAPTURE(encoding);
    auto first = to_response(c->Get(path, {{"Accept-Encoding", encoding}}));
    CHECK(first.status == 200);
    CHECK(first.header("Cache-Control") == "no-cache");
    const auto tag = first.header("ETag");
    REQUIRE(tag.size() > 2);
    CHECK(tag.front() == '"');  // strong: no W/
    auto again = to_response(c->Get(path, {{"Accept-Encoding", encoding}, {"If-None-Match", tag}}));
    CHECK(again.status == 304);
    CHECK(again.body.empty());
    CHECK(again.header("ETag") == tag);
    CHECK(again.header("Cache-Control") == "no-cache");
    CHECK(to_response(c->Get(path, {{"Accept-Encoding", encoding}, {"If-None-Match", "\"other\", " + tag}})).status ==
          304);
    CHECK(to_response(c->Get(path, {{"Accept-Encoding", encoding}, {"If-None-Match", "\"other\""}})).status == 200);
  }
  // The gzip and the plain answer are different bytes: different tags.
  auto plain = to_response(c->Get("/roster-embed.js", {{"Accept-Encoding", "identity"}}));
  auto gz = to_response(c->Get("/roster-embed.js", {{"Accept-Encoding", "gzip"}}));
  CHECK(gz.header("Content-Encoding") == "gzip");
  CHECK(plain.header("ETag") != gz.header("ETag"));
  CHECK(to_response(c->Get("/roster-embed.js", {{"Accept-Encoding", "gzip"}, {"If-None-Match", plain.header("ETag")}}))
            .status == 200);

  // A changed file gets a new tag: the old one no longer answers 304.
  const auto old_tag = plain.header("ETag");
  std::ofstream(web + "/roster-embed.js") << "window.Roster = {changed: true};";
  auto changed = to_response(c->Get("/roster-embed.js", {{"Accept-Encoding", "identity"}, {"If-None-Match", old_tag}}));
  CHECK(changed.status == 200);
  CHECK(changed.body == "window.Roster = {changed: true};");
  CHECK(changed.header("ETag") != old_tag);

  // A hashed file answers 304 to its own tag too (a browser's forced revalidation).
  auto wasm = to_response(c->Get("/roster.3f9a1c2e4b5d.wasm"));
  CHECK(to_response(c->Get("/roster.3f9a1c2e4b5d.wasm", {{"If-None-Match", wasm.header("ETag")}})).status == 304);
}
