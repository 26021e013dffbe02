// Public API: organization names resolved from each item's orgId with "Organization info", once per
// organization, for the users list, the profile header and the Devices screen; none asked for when
// the server's items carry their names (the reference server's extension).
#include "api/api_client.h"
#include "fake_transport.h"
#include "store/route.h"
#include "store/state_report.h"
#include "store/store.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace roster;
using roster::test::FakeTransport;

namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;
const char* const kNoRoles = R"({"error":{"message":"No such endpoint"}})";

// Plain summaries, as the public API sends them: users 1..count, the first half in org 1.
std::string summaries(int count) {
  nlohmann::json content = nlohmann::json::array();
  for (int i = 1; i <= count; ++i)
    content.push_back({{"id", i},
                       {"name", "User " + std::to_string(i)},
                       {"email", "u" + std::to_string(i) + "@x.y"},
                       {"roleId", 3},
                       {"orgId", i <= count / 2 ? 1 : 2},
                       {"isDev", false}});
  return nlohmann::json{{"content", content}, {"totalElements", count}}.dump();
}

std::string org(int id, const std::string& name) { return nlohmann::json{{"id", id}, {"name", name}}.dump(); }

std::size_t asked(const FakeTransport& t, const std::string& url_end) {
  std::size_t n = 0;
  for (const auto& s : t.sent) {
    const auto& url = s.request.url;
    n += url.size() >= url_end.size() && url.compare(url.size() - url_end.size(), url_end.size(), url_end) == 0;
  }
  return n;
}

struct Console {
  FakeTransport t;
  api::ApiClient http{t, ""};
  api::PlatformClient client{http};
  store::Store s{client};
  explicit Console(const std::string& route, bool public_api = true) {
    s.start(store::parse_route(route), false, kNow);
    if (public_api)
      t.respond("/roles", 404, kNoRoles);
    else
      t.respond("/roles", 200, R"([{"id":1,"name":"Admin","permissions":[]}])");
  }
};

}  // namespace

TEST_CASE("public API: the users list names each row's organization, one request per organization") {
  Console c("#/users");
  REQUIRE(c.t.respond("/users?page=0", 200, summaries(10)));
  c.s.set_visible_rows(0, 9, kNow + 10);
  c.s.tick(kNow + 20);
  CHECK(c.t.pending("/api/v1/organization?orgId=1") == 1);
  CHECK(c.t.pending("/api/v1/organization?orgId=2") == 1);
  c.s.tick(kNow + 40);
  CHECK(asked(c.t, "/api/v1/organization?orgId=1") == 1);  // not again while it is out
  REQUIRE(c.t.respond("/api/v1/organization?orgId=1", 200, org(1, "Harbor Logistics")));
  c.s.tick(kNow + 60);
  REQUIRE(c.s.users().row(0) != nullptr);
  CHECK(c.s.users().row(0)->orgName == std::string("Harbor Logistics"));
  CHECK(c.s.users().row(4)->orgName == std::string("Harbor Logistics"));
  CHECK_FALSE(c.s.users().row(5)->orgName.has_value());  // org 2 not here yet: shown as unavailable
  CHECK(c.s.take_changed());
  REQUIRE(c.t.respond("/api/v1/organization?orgId=2", 404, R"({"error":{"message":"Organization is not found"}})"));
  for (int i = 0; i < 5; ++i) c.s.tick(kNow + 100 + i * 20'000);
  CHECK(asked(c.t, "/api/v1/organization?orgId=2") == 1);  // hidden from this token: not asked again
  CHECK_FALSE(c.s.users().row(5)->orgName.has_value());
  auto state = store::state_report(c.s, 0, 9);
  CHECK(state["visibleRows"][0]["orgName"] == "Harbor Logistics");
}

TEST_CASE("public API: a name that failed to come is asked again only after a pause, never once a frame") {
  Console c("#/users");
  REQUIRE(c.t.respond("/users?page=0", 200, summaries(2)));
  c.s.set_visible_rows(0, 1, kNow + 10);
  c.s.tick(kNow + 20);
  REQUIRE(c.t.respond("/api/v1/organization?orgId=1", 500, R"({"error":{"message":"Failed"}})"));
  for (int i = 1; i <= 30; ++i) c.s.tick(kNow + 20 + i * 16);
  CHECK(asked(c.t, "/api/v1/organization?orgId=1") == 1);
  c.s.tick(kNow + 20 + store::OrgNames::kRetryAfterMs + 1);
  CHECK(asked(c.t, "/api/v1/organization?orgId=1") == 2);
  REQUIRE(c.t.respond("/api/v1/organization?orgId=1", 200, org(1, "Harbor Logistics")));
  c.s.tick(kNow + 20 + store::OrgNames::kRetryAfterMs + 20);
  CHECK(c.s.users().row(0)->orgName == std::string("Harbor Logistics"));
}

TEST_CASE("public API: the profile header and its Devices tab, and the Devices screen, name the organization") {
  Console c("#/users/9/devices");
  REQUIRE(c.t.respond("/user?userId=9", 200,
                      R"({"id":9,"name":"Olena Koval","email":"o@x.y","roleId":1,"orgId":3,"status":"Active"})"));
  nlohmann::json devices = nlohmann::json::array();
  for (int i = 1; i <= 3; ++i) devices.push_back({{"id", i}, {"name", "Pump " + std::to_string(i)}, {"orgId", 3}});
  REQUIRE(c.t.respond("/device/by-owner", 200, nlohmann::json{{"content", devices}, {"totalElements", 3}}.dump()));
  c.s.apply(store::intent::SetProfileDevicesVisibleRows{0, 2}, kNow + 10);
  c.s.tick(kNow + 20);
  CHECK(c.t.pending("/api/v1/organization?orgId=3") == 1);
  REQUIRE(c.t.respond("/api/v1/organization?orgId=3", 200, org(3, "Northwind")));
  c.s.tick(kNow + 40);
  REQUIRE(c.s.profile().user().has_value());
  CHECK(c.s.profile().user()->orgName == std::string("Northwind"));
  REQUIRE(c.s.profile().devices().row(2) != nullptr);
  CHECK(c.s.profile().devices().row(2)->orgName == std::string("Northwind"));

  c.s.navigate(store::parse_route("#/devices"), true, kNow + 100);
  REQUIRE(c.t.respond("/devices?page=0", 200, nlohmann::json{{"content", devices}, {"totalElements", 3}}.dump()));
  c.s.apply(store::intent::SetDevicesVisibleRows{0, 2}, kNow + 110);
  c.s.tick(kNow + 120);
  REQUIRE(c.s.devices_screen().devices().row(0) != nullptr);
  CHECK(c.s.devices_screen().devices().row(0)->orgName == std::string("Northwind"));  // known: no request
  CHECK(asked(c.t, "/api/v1/organization?orgId=3") == 1);
  auto state = store::state_report(c.s, 0, 0);
  CHECK(state["devices"]["visibleRows"][0]["orgName"] == "Northwind");
}

TEST_CASE("with Roster's extensions the items carry their organization: no Organization info is asked") {
  Console c("#/users", false);
  nlohmann::json content = nlohmann::json::array();
  for (int i = 1; i <= 4; ++i)
    content.push_back({{"id", i},
                       {"name", "User"},
                       {"email", "u@x.y"},
                       {"roleId", 3},
                       {"orgId", 1},
                       {"orgName", "Harbor Logistics"},
                       {"status", "Active"}});
  REQUIRE(c.t.respond("/users?page=0", 200, nlohmann::json{{"content", content}, {"totalElements", 4}}.dump()));
  c.s.set_visible_rows(0, 3, kNow + 10);
  c.s.tick(kNow + 20);
  CHECK(c.t.pending("/api/v1/organization?") == 0);
  CHECK(c.s.users().row(0)->orgName == std::string("Harbor Logistics"));
}
