// Lookups of organizations that may be empty: a transfer to an organization that does not exist, and
// callers whose own organization is gone (the database edited behind the server's back, or data
// imported with dangling references). Each answer is a 404 with a sentence, never the end of the
// process.
#include "api_helpers.h"
#include "sql_edit.h"

#include <doctest/doctest.h>

#include <csignal>

using namespace roster::test;
using nlohmann::json;

namespace {

const char* const kOrgNotFound = "Organization is not found or you don't have access to it.";

// A database where the demo User's organization (a leaf) no longer exists and the demo Staff member
// points at an organization that never did.
const SeededDb& db() {
  static SeededDb d = [] {
    SeededDb seeded = seed_db("missing-orgs", 120, 6, 5);
    const int gone = seeded.info["accounts"][2]["orgId"].get<int>();
    auto error = run_sql(seeded.path, "DELETE FROM orgs WHERE id = " + std::to_string(gone) +
                                          "; UPDATE users SET org_id = 4242 WHERE email = 'staff@roster.demo';");
    INFO(error);
    REQUIRE(error.empty());
    return seeded;
  }();
  return d;
}

void check_not_found(const Response& r) {
  INFO(r.body);
  CHECK(r.status == 404);
  CHECK(r.message() == kOrgNotFound);
}

}  // namespace

TEST_CASE("organizations that do not exist: transfers, lookups and callers whose organization is gone get 404") {
  ServerProcess server(db().path);
  const std::string base = "/api/v1/organization";
  const int gone = db().info["accounts"][2]["orgId"].get<int>();
  auto admin = as_client(server, db());

  // Transfer to an organization that does not exist (never did, or is gone).
  for (int target : {4242, gone}) {
    auto r = admin.post(base + "/users/transfer", json{{"userId", 10}, {"targetOrgId", target}, {"roleId", 3}}.dump());
    check_not_found(r);
  }
  CHECK(admin.get(base + "/user?userId=10").json["orgId"] != gone);
  check_not_found(admin.get(base + "?orgId=" + std::to_string(gone)));
  check_not_found(admin.get(base + "/sub-organizations?orgId=" + std::to_string(gone)));
  check_not_found(admin.get(base + "/tags?orgId=" + std::to_string(gone)));
  check_not_found(admin.get(base + "/users?orgId=" + std::to_string(gone)));
  check_not_found(admin.get(base + "/devices?orgId=4242"));

  // A plain User whose own organization is gone: the profile, the organization by id, the search
  // scope, and every list scoped to it.
  auto user = as_session(server, "user@roster.demo", "roster-demo");
  check_not_found(user.get(base + "/profile"));
  check_not_found(user.get(base + "?orgId=" + std::to_string(gone)));
  check_not_found(user.get(base + "/search?query=a"));
  check_not_found(user.get(base + "/sub-organizations"));
  check_not_found(user.get(base + "/tags"));
  check_not_found(user.get(base + "/users"));
  check_not_found(user.get(base + "/devices"));
  check_not_found(user.get(base + "/search/devices?query=a"));

  // Staff pointing at an organization that never existed.
  auto staff = as_session(server, "staff@roster.demo", "roster-demo");
  check_not_found(staff.get(base + "/profile"));
  check_not_found(staff.get(base + "?orgId=4242"));
  check_not_found(staff.get(base + "/search?query=a"));
  check_not_found(staff.get(base + "/search/users?query=a"));

  // The server is still there, and still right for everyone else.
  CHECK(kill(server.pid(), 0) == 0);
  auto profile = admin.get(base + "/profile");
  CHECK(profile.status == 200);
  CHECK(profile.json["id"] == 1);
  auto search = admin.get(base + "/search?query=a&size=100");
  REQUIRE(search.status == 200);
  for (const auto& o : search.json["content"]) CHECK(o["id"] != gone);
}
