// Three proxies behind HAProxy, sharing a PostgreSQL store (ha_setup.h), behave as one: the
// console's calls through the balancer, a session ended or an operator removed on one instance
// refused by the others at their next request, a lock-out counted over instances, a kiosk token
// revoked once and refused everywhere, a write through one instance not hidden by another's cache,
// one upstream budget for all, an instance killed under load with no request failing, and
// PostgreSQL stopped (503 in words) and started again (service back by itself, sessions kept).
#include "ha_setup.h"

#include <doctest/doctest.h>

#include <atomic>
#include <sstream>
#include <thread>

using namespace roster::test;
using nlohmann::json;

namespace {

const std::string kApi = "/api/v1/organization";

Response direct_get(const ProxyProcess& p, const std::string& cookie, const std::string& path) {
  return p.get(cookie, path);
}

std::string issue_kiosk_token(const HaSet& set, int org_id, const std::string& label, int& id) {
  auto r = store_command(set, {"kiosk-token", "--org", std::to_string(org_id), "--ttl", "1", "--label", label});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.output);
  std::string token;
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("kiosk_", 0) == 0) token = line;
  auto at = r.output.find("Kiosk token #");
  REQUIRE(at != std::string::npos);
  id = std::stoi(r.output.substr(at + 13));
  REQUIRE_FALSE(token.empty());
  return token;
}

}  // namespace

TEST_CASE("through the balancer: sign in, list, search and a profile, answered by every instance in turn") {
  HaSet& set = shared_ha_set();
  const Upstream& up = shared_upstream();
  const auto before = set.balancer->sent();
  const std::string cookie = set.sign_in("admin@ops.test");
  auto session = set.get(cookie, "/api/session");
  CHECK(session.status == 200);
  CHECK(session.json["user"]["email"] == "admin@ops.test");
  auto list = set.get(cookie, kApi + "/users?page=0&size=20&includeSubOrgUsers=true");
  CHECK(list.status == 200);
  CHECK(list.json == up.get(kApi + "/users?page=0&size=20&includeSubOrgUsers=true").json);
  auto search = set.get(cookie, kApi + "/search/users?query=an&page=0&size=30");
  CHECK(search.status == 200);
  CHECK(search.json == up.get(kApi + "/search/users?query=an&page=0&size=30").json);
  const auto id = std::to_string(list.json["content"][0]["id"].get<long long>());
  auto profile = set.get(cookie, kApi + "/user?userId=" + id);
  CHECK(profile.status == 200);
  CHECK(profile.json == up.get(kApi + "/user?userId=" + id).json);
  auto org = set.get(cookie, kApi + "?orgId=" + std::to_string(profile.json["orgId"].get<int>()));
  CHECK(org.status == 200);
  // The session opened through the balancer is valid on every instance, asked directly.
  for (const auto& p : set.proxies) CHECK(direct_get(*p, cookie, "/api/session").status == 200);
  const auto after = set.balancer->sent();
  REQUIRE(after.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(after[i] > before[i]);  // round-robin: each answered some
}

TEST_CASE("a session ended on one instance is refused by the others at their next request") {
  HaSet& set = shared_ha_set();
  const std::string cookie = set.sign_in("viewer@ops.test");
  for (const auto& p : set.proxies) REQUIRE(direct_get(*p, cookie, kApi + "/profile").status == 200);
  auto out = set.proxies[0]->send("DELETE", cookie, "/api/session");
  CHECK(out.status == 204);
  for (const auto& p : set.proxies) {
    auto r = direct_get(*p, cookie, kApi + "/profile");
    CHECK(r.status == 401);
    CHECK(r.message() == "Sign in to the proxy first.");
  }
  CHECK(set.get(cookie, "/api/session").status == 401);
}

TEST_CASE("an operator removed on the command line is signed out of every instance at once") {
  HaSet& set = shared_ha_set();
  auto pw = write_file("ha-leaver.password", std::string(kOperatorPassword) + "\n");
  REQUIRE(
      store_command(set, {"operator", "add", "--email", "leaver@ops.test", "--role", "viewer", "--password-file", pw})
          .exit_code == 0);
  const std::string a = set.sign_in("leaver@ops.test"), b = set.sign_in("leaver@ops.test");
  for (const auto& p : set.proxies) REQUIRE(direct_get(*p, a, "/api/session").status == 200);
  auto removed = store_command(set, {"operator", "remove", "--email", "leaver@ops.test"});
  INFO(removed.output);
  REQUIRE(removed.exit_code == 0);
  for (const auto& p : set.proxies) {
    CHECK(direct_get(*p, a, "/api/session").status == 401);
    CHECK(direct_get(*p, b, kApi + "/profile").status == 401);
  }
}

TEST_CASE("five wrong passwords spread over the instances lock the account out on all of them") {
  HaSet& set = shared_ha_set();
  auto pw = write_file("ha-target.password", std::string(kOperatorPassword) + "\n");
  REQUIRE(
      store_command(set, {"operator", "add", "--email", "target@ops.test", "--role", "viewer", "--password-file", pw})
          .exit_code == 0);
  const json wrong = {{"email", "target@ops.test"}, {"password", "not-the-password"}};
  for (int i = 0; i < 5; ++i) {
    auto r = set.proxies[i % 3]->client()->Post("/api/session", wrong.dump(), "application/json");
    REQUIRE(r);
    CAPTURE(i);
    CHECK(r->status == (i < 4 ? 401 : 429));  // the fifth failure, on the second instance, locks it
  }
  const json right = {{"email", "target@ops.test"}, {"password", kOperatorPassword}};
  for (const auto& p : set.proxies) {
    auto r = p->client()->Post("/api/session", right.dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == 429);
    CHECK_FALSE(r->get_header_value("Retry-After").empty());
  }
  auto through = set.balancer->client()->Post("/api/session", right.dump(), "application/json");
  REQUIRE(through);
  CHECK(through->status == 429);
  CHECK(through->body.find("Too many failed sign-ins") != std::string::npos);
}

TEST_CASE("a kiosk token revoked once is refused by every instance at its next request") {
  HaSet& set = shared_ha_set();
  const int own_org = shared_upstream().get(kApi + "/profile").json["id"].get<int>();
  int id = 0;
  const std::string token = issue_kiosk_token(set, own_org, "HA lobby", id);
  auto kiosk_get = [&](const ProxyProcess& p) {
    return to_response(
        p.client()->Get((kApi + "/users?page=0&size=5").c_str(), {{"Authorization", "Bearer " + token}}));
  };
  for (const auto& p : set.proxies) CHECK(kiosk_get(*p).status == 200);
  auto revoked = store_command(set, {"kiosk-token", "--revoke", std::to_string(id)});
  INFO(revoked.output);
  REQUIRE(revoked.exit_code == 0);
  for (const auto& p : set.proxies) {
    auto r = kiosk_get(*p);
    CHECK(r.status == 401);
    CHECK(r.message().find("was revoked on") != std::string::npos);
  }
  auto listed = store_command(set, {"kiosk-token", "--list"});
  CHECK(listed.output.find("revoked") != std::string::npos);
}

TEST_CASE("a change through one instance is not hidden by another instance's cached answer") {
  HaSet& set = shared_ha_set();
  const std::string admin = set.sign_in("admin@ops.test");
  const std::string user = kApi + "/user?userId=15";
  auto before = direct_get(*set.proxies[1], admin, user);  // cached there for --user-info-ttl (30 s)
  REQUIRE(before.status == 200);
  const int role = before.json["roleId"].get<int>() == 2 ? 3 : 2;
  auto changed = set.proxies[0]->send("PUT", admin, kApi + "/users/role?userId=15&roleId=" + std::to_string(role));
  REQUIRE(changed.status < 300);
  CHECK(direct_get(*set.proxies[1], admin, user).json["roleId"] == role);
  CHECK(direct_get(*set.proxies[2], admin, user).json["roleId"] == role);
}

TEST_CASE("an instance killed under load: its users' sessions go on through the others, no request fails") {
  HaSet& set = shared_ha_set();
  const std::string cookie = set.sign_in("staff@ops.test");
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, failed{0};
  std::mutex failures_mutex;
  std::string failures;
  std::vector<std::thread> load;
  for (int t = 0; t < 4; ++t)
    load.emplace_back([&, t] {
      auto c = set.balancer->client();
      c->set_keep_alive(true);
      for (int i = 0; !stop; ++i) {
        // The console's row filling (cached by each instance: within the upstream budget) and its session.
        const std::string path =
            i % 2 ? kApi + "/user?userId=" + std::to_string(1 + (t * 37 + i) % 60) : std::string("/api/session");
        auto r = c->Get(path.c_str(), {{"Cookie", cookie}});
        if (r && r->status == 200) {
          ++ok;
        } else {
          ++failed;
          std::lock_guard<std::mutex> lock(failures_mutex);
          if (failures.size() < 2000)
            failures +=
                (r ? std::to_string(r->status) + " " + r->body.substr(0, 200) : httplib::to_string(r.error())) + "\n";
        }
      }
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  const int before_kill = ok.load();
  set.proxies[2]->kill_now();
  CHECK(set.balancer->wait_for(2, "DOWN"));  // the health check took it out
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  stop = true;
  for (auto& t : load) t.join();
  MESSAGE(ok.load() << " requests answered through the balancer (" << before_kill << " before the kill), "
                    << failed.load() << " failed");
  INFO(failures);
  CHECK(failed.load() == 0);
  CHECK(ok.load() > before_kill);
  // A new instance joins with nothing but the store's address and the secret file: the session
  // opened before is valid on it, no sign-in asked.
  set.start(2);
  CHECK(set.balancer->wait_for(2, "UP"));
  CHECK(direct_get(*set.proxies[2], cookie, kApi + "/profile").status == 200);
}

TEST_CASE("PostgreSQL stopped: 503 in words through the balancer; started: service returns by itself, sessions kept") {
  HaSet& set = shared_ha_set();
  PgCluster& pg = shared_cluster();
  const std::string cookie = set.sign_in("viewer@ops.test");
  REQUIRE(set.get(cookie, kApi + "/profile").status == 200);
  pg.stop();
  for (int i = 0; i < 6; ++i) {
    auto r = set.get(cookie, kApi + "/users?page=0&size=5");
    CAPTURE(r.body);
    CHECK(r.status == 503);
    CHECK_FALSE(r.message().empty());  // the contract's {"error": {"message"}}, in words
    // Nothing of the store's own words: no libpq message, no address, no password.
    CHECK(r.body.find("connection") == std::string::npos);
    CHECK(r.body.find(std::to_string(pg.port())) == std::string::npos);
    CHECK(r.body.find(pg.password()) == std::string::npos);
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
  auto ready = direct_get(*set.proxies[0], "", "/readyz");
  CHECK(ready.status == 503);
  CHECK(ready.message() == "This proxy is not ready: its store does not answer.");
  CHECK(direct_get(*set.proxies[0], "", "/healthz").status == 200);  // alive all the same
  pg.start();
  bool back = false;
  for (int i = 0; i < 100 && !back; ++i) {
    back = set.get(cookie, kApi + "/users?page=0&size=5").status == 200;
    if (!back) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(back);  // the same session, no sign-in asked
  for (std::size_t i = 0; i < set.proxies.size(); ++i) CHECK(set.balancer->wait_for(i, "UP"));
  for (const auto& p : set.proxies) {
    const std::string log = p->log();
    CHECK(log.find("the store: cannot connect") != std::string::npos);
    CHECK(log.find("connected to PostgreSQL database roster") != std::string::npos);
    CHECK(log.find(pg.password()) == std::string::npos);
  }
}

TEST_CASE("the upstream budget is one for every instance, not one each") {
  // --upstream-rate 60: a bucket of 6 calls at once, then 54 over the minute (0.9 a second).
  auto set = start_ha_set("ha_budget", 2, {"--upstream-rate", "60", "--user-info-ttl", "0"});
  const std::string cookie = set->sign_in("viewer@ops.test");  // its organization: one call
  int granted = 0, refused = 0;
  for (int i = 0; i < 12; ++i) {
    auto r = set->proxies[i % 2]->get(cookie, kApi + "/users?page=0&size=5");
    if (r.status == 200) ++granted;
    if (r.status == 429) {
      ++refused;
      CHECK(r.message().find("request budget for the Blynk server is spent") != std::string::npos);
    }
  }
  MESSAGE(granted << " of 12 list calls over two instances went to the upstream");
  CHECK(granted + 1 >= 6);
  CHECK(granted + 1 <= 7);  // 6 at once, one more if 1.1 s passed; never 6 an instance
  CHECK(refused == 12 - granted);
}
