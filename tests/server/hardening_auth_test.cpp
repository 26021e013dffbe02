// Attacks on sign-in, tokens and writes: lock-out that another account's success cannot reset,
// throttled client secrets, concurrent writers (none lost, none over a limit, no 5xx), integers out
// of range, and state that must not grow forever (sessions capped per user).
#include "api_helpers.h"

#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

using namespace roster::test;
using nlohmann::json;

namespace {

int sign_in_status(const ServerProcess& s, const std::string& email, const std::string& password) {
  json body = {{"email", email}, {"password", password}};
  auto r = s.client()->Post("/api/session", body.dump(), "application/json");
  REQUIRE(r);
  return r->status;
}

std::string token_path(const SeededDb& db, const std::string& secret) {
  return "/oauth2/token?grant_type=client_credentials&client_id=" +
         db.info["oauthClient"]["clientId"].get<std::string>() + "&client_secret=" + secret;
}

}  // namespace

TEST_CASE("lock-out counts per account: one account's success does not reset another's failures") {
  ServerProcess s(shared_db().path);
  // 4 wrong admin passwords, then a correct staff sign-in, repeated: the fifth wrong guess is refused.
  std::vector<int> admin_statuses;
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 4; ++i) admin_statuses.push_back(sign_in_status(s, "admin@roster.demo", "wrong"));
    CHECK(sign_in_status(s, "staff@roster.demo", "roster-demo") == 200);
  }
  REQUIRE(admin_statuses.size() == 20);
  for (int i = 0; i < 4; ++i) CHECK(admin_statuses[static_cast<std::size_t>(i)] == 401);
  CHECK(admin_statuses[4] == 429);
  for (std::size_t i = 4; i < admin_statuses.size(); ++i) CHECK(admin_statuses[i] == 429);
  // The blocked account is refused even with its right password; the others are not.
  CHECK(sign_in_status(s, "admin@roster.demo", "roster-demo") == 429);
  CHECK(sign_in_status(s, "user@roster.demo", "roster-demo") == 200);
}

TEST_CASE("lock-out counts per address: twenty wrong guesses over any accounts block the address") {
  ServerProcess s(shared_db().path);
  for (int i = 0; i < 19; ++i) CHECK(sign_in_status(s, "guess" + std::to_string(i) + "@roster.demo", "x") == 401);
  CHECK(sign_in_status(s, "guess19@roster.demo", "x") == 429);
  json body = {{"email", "staff@roster.demo"}, {"password", "roster-demo"}};
  auto r = s.client()->Post("/api/session", body.dump(), "application/json");
  REQUIRE(r);
  CHECK(r->status == 429);
  CHECK(std::stoi(r->get_header_value("Retry-After")) > 590);
}

TEST_CASE("wrong OAuth client secrets are throttled like passwords") {
  ServerProcess s(shared_db().path);
  for (int i = 0; i < 4; ++i) {
    auto r = to_response(s.client()->Post(token_path(shared_db(), "wrong-secret").c_str(), "", "text/plain"));
    CHECK(r.status == 400);
    CHECK(r.json["error"] == "invalid_client");
  }
  // The fifth wrong secret reaches the limit: refused at once, as the fifth wrong password is.
  CHECK(to_response(s.client()->Post(token_path(shared_db(), "wrong-secret").c_str(), "", "text/plain")).status == 429);
  auto right = shared_db().info["oauthClient"]["clientSecret"].get<std::string>();
  auto blocked = to_response(s.client()->Post(token_path(shared_db(), right).c_str(), "", "text/plain"));
  CHECK(blocked.status == 429);
  CHECK(std::stoi(blocked.header("Retry-After")) > 590);
  CHECK(blocked.json["error"] == "temporarily_unavailable");
}

TEST_CASE("40 concurrent invitations: exactly 25 created, the rest 429, none 5xx") {
  auto db = seed_db("invite-race", 200, 6, 11);
  ServerProcess s(db.path);
  auto admin = as_client(s, db);
  std::mutex m;
  std::map<int, int> statuses;
  std::vector<std::thread> threads;
  for (int i = 0; i < 40; ++i)
    threads.emplace_back([&, i] {
      json body = {{"email", "zqxrace" + std::to_string(i) + "@example.org"}, {"name", "Race Person"}, {"roleId", 3}};
      auto r = admin.post("/api/v1/organization/users/invite", body.dump());
      std::lock_guard<std::mutex> lock(m);
      ++statuses[r.status];
      if (r.status >= 500) MESSAGE("5xx body: " << r.body);
    });
  for (auto& t : threads) t.join();
  CHECK(statuses[201] == 25);
  CHECK(statuses[429] == 15);
  CHECK(statuses.size() == 2);
  auto found = admin.get("/api/v1/organization/search/users?query=zqxrace&size=100");
  CHECK(found.json["totalElements"] == 25);
}

TEST_CASE("16 concurrent sign-ins of one user: every one is written to the actions log") {
  auto db = seed_db("sign-in-race", 200, 6, 12);
  ServerProcess s(db.path);
  auto admin = as_client(s, db);
  auto user_id = db.info["accounts"][2]["userId"].get<std::int64_t>();
  auto email = db.info["accounts"][2]["email"].get<std::string>();
  const std::string log =
      "/api/v1/organization/user/actions-log?userId=" + std::to_string(user_id) + "&query=USER_LOGIN&from=0";
  auto before = admin.get(log).json["totalElements"].get<int>();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&] {
      if (sign_in_status(s, email, "roster-demo") == 200) ++ok;
    });
  for (auto& t : threads) t.join();
  CHECK(ok == 16);
  CHECK(admin.get(log).json["totalElements"].get<int>() == before + 16);
}

TEST_CASE("integers outside their type's range are 400 in every parameter and field, never wrapped") {
  auto api = as_client(shared_server(), shared_db());
  for (const char* path :
       {"/api/v1/organization/users?roleId=4294967297", "/api/v1/organization/users?roleId=-4294967295",
        "/api/v1/organization/users?roleId=1,4294967297", "/api/v1/organization/users?roleId=99999999999999999999",
        "/api/v1/organization/search/users?query=ad&roleId=4294967297", "/api/v1/organization/users?orgId=4294967297",
        "/api/v1/organization/users?page=-1", "/api/v1/organization/users?size=4294967297",
        "/api/v1/organization/user?userId=9223372036854775808", "/api/v1/organization/user?userId=-1",
        "/api/v1/organization/device?deviceId=4294967297", "/api/v1/organization/users/role?userId=5&roleId=4294967297",
        "/api/v1/organization/user/actions-log?userId=1&from=-1",
        "/api/v1/organization/user/actions-log?userId=1&to=9223372036854775808"}) {
    CAPTURE(path);
    auto r = std::string(path).find("/users/role") != std::string::npos ? api.put(path) : api.get(path);
    CHECK(r.status == 400);
    CHECK_FALSE(r.message().empty());
  }
  for (const char* body : {R"({"userId": 1e20, "targetOrgId": 1, "roleId": 3})",
                           R"({"userId": 5, "targetOrgId": 4294967297, "roleId": 3})",
                           R"({"userId": 5, "targetOrgId": 1, "roleId": -4294967293})"}) {
    CAPTURE(body);
    CHECK(api.post("/api/v1/organization/users/transfer", body).status == 400);
  }
  CHECK(api.post("/api/v1/organization/users/invite", R"({"email":"w@example.org","name":"W","roleId":4294967297})")
            .status == 400);
  CHECK(api.put("/api/v1/organization/user?userId=5", R"({"tags":[4294967297]})").status == 400);
}

TEST_CASE("live sessions are capped per user: the eleventh sign-in signs the oldest out") {
  ServerProcess s(shared_db().path);
  std::vector<std::string> jars;
  for (int i = 0; i < 11; ++i) {
    json body = {{"email", "user@roster.demo"}, {"password", "roster-demo"}};
    auto r = s.client()->Post("/api/session", body.dump(), "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    auto cookie = r->get_header_value("Set-Cookie");
    jars.push_back(cookie.substr(0, cookie.find(';')));
  }
  auto status = [&](const std::string& jar) { return s.client()->Get("/api/session", {{"Cookie", jar}})->status; };
  CHECK(status(jars[0]) == 401);
  for (std::size_t i = 1; i < jars.size(); ++i) CHECK(status(jars[i]) == 200);
}
