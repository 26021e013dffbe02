// The invitation quota extension (GET /users/invite/quota): the organisation's 25 places of the
// current UTC day, taken by invitations and by invitations sent again, asked by whoever may invite
// about any organisation of their tree (403 for others, the organisation calls' 404 outside it).
// A database of its own: these tests invite people.
#include "admin_helpers.h"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

using namespace roster::test;
using nlohmann::json;

namespace {

const SeededDb& db() {
  static SeededDb d = seed_db("invite-quota", 300, 10, 31);
  return d;
}

ServerProcess& server() {
  static ServerProcess s(db().path);
  return s;
}

Caller client() { return as_client(server(), db()); }

const std::string kQuota = kOrgApi + "/users/invite/quota";
constexpr std::int64_t kDayMs = 86'400'000;

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The counts start again at UTC midnight: a test that counts waits until a midnight close by has passed.
void away_from_midnight() {
  const auto to_midnight = kDayMs - wall_ms() % kDayMs;
  if (to_midnight < 30'000) std::this_thread::sleep_for(std::chrono::milliseconds(to_midnight + 500));
}

Response invite(const Caller& who, const std::string& email, int org) {
  return who.post(kOrgApi + "/users/invite",
                  json{{"email", email}, {"name", "Quota Person"}, {"roleId", 3}, {"orgId", org}}.dump());
}

// The quota's fields, checked for shape and for the day it counts.
json quota(const Caller& who, const std::string& query = "") {
  const auto before = wall_ms();
  auto r = who.get(kQuota + query);
  const auto after = wall_ms();
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json["limit"] == 25);
  CHECK(r.json["left"] == 25 - r.json["usedToday"].get<std::int64_t>());
  // The next UTC midnight, exactly: the day boundary of the limit (Retry-After counts to it too).
  const auto resets = r.json["resetsAt"].get<std::int64_t>();
  CHECK((resets == (before / kDayMs + 1) * kDayMs || resets == (after / kDayMs + 1) * kDayMs));
  return r.json;
}

}  // namespace

TEST_CASE("invite quota: 25 left in a fresh organization; each invitation and resend takes one") {
  away_from_midnight();
  auto fresh = quota(client());
  CHECK(fresh["orgId"] == 1);  // the caller's organization by default
  CHECK(fresh["usedToday"] == 0);
  CHECK(fresh["left"] == 25);
  CHECK(quota(client(), "?orgId=1") == fresh);

  auto first = invite(client(), "quota.one@example.org", 1);
  REQUIRE(first.status == 201);
  REQUIRE(invite(client(), "quota.two@example.org", 1).status == 201);
  auto two = quota(client());
  CHECK(two["usedToday"] == 2);
  CHECK(two["left"] == 23);

  auto resent = client().post(
      kOrgApi + "/users/invite/resend?userId=" + std::to_string(first.json["id"].get<std::int64_t>()), "");
  REQUIRE(resent.status == 200);
  auto three = quota(client());
  CHECK(three["usedToday"] == 3);
  CHECK(three["left"] == 22);

  // Refused attempts take no place: a taken address, an unknown role.
  CHECK(invite(client(), "quota.two@example.org", 1).status == 400);
  CHECK(client()
            .post(kOrgApi + "/users/invite",
                  json{{"email", "quota.role@example.org"}, {"name", "Q"}, {"roleId", 42}}.dump())
            .status == 404);
  CHECK(quota(client())["left"] == 22);

  // The session of an Admin asks the same.
  auto admin = as_session(server(), "admin@roster.demo", "roster-demo");
  CHECK(quota(admin)["usedToday"] == 3);
}

TEST_CASE("invite quota: the 26th invitation is still refused, and the quota says 0 left") {
  away_from_midnight();
  auto [level2, child] = level2_and_child(client());
  const std::string of_level2 = "?orgId=" + std::to_string(level2);
  CHECK(quota(client(), of_level2)["left"] == 25);
  std::int64_t last = 0;
  for (int i = 0; i < 25; ++i) {
    auto r = invite(client(), "quota.batch" + std::to_string(i) + "@example.org", level2);
    REQUIRE(r.status == 201);
    last = r.json["id"].get<std::int64_t>();
  }
  auto full = quota(client(), of_level2);
  CHECK(full["orgId"] == level2);
  CHECK(full["usedToday"] == 25);
  CHECK(full["left"] == 0);

  auto refused = invite(client(), "quota.batch25@example.org", level2);
  CHECK(refused.status == 429);
  // Retry-After counts to the same boundary as resetsAt.
  const auto retry_after = std::stoll(refused.header("Retry-After"));
  const auto to_reset = (full["resetsAt"].get<std::int64_t>() - wall_ms()) / 1000;
  CHECK(retry_after >= to_reset - 2);
  CHECK(retry_after <= to_reset + 2);
  CHECK(client().post(kOrgApi + "/users/invite/resend?userId=" + std::to_string(last), "").status == 429);
  auto still = quota(client(), of_level2);
  CHECK(still["usedToday"] == 25);
  CHECK(still["left"] == 0);

  // Organizations count apart: the child below and the root are untouched by the level-2 batch.
  CHECK(quota(client(), "?orgId=" + std::to_string(child))["usedToday"] == 0);
  CHECK(invite(client(), "quota.child@example.org", child).status == 201);
  CHECK(quota(client(), "?orgId=" + std::to_string(child))["left"] == 24);
}

TEST_CASE("invite quota: 403 for whoever may not invite; another tree's organization is the 404 of the org calls") {
  auto staff = as_session(server(), "staff@roster.demo", "roster-demo");
  auto user = as_session(server(), "user@roster.demo", "roster-demo");
  Caller kiosk(server(), "Bearer " + issue_kiosk_token(db(), 1));
  for (const Caller* who : {&staff, &user, &kiosk}) {
    auto r = who->get(kQuota);
    CHECK(r.status == 403);
    CHECK(r.message() == "Your role does not allow this action.");
    CHECK(who->get(kQuota + "?orgId=1").status == 403);
  }

  auto [level2, child] = level2_and_child(client());
  create_user(client(), "quota.tree.admin@example.org", "Tree-admin-1", level2, 1);
  auto sub = as_session(server(), "quota.tree.admin@example.org", "Tree-admin-1");
  CHECK(quota(sub)["orgId"] == level2);  // their own organization by default
  CHECK(quota(sub, "?orgId=" + std::to_string(child))["orgId"] == child);
  const auto words = sub.get(kOrgApi + "?orgId=1").message();
  CHECK(words == "Organization is not found or you don't have access to it.");
  for (const auto& r :
       {sub.get(kQuota + "?orgId=1"), sub.get(kQuota + "?orgId=99999"), client().get(kQuota + "?orgId=99999")}) {
    CHECK(r.status == 404);
    CHECK(r.message() == words);
  }
  CHECK(client().get(kQuota + "?orgId=abc").status == 400);
  CHECK(client().get(kQuota + "?orgId=0").status == 400);
}

TEST_CASE("invite quota: an extension, so --public-api-only answers 404") {
  ServerProcess plain(db().path, {"--public-api-only"});
  auto c = as_client(plain, db());
  CHECK(c.get(kQuota).status == 404);
  CHECK(c.get(kOrgApi + "/users?size=1").status == 200);
}
