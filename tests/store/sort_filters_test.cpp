// The users list's Last Login sort and "Last sign-in" filter in the store: they are in the route and
// its URL hash (deep links restore them), the intents change the query and the request, and state()
// reports them.
#include "api/api_client.h"
#include "fake_transport.h"
#include "store/route.h"
#include "store/state_report.h"
#include "store/store.h"

#include <doctest/doctest.h>

using namespace roster;
using roster::test::FakeTransport;

namespace {

struct Console {
  FakeTransport t;
  api::ApiClient http{t, ""};
  api::PlatformClient client{http};
  store::Store s{client};
  std::size_t sent_containing(const std::string& part) const {
    std::size_t n = 0;
    for (const auto& x : t.sent) n += x.request.url.find(part) != std::string::npos;
    return n;
  }
};

}  // namespace

TEST_CASE("route: the Last Login sort and the Last sign-in filter round-trip through the hash") {
  for (std::string hash :
       {"#/users?sort=Last%20Login&order=asc", "#/users?sort=Last%20Login&order=desc", "#/users?notsignedin=30",
        "#/users?q=ann&status=Active&notsignedin=365",
        "#/users?sort=Last%20Login&order=asc&preset=members&notsignedin=90", "#/orgs/7/users?notsignedin=90"}) {
    auto r = store::parse_route(hash);
    CHECK_MESSAGE(store::print_route(r) == hash, hash);
    CHECK(store::parse_route(store::print_route(r)) == r);
  }
  auto r = store::parse_route("#/users?sort=Last%20Login&order=desc&notsignedin=90");
  CHECK(r.users.sort_label == "Last Login");
  CHECK(r.users.descending);
  CHECK(r.users.not_signed_in_days == 90);
  CHECK(store::parse_route("#/orgs/7/users?notsignedin=30").users.not_signed_in_days == 30);
  // Any whole number of days the server takes is kept (a hand-made link); anything else is dropped.
  CHECK(store::parse_route("#/users?notsignedin=45").users.not_signed_in_days == 45);
  for (const char* bad : {"0", "-30", "x", "36501", "90d", ""})
    CHECK_MESSAGE(store::parse_route(std::string("#/users?notsignedin=") + bad).users.not_signed_in_days == 0, bad);
}

TEST_CASE("store: sorting by Last Login puts it in the hash and the request, and reverses") {
  Console c;
  c.s.start(store::parse_route("#/users"), false, 0);
  c.s.take_history();
  c.s.apply(store::intent::SetSort{"Last Login", false}, 10);
  CHECK(c.s.route().users.sort_label == "Last Login");
  auto h = c.s.take_history();
  REQUIRE(h.has_value());
  CHECK(h->hash == "#/users?sort=Last%20Login&order=asc");
  CHECK(c.sent_containing("/users?page=0&size=100&sortBy=Last%20Login&sortOrder=ASC") == 1);
  c.s.apply(store::intent::SetSort{"Last Login", true}, 20);
  CHECK(c.s.take_history()->hash == "#/users?sort=Last%20Login&order=desc");
  CHECK(c.sent_containing("sortBy=Last%20Login&sortOrder=DESC") == 1);
}

TEST_CASE("store: the Last sign-in filter changes the query, the hash and the request; Any clears it") {
  Console c;
  c.s.start(store::parse_route("#/users?q=ann"), false, 0);
  c.s.take_history();
  c.s.apply(store::intent::SetNotSignedInFilter{90}, 10);
  CHECK(c.s.route().users.not_signed_in_days == 90);
  CHECK(c.s.take_history()->hash == "#/users?q=ann&notsignedin=90");
  CHECK(c.sent_containing("/search/users?query=ann&page=0&size=100&includeSubOrgUsers=true&notSignedInForDays=90") ==
        1);
  auto j = store::state_report(c.s, 0, 0);
  CHECK(j["filters"]["notSignedInForDays"] == 90);
  // A value the server would refuse is never sent: it means Any.
  c.s.apply(store::intent::SetNotSignedInFilter{-1}, 20);
  CHECK(c.s.route().users.not_signed_in_days == 0);
  c.s.apply(store::intent::SetNotSignedInFilter{365}, 30);
  c.s.apply(store::intent::SetNotSignedInFilter{0}, 40);
  CHECK(c.s.route().users.not_signed_in_days == 0);
  CHECK(c.s.take_history()->hash == "#/users?q=ann");
}

TEST_CASE("store: a deep link with the filter asks the server for it at once; Back and Forward follow it") {
  Console c;
  c.s.start(store::parse_route("#/users?sort=Last%20Login&order=asc&notsignedin=30"), false, 0);
  CHECK(c.sent_containing("sortBy=Last%20Login&sortOrder=ASC&includeSubOrgUsers=true&notSignedInForDays=30") == 1);
  c.s.follow_location("#/users?notsignedin=365", 10);
  CHECK(c.s.route().users.not_signed_in_days == 365);
  CHECK(c.s.route().users.sort_label.empty());
  CHECK(c.sent_containing("/users?page=0&size=100&includeSubOrgUsers=true&notSignedInForDays=365") == 1);
}
