// The profile's state: the header from the list's row at once, every tab's first page requested on
// opening, interval presets and custom ranges becoming the right requests, tab switches replacing the
// history entry, Back keeping the list; the Devices screen's requests and owner filling.
#include "api/api_client.h"
#include "fake_transport.h"
#include "sent_params.h"
#include "store/route.h"
#include "store/store.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace roster;
using roster::test::FakeTransport;
using roster::test::sent_param;

namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;
constexpr std::int64_t kHour = 3'600'000;

std::string user_json(long long id, const std::string& name, const std::string& email) {
  return nlohmann::json{{"id", id}, {"name", name}, {"email", email}, {"roleId", 3}, {"orgId", 1}, {"status", "Active"}}
      .dump();
}

std::string users_body(int count) {
  nlohmann::json content = nlohmann::json::array();
  for (int i = 0; i < count; ++i)
    content.push_back(
        nlohmann::json::parse(user_json(i + 1, "User " + std::to_string(i + 1), "u" + std::to_string(i + 1) + "@x.y")));
  return nlohmann::json{{"content", content}, {"totalElements", count}}.dump();
}

const std::string kEmptyPage = R"({"content":[],"totalElements":0})";

struct Console {
  FakeTransport t;
  api::ApiClient http{t, ""};
  api::PlatformClient client{http};
  store::Store s{client};
  explicit Console(const std::string& route) {
    s.start(store::parse_route(route), false, kNow);
    t.respond("/roles", 200, R"([{"id":1,"name":"Admin","permissions":[]}])");
  }
};

}  // namespace

TEST_CASE("opening a profile from the list: the row at once, then the detail; every tab is asked for") {
  Console c("#/users");
  REQUIRE(c.t.respond("/users?page=0", 200, users_body(20)));
  const User* row = c.s.users().row(4);
  REQUIRE(row != nullptr);
  c.s.apply(store::intent::OpenUser{row->id, *row}, kNow + 10);
  CHECK(c.s.route().screen == store::Screen::UserProfile);
  REQUIRE(c.s.profile().user().has_value());  // drawn in the next frame, before any answer
  CHECK(c.s.profile().user()->name == "User 5");
  CHECK_FALSE(c.s.profile().detailed());
  CHECK(c.t.pending("/user?userId=5") == 1);
  CHECK(c.t.pending("/user/actions-log?userId=5") == 1);
  CHECK(c.t.pending("/user/actions-log/histogram?userId=5") == 1);
  CHECK(c.t.pending("/device/by-owner?ownerEmail=u5%40x.y") == 1);  // the row's email: no waiting
  // The default interval is the last week, ending now, in hour buckets.
  CHECK(sent_param(c.t, "/user/actions-log?", "to") == std::to_string(kNow + 10));
  CHECK(sent_param(c.t, "/user/actions-log?", "from") == std::to_string(kNow + 10 - 7 * 24 * kHour));
  CHECK(sent_param(c.t, "/histogram", "buckets") == "168");
  REQUIRE(c.t.respond("/user?userId=5", 200, user_json(5, "User Five", "u5@x.y")));
  CHECK(c.s.profile().detailed());
  CHECK(c.s.profile().user()->name == "User Five");
  CHECK(c.t.pending("/device/by-owner") == 1);  // the same email: not asked twice
}

TEST_CASE("a deep link to a profile waits for the detail's email before asking for its devices") {
  Console c("#/users/9/devices");
  CHECK(c.s.route().tab == store::ProfileTab::Devices);
  CHECK(c.s.waiting());
  CHECK(c.t.pending("/device/by-owner") == 0);
  REQUIRE(c.t.respond("/user?userId=9", 200, user_json(9, "Γιώργος Παπαδόπουλος", "giorgos@x.y")));
  CHECK(c.t.pending("/device/by-owner?ownerEmail=giorgos%40x.y") == 1);
  REQUIRE(c.t.respond("/device/by-owner", 200, kEmptyPage));
  CHECK(c.s.profile().devices().total() == 0);  // the tab's empty state
}

TEST_CASE("tabs switch without requests and replace the history entry; Back keeps the list") {
  Console c("#/users?q=ann");
  REQUIRE(c.t.respond("/search/users?query=ann&page=0", 200, users_body(30)));
  auto list_generation = c.s.users().generation();
  c.s.apply(store::intent::OpenUser{3}, kNow + 1);
  auto pushed = c.s.take_history();
  REQUIRE(pushed);
  CHECK(pushed->push);
  auto sent = c.t.sent.size();
  c.s.apply(store::intent::SetProfileTab{store::ProfileTab::Actions}, kNow + 2);
  auto replaced = c.s.take_history();
  REQUIRE(replaced);
  CHECK_FALSE(replaced->push);
  CHECK_FALSE(replaced->settle);  // written at once: Back must find it
  CHECK(replaced->hash == "#/users/3/actions");
  CHECK(c.t.sent.size() == sent);  // its rows were asked for when the profile opened
  c.s.apply(store::intent::FollowLocation{"#/users?q=ann"}, kNow + 3);  // Back
  CHECK(c.s.route().screen == store::Screen::Users);
  CHECK(c.s.users().generation() == list_generation);  // the same rows, the same scroll position
  CHECK(c.s.users().total() == 30);
  CHECK(c.t.sent.size() == sent);
}

TEST_CASE("interval presets, a custom range and the client filter become the requests") {
  Console c("#/users/5/actions");
  const std::int64_t now = kNow + 100;
  struct Case {
    ActionsRange range;
    std::int64_t span;
    const char* buckets;
  };
  for (const Case& k : {Case{ActionsRange::LastHour, kHour, "60"}, Case{ActionsRange::SixHours, 6 * kHour, "360"},
                        Case{ActionsRange::OneDay, 24 * kHour, "24"}, Case{ActionsRange::OneMonth, 720 * kHour, "30"},
                        Case{ActionsRange::ThreeMonths, 2160 * kHour, "90"}}) {
    ActionsQuery q;
    q.range = k.range;
    c.s.apply(store::intent::SetActionsQuery{q}, now);
    CHECK(sent_param(c.t, "/user/actions-log?", "from") == std::to_string(now - k.span));
    CHECK(sent_param(c.t, "/user/actions-log?", "to") == std::to_string(now));
    CHECK(sent_param(c.t, "/histogram", "buckets") == k.buckets);
  }
  ActionsQuery custom;
  custom.range = ActionsRange::Custom;
  custom.from_ms = kNow - 3 * kHour;
  custom.to_ms = kNow - kHour;
  custom.clients = {"iOS", "Android"};
  custom.sort_label = "Action Code";
  custom.descending = true;
  c.s.apply(store::intent::SetActionsQuery{custom}, now);
  CHECK(sent_param(c.t, "/user/actions-log?", "from") == std::to_string(kNow - 3 * kHour));
  CHECK(sent_param(c.t, "/user/actions-log?", "to") == std::to_string(kNow - kHour));
  CHECK(c.t.pending("client=Android&client=iOS") == 2);  // the log and its histogram
  CHECK(sent_param(c.t, "/user/actions-log?", "sortBy") == "Action%20Code");
  CHECK(sent_param(c.t, "/user/actions-log?", "sortOrder") == "DESC");
  CHECK(sent_param(c.t, "/histogram", "sortBy").empty());  // the histogram counts, it does not sort
  auto h = c.s.take_history();
  REQUIRE(h);
  CHECK(h->hash == "#/users/5/actions?from=" + std::to_string(kNow - 3 * kHour) +
                       "&to=" + std::to_string(kNow - kHour) + "&client=Android%2CiOS&sort=Action%20Code&order=desc");
}

TEST_CASE("the histogram of the shown query is kept; an older query's is dropped") {
  Console c("#/users/5/actions?range=1h");
  ActionsQuery day;
  day.range = ActionsRange::OneDay;
  c.s.apply(store::intent::SetActionsQuery{day}, kNow + 5);
  // The first (1h) histogram answers late: dropped. The second one is kept.
  REQUIRE(c.t.respond("/histogram", 200, R"({"bucketMs":60000,"buckets":[{"ts":1,"counts":{"Web":9}}]})"));
  CHECK_FALSE(c.s.profile().histogram().has_value());
  REQUIRE(c.t.respond("/histogram", 200, R"({"bucketMs":3600000,"buckets":[{"ts":1,"counts":{"Web":2,"iOS":3}}]})"));
  REQUIRE(c.s.profile().histogram().has_value());
  CHECK(c.s.profile().histogram()->buckets[0].total() == 5);
}

TEST_CASE("the public API has no actions log: the tab says so and nothing is asked") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::Store s(client);
  s.start(store::parse_route("#/users"), false, kNow);
  REQUIRE(t.respond("/roles", 404, R"({"error":{"message":"No such endpoint"}})"));
  s.apply(store::intent::OpenUser{7}, kNow + 1);
  CHECK(t.pending("/actions-log") == 0);
  REQUIRE(s.profile().actions().error().has_value());
  CHECK(s.profile().actions().error()->message == "This server does not provide the actions log.");
}

TEST_CASE("the Devices screen: search and sort become requests; plain owners are filled once each") {
  Console c("#/devices?q=pump&sort=Owner%20Name&order=desc");
  CHECK(c.t.pending("/search/devices?query=pump&page=0&size=100&sortBy=Owner%20Name&sortOrder=DESC") == 1);
  nlohmann::json content = nlohmann::json::array();
  for (int i = 0; i < 4; ++i)
    content.push_back({{"id", i + 1}, {"name", "Pump " + std::to_string(i)}, {"ownerUserId", i < 2 ? 11 : 12}});
  REQUIRE(c.t.respond("/search/devices", 200, nlohmann::json{{"content", content}, {"totalElements", 4}}.dump()));
  c.s.apply(store::intent::SetDevicesVisibleRows{0, 3}, kNow + 300);
  CHECK(c.t.pending("/user?userId=11") == 1);
  CHECK(c.t.pending("/user?userId=12") == 1);
  REQUIRE(c.t.respond("/user?userId=11", 200, user_json(11, "Olena Koval", "o@x.y")));
  const Device* d = c.s.devices_screen().devices().row(1);
  REQUIRE(d != nullptr);
  CHECK(c.s.devices_screen().owner_name(*d) == std::string("Olena Koval"));
  c.s.apply(store::intent::SetDevicesVisibleRows{0, 3}, kNow + 316);
  CHECK(c.t.sent.size() == 4);  // the roles at start, the search and two owners, each once
  DevicesQuery q;
  q.sort_label = "Last Updated";
  c.s.apply(store::intent::SetDevicesQuery{q}, kNow + 400);
  CHECK(c.t.pending("/devices?page=0&size=100&sortBy=Last%20Updated&sortOrder=ASC&includeSubOrgDevices=true") == 1);
  auto h = c.s.take_history();
  REQUIRE(h);
  CHECK(h->hash == "#/devices?sort=Last%20Updated&order=asc");
}

TEST_CASE("the Devices tab sorts on the server through by-owner's sortBy") {
  Console c("#/users/9/devices");
  REQUIRE(c.t.respond("/user?userId=9", 200, user_json(9, "Olena Koval", "olena@x.y")));
  REQUIRE(c.t.respond("/device/by-owner", 200, kEmptyPage));
  c.s.apply(store::intent::SetProfileDevicesSort{"Last Updated", true}, kNow + 50);
  CHECK(c.t.pending("/device/by-owner?ownerEmail=olena%40x.y&page=0&size=100&sortBy=Last%20Updated&sortOrder=DESC") ==
        1);
  CHECK(c.s.profile().devices_sort_label() == "Last Updated");
  c.s.apply(store::intent::SetProfileDevicesSort{"Shoe", false}, kNow + 60);  // not a label: the server's order
  CHECK(c.t.pending("/device/by-owner?ownerEmail=olena%40x.y&page=0&size=100&includeSubOrgDevices") == 0);
  CHECK(c.s.profile().devices_sort_label().empty());
}
