// The proxy in front of an upstream that misbehaves (scripted_upstream.h): whatever it sends, the
// proxy answers within --upstream-timeout, with a bounded answer, without crashing, without
// following it elsewhere, and without passing the secret or its token on to a browser or the log.
#include "proxy_support.h"
#include "scripted_upstream.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <tuple>

using namespace roster::test;

namespace {

const std::string kUsers = "/api/v1/organization/users?page=0&size=5";
const std::string kSecret = kScriptedSecret;

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// Writes `first`, then `piece` every 200 ms for `seconds` (until the proxy hangs up).
ScriptedUpstream::Script trickle(std::string first, std::string piece, double seconds) {
  return [=](int fd, const std::string&) {
    const auto start = std::chrono::steady_clock::now();
    if (!ScriptedUpstream::write_all(fd, first)) return;
    while (seconds_since(start) < seconds) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      if (!ScriptedUpstream::write_all(fd, piece)) return;
    }
  };
}

}  // namespace

TEST_CASE("an upstream that trickles its answer is cut off at --upstream-timeout, whatever its framing") {
  for (const auto& [name, first, piece] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"chunked body", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
            "1\r\n \r\n"},
           {"body until close", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n", " "},
           {"headers", "HTTP/1.1 200 OK\r\n", "X-Slow: 1\r\n"},
       }) {
    const std::string framing = name;
    CAPTURE(framing);
    ScriptedUpstream up(with_profile(trickle(first, piece, 9)));
    ProxyProcess proxy(scripted_args(up));
    auto cookie = proxy.sign_in("viewer@ops.test");
    const auto start = std::chrono::steady_clock::now();
    auto r = proxy.get(cookie, kUsers);
    const double took = seconds_since(start);
    std::printf("proxy: upstream trickling its %s answered %d in %.2f s (timeout 2 s)\n", framing.c_str(), r.status,
                took);
    CHECK(r.status == 504);
    CHECK(r.message().find("did not answer within 2 s") != std::string::npos);
    CHECK(took < 6);  // the upstream trickles for 9 s
  }
}

TEST_CASE("an answer larger than 16 MB is refused, not held in memory; a compressed one is not inflated") {
  SUBCASE("huge") {
    std::string huge = "[";
    huge.reserve(20'000'010);
    while (huge.size() < 20'000'000) huge += "0,";
    huge += "0]";
    ScriptedUpstream up(with_profile(
        [&](int fd, const std::string&) { ScriptedUpstream::write_all(fd, ScriptedUpstream::answer(200, huge)); }));
    ProxyProcess proxy(scripted_args(up));
    auto r = proxy.get(proxy.sign_in("viewer@ops.test"), kUsers);
    CHECK(r.status == 502);
    CHECK(r.message().find("larger than 16 MB") != std::string::npos);
  }
  SUBCASE("gzip") {
    const std::string file = temp_dir() + "/zipped.json.gz";
    REQUIRE(std::system(("printf '{\"id\":7,\"name\":\"Zipped\"}' | gzip -c > " + file).c_str()) == 0);
    std::ifstream in(file, std::ios::binary);
    std::stringstream zipped;
    zipped << in.rdbuf();
    const std::string body = zipped.str();
    ScriptedUpstream up(with_profile([&](int fd, const std::string&) {
      ScriptedUpstream::write_all(fd, ScriptedUpstream::answer(200, body, "Content-Encoding: gzip\r\n"));
    }));
    ProxyProcess proxy(scripted_args(up));
    auto r = proxy.get(proxy.sign_in("viewer@ops.test"), "/api/v1/organization?orgId=7");
    CHECK(r.status == 502);
    CHECK(r.body.find("Zipped") == std::string::npos);
    CHECK(up.requests().back().find("Accept-Encoding: identity") != std::string::npos);
  }
}

TEST_CASE("JSON nested without end from the upstream is a 502, and the proxy goes on") {
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  ScriptedUpstream up(with_profile(
      [&](int fd, const std::string&) { ScriptedUpstream::write_all(fd, ScriptedUpstream::answer(200, deep)); }));
  ProxyProcess proxy(scripted_args(up));
  auto cookie = proxy.sign_in("viewer@ops.test");
  auto r = proxy.get(cookie, kUsers);
  CHECK(r.status == 502);
  CHECK(r.message().find("nested too deeply") != std::string::npos);
  CHECK(proxy.get(cookie, "/api/session").status == 200);  // still running
}

TEST_CASE("an admin's invite body nested without end is a 400, and the proxy goes on") {
  ScriptedUpstream up(with_profile(
      [](int fd, const std::string&) { ScriptedUpstream::write_all(fd, ScriptedUpstream::answer(201, "{}")); }));
  ProxyProcess proxy(scripted_args(up));
  auto cookie = proxy.sign_in("admin@ops.test");
  const std::string body = "{\"email\":" + std::string(100'000, '[') + std::string(100'000, ']') + "}";
  auto r = proxy.send("POST", cookie, "/api/v1/organization/users/invite", body);
  CHECK(r.status == 400);
  CHECK(r.message().find("deeper than 64") != std::string::npos);
  CHECK(proxy.get(cookie, "/api/session").status == 200);
}

TEST_CASE("a token said to live until the end of int64 is used, not overflowed") {
  ScriptedUpstream up(
      with_profile([](int fd, const std::string&) {
        ScriptedUpstream::write_all(fd, ScriptedUpstream::answer(200, R"({"content":[],"totalElements":0})"));
      }),
      [](int fd, const std::string&) {
        ScriptedUpstream::write_all(
            fd, ScriptedUpstream::answer(200, std::string("{\"access_token\":\"") + ScriptedUpstream::kToken +
                                                  "\",\"expires_in\":9223372036854775807}"));
      });
  ProxyProcess proxy(scripted_args(up));
  auto r = proxy.get(proxy.sign_in("viewer@ops.test"), kUsers);
  CAPTURE(r.body);
  CHECK(r.status == 200);
  CHECK(r.json["totalElements"] == 0);
}

TEST_CASE("an upstream that echoes the Authorization header in its errors does not leak the secret or the token") {
  auto echo = [](int status) {
    return [status](int fd, const std::string& request) {
      auto at = request.find("Authorization: ");
      std::string header = request.substr(at, request.find("\r\n", at) - at);
      ScriptedUpstream::write_all(fd, ScriptedUpstream::answer(status, "{\"message\":\"you sent " + header + "\"}"));
    };
  };
  SUBCASE("the token endpoint echoes the client's Basic credentials (and the secret itself)") {
    ScriptedUpstream up(with_profile(echo(400)), [](int fd, const std::string& request) {
      auto at = request.find("Authorization: ");
      std::string header = request.substr(at, request.find("\r\n", at) - at);
      ScriptedUpstream::write_all(
          fd, ScriptedUpstream::answer(400, "{\"message\":\"" + header + " means secret " + kSecret + "\"}"));
    });
    ProxyProcess proxy(scripted_args(up));
    auto r = proxy.get(proxy.sign_in("viewer@ops.test"), kUsers);
    CHECK(r.status == 502);
    CHECK(r.message().find("[redacted]") != std::string::npos);
    CHECK(r.body.find(kSecret) == std::string::npos);
    CHECK(r.body.find("c2NyaXB0ZWQ") == std::string::npos);  // base64 of "scripted-client:..."
    CHECK(proxy.log().find(kSecret) == std::string::npos);
    CHECK(proxy.log().find("c2NyaXB0ZWQ") == std::string::npos);
  }
  SUBCASE("an API call's error echoes the bearer token") {
    ScriptedUpstream up(with_profile(echo(400)));
    ProxyProcess proxy(scripted_args(up));
    auto r = proxy.get(proxy.sign_in("viewer@ops.test"), kUsers);
    CHECK(r.status == 400);
    CHECK(r.message().find("you sent Authorization: Bearer [redacted]") != std::string::npos);
    CHECK(r.body.find(ScriptedUpstream::kToken) == std::string::npos);
  }
  SUBCASE("a token that is part of the word the proxy writes in its place") {
    ScriptedUpstream up(with_profile(echo(400)), [](int fd, const std::string&) {
      ScriptedUpstream::write_all(fd, ScriptedUpstream::answer(200, R"({"access_token":"dacted","expires_in":3600})"));
    });
    ProxyProcess proxy(scripted_args(up));
    auto r = proxy.get(proxy.sign_in("viewer@ops.test"), kUsers);
    CHECK(r.status == 400);
    CHECK(r.message() == "you sent Authorization: Bearer [redacted]");
  }
}

TEST_CASE("nothing of the browser's request but the allowed call reaches the upstream") {
  ScriptedUpstream up(with_profile([](int fd, const std::string&) {
    ScriptedUpstream::write_all(fd, ScriptedUpstream::answer(200, R"({"content":[],"totalElements":0})"));
  }));
  ProxyProcess proxy(scripted_args(up));
  auto cookie = proxy.sign_in("viewer@ops.test");
  httplib::Headers h = {{"Cookie", cookie + "; other=browser-cookie"},
                        {"Authorization", "Bearer browser-token"},
                        {"X-Forwarded-For", "10.9.8.7"},
                        {"X-HTTP-Method-Override", "DELETE"},
                        {"Accept-Encoding", "gzip"}};
  auto r = proxy.client()->Get((kUsers + "&sortBy=Name%0D%0AX-Injected:%201").c_str(), h);
  REQUIRE(r);
  CHECK(r->status == 200);
  const std::string seen = up.requests().back();
  CAPTURE(seen);
  CHECK(seen.rfind("GET /api/v1/organization/users?", 0) == 0);
  CHECK(seen.find("Authorization: Bearer " + std::string(ScriptedUpstream::kToken)) != std::string::npos);
  CHECK(seen.find("Host: 127.0.0.1:" + std::to_string(up.port())) != std::string::npos);
  for (const char* absent : {"browser-token", "roster_session", "browser-cookie", "Cookie", "10.9.8.7",
                             "Method-Override", "\r\nX-Injected", "X-Requested-With", "gzip"})
    CHECK(seen.find(absent) == std::string::npos);
  CHECK(seen.find("sortBy=Name%0D%0AX-Injected%3A%201") != std::string::npos);  // the value, encoded
}

TEST_CASE("a redirect from the upstream is not followed (the bearer token would go with it)") {
  ScriptedUpstream elsewhere([](int fd, const std::string&) {
    ScriptedUpstream::write_all(fd, ScriptedUpstream::answer(200, R"({"content":[],"totalElements":0})"));
  });
  ScriptedUpstream up(with_profile([&](int fd, const std::string&) {
    ScriptedUpstream::write_all(
        fd, ScriptedUpstream::answer(302, "{}", "Location: " + elsewhere.url() + "/api/v1/organization/users\r\n"));
  }));
  ProxyProcess proxy(scripted_args(up));
  auto r = proxy.get(proxy.sign_in("viewer@ops.test"), kUsers);
  CHECK(r.status == 502);
  CHECK(elsewhere.requests().empty());
}

TEST_CASE("an upstream that answers 401 to everything sees no more requests than the budget") {
  ScriptedUpstream up([](int fd, const std::string&) {
    ScriptedUpstream::write_all(fd, ScriptedUpstream::answer(401, R"({"message":"token revoked"})"));
  });
  auto args = scripted_args(up);
  args.insert(args.end(), {"--upstream-rate", "30"});  // 3 at once, then 27 over the minute
  ProxyProcess proxy(args);
  auto cookie = proxy.sign_in("viewer@ops.test");  // its organization could not be asked: signed in anyway
  for (int i = 0; i < 5; ++i) {
    auto r = proxy.get(cookie, kUsers);
    CHECK((r.status == 502 || r.status == 429));
  }
  int api_requests = 0;
  for (const auto& request : up.requests()) api_requests += request.find(" /oauth2/token") == std::string::npos;
  CHECK(api_requests <= 4);  // the bucket of 3 and what refilled meanwhile; each call's retry spends too
}

TEST_CASE("a \"Get user info\" answer too large to cache is asked for again, not kept") {
  int asked = 0;
  std::mutex m;
  ScriptedUpstream up(with_profile([&](int fd, const std::string&) {
    {
      std::lock_guard<std::mutex> lock(m);
      ++asked;
    }
    ScriptedUpstream::write_all(
        fd, ScriptedUpstream::answer(200, "{\"id\":1,\"name\":\"" + std::string(100'000, 'a') + "\"}"));
  }));
  auto args = scripted_args(up);
  args.insert(args.end(), {"--user-info-ttl", "300"});
  ProxyProcess proxy(args);
  auto cookie = proxy.sign_in("viewer@ops.test");
  for (int i = 0; i < 2; ++i) CHECK(proxy.get(cookie, "/api/v1/organization/user?userId=1").status == 200);
  std::lock_guard<std::mutex> lock(m);
  CHECK(asked == 2);
}
