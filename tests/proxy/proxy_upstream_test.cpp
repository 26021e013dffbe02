// How the proxy treats its upstream: TLS verified for real (the right CA works, an unrelated CA and
// the system's CAs do not), tokens renewed when the upstream's expire, a rejected client credential
// said in words, a dead or silent upstream answered 502/504 within the timeout, the upstream's rate
// limit respected (the proxy's own budget; an upstream 429 backed off, not retried in a loop).
#include "proxy_support.h"

#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <tuple>

using namespace roster::test;

namespace {

const std::string kUsers = "/api/v1/organization/users?page=0&size=5";

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

int count_of(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

// A port that accepts connections (the kernel completes them) and never answers a byte.
struct SilentPort {
  int fd = -1, port = 0;
  SilentPort() {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(listen(fd, 16) == 0);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~SilentPort() { close(fd); }
};

std::vector<std::string> args_for_port(const Upstream& up, int port, std::vector<std::string> more) {
  auto args = proxy_args(up, std::move(more));
  args[1] = "https://127.0.0.1:" + std::to_string(port);
  return args;
}

}  // namespace

TEST_CASE("TLS to the upstream is verified: an unrelated CA or the system's CAs refuse the test certificate") {
  const Upstream& up = shared_upstream();
  for (bool system_cas : {false, true}) {
    CAPTURE(system_cas);
    auto args = proxy_args(up);
    if (system_cas)
      args.resize(args.size() - 2);  // drop --upstream-ca
    else
      args.back() = test_pki().wrong_ca;
    ProxyProcess proxy(args);
    auto r = proxy.get(proxy.sign_in("viewer@ops.test"), kUsers);
    CHECK(r.status == 502);
    CHECK(r.message().find("certificate could not be verified") != std::string::npos);
    CHECK(r.json.dump().find("Olena") == std::string::npos);
  }
  ProxyProcess right(proxy_args(up));
  CHECK(right.get(right.sign_in("viewer@ops.test"), kUsers).status == 200);
}

TEST_CASE("plain http is refused for any upstream but 127.0.0.1, and the secret comes only from a file") {
  const Upstream& up = shared_upstream();
  auto args = proxy_args(up);
  args[1] = "http://example.test";
  std::vector<std::string> full = {"proxy"};
  full.insert(full.end(), args.begin(), args.end());
  full.insert(full.end(), {"--db", operators_db(), "--listen", "127.0.0.1:0"});
  auto r = run_roster_server(full);
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("plain http is allowed only for 127.0.0.1") != std::string::npos);
  auto endless = proxy_args(up);
  endless[5] = "/dev/zero";  // a secret file without end is read only as far as a secret can go
  std::vector<std::string> endless_full = {"proxy"};
  endless_full.insert(endless_full.end(), endless.begin(), endless.end());
  endless_full.insert(endless_full.end(), {"--db", operators_db(), "--listen", "127.0.0.1:0"});
  auto zero = run_roster_server(endless_full);
  CHECK(zero.exit_code == 1);
  CHECK(zero.output.find("longer than 1024 bytes") != std::string::npos);
  auto with_secret = run_roster_server({"proxy", "--client-secret", up.secret});
  CHECK(with_secret.exit_code == 2);
  CHECK(with_secret.output.find(up.secret) == std::string::npos);
}

TEST_CASE("tokens are renewed when the upstream's expire (upstream --token-ttl 2)") {
  Upstream up = start_upstream("short-tokens", {"--token-ttl", "2"});
  ProxyProcess proxy(proxy_args(up));
  auto cookie = proxy.sign_in("viewer@ops.test");
  int ok = 0;
  const auto start = std::chrono::steady_clock::now();
  while (seconds_since(start) < 6.5) {
    auto r = proxy.get(cookie, kUsers);
    CAPTURE(r.body);
    CHECK(r.status == 200);
    ok += r.status == 200;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  CHECK(ok >= 20);  // three token lifetimes, every call answered
  const std::string log = proxy.log();
  CHECK(count_of(log, "obtained an access token (client credentials)") == 1);
  CHECK(count_of(log, "obtained an access token (refresh token)") >= 2);  // renewed, each refresh token once
  CHECK(log.find(up.secret) == std::string::npos);
}

TEST_CASE("sixteen calls at once when the token has expired renew it once: one renewal in flight at a time") {
  Upstream up = start_upstream("concurrent-renewal", {"--token-ttl", "2"});
  ProxyProcess proxy(proxy_args(up));
  auto cookie = proxy.sign_in("viewer@ops.test");  // obtains the first token (for the organization's name)
  std::this_thread::sleep_for(std::chrono::milliseconds(2300));  // it has expired
  std::vector<std::thread> callers;
  std::atomic<int> ok{0};
  for (int i = 0; i < 16; ++i) callers.emplace_back([&] { ok += proxy.get(cookie, kUsers).status == 200; });
  for (auto& t : callers) t.join();
  CHECK(ok == 16);
  CHECK(count_of(proxy.log(), "obtained an access token") == 2);
}

TEST_CASE("a rejected client credential is said in words, to the console and in the log, without the secret") {
  const Upstream& up = shared_upstream();
  auto wrong = write_file("wrong.secret", "not-the-secret-" + up.secret.substr(0, 4) + "\n");
  auto args = proxy_args(up);
  args[5] = wrong;
  ProxyProcess proxy(args);
  auto cookie = proxy.sign_in("viewer@ops.test");
  auto r = proxy.get(cookie, kUsers);
  CHECK(r.status == 502);
  CHECK(r.message().find("rejected the proxy's OAuth client credentials") != std::string::npos);
  auto again = proxy.get(cookie, kUsers);  // answered from the back-off: the upstream is not asked again
  CHECK(again.message() == r.message());
  CHECK(count_of(proxy.log(), "rejected the proxy's OAuth client credentials") == 1);
  CHECK(proxy.log().find("not-the-secret") == std::string::npos);
}

TEST_CASE("a dead upstream is a 502 with words; a silent one a 504 within --upstream-timeout") {
  const Upstream& up = shared_upstream();
  SUBCASE("nothing listens") {
    int port = 0;
    {
      SilentPort closed;  // a free port, closed again at once
      port = closed.port;
    }
    ProxyProcess proxy(args_for_port(up, port, {"--upstream-timeout", "2"}));
    auto start = std::chrono::steady_clock::now();
    auto r = proxy.get(proxy.sign_in("viewer@ops.test"), kUsers);
    std::printf("proxy: dead upstream answered %d in %.2f s\n", r.status, seconds_since(start));
    CHECK(r.status == 502);
    CHECK(r.message().find("could not give the proxy a token") != std::string::npos);
    CHECK(r.message().find("refused or the host is unreachable") != std::string::npos);
  }
  SUBCASE("it accepts and never answers") {
    SilentPort silent;
    ProxyProcess proxy(args_for_port(up, silent.port, {"--upstream-timeout", "2"}));
    auto cookie = proxy.sign_in("viewer@ops.test");  // its organization could not be asked: signed in anyway
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // past the token's failure back-off
    auto start = std::chrono::steady_clock::now();
    auto r = proxy.get(cookie, kUsers);
    const double took = seconds_since(start);
    std::printf("proxy: silent upstream answered %d in %.2f s (timeout 2 s)\n", r.status, took);
    CHECK(r.status == 504);
    CHECK(r.message().find("did not answer within 2 s") != std::string::npos);
    CHECK(took < 10);  // not a hang: the client here would wait 30 s
  }
  SUBCASE("it dies after answering") {
    Upstream mortal = start_upstream("mortal");
    ProxyProcess proxy(proxy_args(mortal, {"--upstream-timeout", "2"}));
    auto cookie = proxy.sign_in("viewer@ops.test");
    CHECK(proxy.get(cookie, kUsers).status == 200);
    mortal.server.reset();
    auto r = proxy.get(cookie, kUsers);
    CHECK(r.status == 502);
    CHECK(r.message().find("failed to answer") != std::string::npos);
  }
}

TEST_CASE("the proxy's own budget answers 429 with Retry-After before the upstream would") {
  const Upstream& up = shared_upstream();
  ProxyProcess proxy(proxy_args(up, {"--upstream-rate", "30"}));  // 3 at once, then 27 over the minute
  auto cookie = proxy.sign_in("viewer@ops.test");                 // spends one: the session's organization
  int ok = 0, limited = 0;
  for (int i = 0; i < 8; ++i) {
    auto r = proxy.get(cookie, kUsers);
    if (r.status == 200) ++ok;
    if (r.status == 429) {
      ++limited;
      CHECK(std::stoi(r.header("Retry-After")) >= 1);
      CHECK(r.message().find("request budget") != std::string::npos);
    }
  }
  CHECK(ok >= 2);
  CHECK(ok <= 3);
  CHECK(limited == 8 - ok);
}

TEST_CASE("an upstream 429 is passed on and backed off for its Retry-After, not retried in a loop") {
  Upstream up = start_upstream("rate-limited", {"--rate-limit", "5"});
  ProxyProcess proxy(proxy_args(up));
  auto cookie = proxy.sign_in("viewer@ops.test");  // the session's organization: one of the five
  for (int i = 0; i < 4; ++i) CHECK(proxy.get(cookie, kUsers).status == 200);
  auto limited = proxy.get(cookie, kUsers);
  CHECK(limited.status == 429);
  CHECK(std::stoi(limited.header("Retry-After")) >= 1);
  CHECK(limited.message().find("limiting this organization") != std::string::npos);
  for (int i = 0; i < 10; ++i) {
    auto r = proxy.get(cookie, kUsers);
    CHECK(r.status == 429);
    CHECK(r.message().find("asked the proxy to slow down") != std::string::npos);
  }
  CHECK(count_of(proxy.log(), "the upstream answered 429") == 1);
}

TEST_CASE("a kept-alive upstream connection closed while idle is not an error: the call goes on a new one") {
  const Upstream& up = shared_upstream();
  ProxyProcess proxy(proxy_args(up));
  auto cookie = proxy.sign_in("viewer@ops.test");
  CHECK(proxy.get(cookie, kUsers).status == 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(5600));  // past roster-server's 5 s idle timeout
  auto r = proxy.get(cookie, kUsers);
  CAPTURE(r.body);
  CHECK(r.status == 200);
}

TEST_CASE("a client secret file that others can read is warned about, without its content") {
  const Upstream& up = shared_upstream();
  for (mode_t mode : {0644, 0600}) {
    CAPTURE(mode);
    auto file = write_file("mode-" + std::to_string(mode) + ".secret", up.secret + "\n");
    REQUIRE(chmod(file.c_str(), mode) == 0);
    auto args = proxy_args(up);
    args[5] = file;
    ProxyProcess proxy(args);
    CHECK((proxy.log().find("can be read by other users") != std::string::npos) == (mode == 0644));
    CHECK(proxy.log().find(up.secret) == std::string::npos);
  }
}

TEST_CASE("TLS to the upstream checks its name as RFC 6125 says, not only the chain") {
  // Certificates from the test CA (so the chain is good) that do not name 127.0.0.1 the right way:
  // a subjectAltName for another host with the right common name (httplib alone took the common
  // name), and a wildcard IP in the common name.
  const std::string d = temp_dir(), ca_key = test_pki().ca.substr(0, test_pki().ca.size() - 4) + ".key";
  for (const auto& [name, subject, san] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"other-san", "/CN=127.0.0.1", "subjectAltName=DNS:other.invalid\n"},
           {"wildcard-cn", "/CN=*.0.0.1", ""},
       }) {
    const std::string kind = name;
    CAPTURE(kind);
    const std::string base = d + "/" + kind;
    write_file(kind + ".ext", san + "basicConstraints=CA:FALSE\n");
    REQUIRE(std::system(("openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj '" + subject +
                         "' -keyout " + base + ".key -out " + base +
                         ".csr >/dev/null 2>&1 && openssl x509 -req -days 2 -in " + base + ".csr -CA " + test_pki().ca +
                         " -CAkey " + ca_key + " -CAcreateserial -extfile " + base + ".ext -out " + base +
                         ".pem >/dev/null 2>&1")
                            .c_str()) == 0);
    Upstream up = start_upstream("misnamed-" + kind, {"--tls-cert", base + ".pem", "--tls-key", base + ".key"});
    ProxyProcess proxy(proxy_args(up));
    auto r = proxy.get(proxy.sign_in("viewer@ops.test"), kUsers);
    CHECK(r.status == 502);
    CHECK(r.message().find("certificate could not be verified") != std::string::npos);
  }
}
