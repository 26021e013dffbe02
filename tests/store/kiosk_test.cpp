// Rows stay on screen through failures and Retry; revalidation with ETags (304 changes nothing, a
// changed page is replaced in place); and kiosk mode: rotation, a touch's pause, refreshes, backoff
// with jitter while the server does not answer, recovery, and a refused token.
#include "api/api_client.h"
#include "fake_transport.h"
#include "store/kiosk.h"
#include "store/store.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace roster;
using roster::test::FakeTransport;

namespace {

std::string users_body(int count, const std::string& first_name = "User 0") {
  nlohmann::json content = nlohmann::json::array();
  for (int i = 0; i < count; ++i)
    content.push_back({{"id", i + 1},
                       {"name", i == 0 ? first_name : "User " + std::to_string(i)},
                       {"email", "u@x.y"},
                       {"roleId", 3},
                       {"orgId", 1},
                       {"orgName", "Org 1"},  // the reference server's richer items, as a kiosk reads them
                       {"status", "Active"}});
  return nlohmann::json{{"content", content}, {"totalElements", count}}.dump();
}

struct ListFixture {
  FakeTransport t;
  api::ApiClient http{t, ""};
  api::PlatformClient client{http};
  store::UsersList list{client};
  ListFixture() {
    http.set_max_attempts(1);
    list.set_query(UsersQuery{}, 0);
    list.set_visible_rows(0, 19, 0);
    REQUIRE(t.respond("/users", 200, users_body(30), {{"ETag", "\"v1\""}}));
    list.take_changed();
  }
};

}  // namespace

TEST_CASE("rows stay on screen under the error: 500, malformed JSON, a reset, a timeout, and Retry") {
  ListFixture f;
  REQUIRE(f.list.row(0));
  for (auto [status, body] : std::vector<std::pair<int, std::string>>{
           {500, R"({"error":{"message":"boom"}})"}, {200, R"({"content":[{"id":)"}, {0, ""}}) {
    f.list.reload(10);
    CHECK(f.list.row(0));  // Retry does not blank the table while it waits
    REQUIRE(f.t.respond("/users", status, body));
    CHECK(f.list.error());
    REQUIRE(f.list.row(0));
    CHECK(f.list.row(0)->name == "User 0");
    CHECK(*f.list.total() == 30);
  }
  f.list.reload(20);
  f.http.tick(20 + api::ApiClient::kRequestTimeoutMs);
  f.t.deliver();
  REQUIRE(f.list.error());
  CHECK(f.list.error()->message.find("not answering") != std::string::npos);
  CHECK(f.list.row(0));
  // Retry, and the server answers again.
  f.list.reload(30'000);
  f.t.answer(f.t.sent.back(), 200, users_body(30, "Back Again"));  // the timed-out request stays unanswered
  f.t.deliver();
  CHECK_FALSE(f.list.error());
  CHECK(f.list.row(0)->name == "Back Again");
}

TEST_CASE("a new query that fails leaves the previous query's rows under the error") {
  ListFixture f;
  UsersQuery q;
  q.text = "ann";
  f.list.set_query(q, 10);
  REQUIRE(f.t.respond("search/users", 503, ""));
  CHECK(f.list.error());
  REQUIRE(f.list.row(0));
  CHECK(*f.list.total() == 30);
}

TEST_CASE("revalidation: 304 changes nothing, a changed page replaces its rows in place") {
  ListFixture f;
  REQUIRE(f.list.revalidate(100));
  CHECK_FALSE(f.list.loading());  // quiet: no progress line
  bool conditional = false;
  for (const auto& h : f.t.last().request.headers)
    conditional = conditional || (h.first == "If-None-Match" && h.second == "\"v1\"");
  CHECK(conditional);
  REQUIRE(f.t.respond("/users", 304, "", {{"ETag", "\"v1\""}}));
  CHECK_FALSE(f.list.take_changed());
  CHECK_FALSE(f.list.revalidating());

  // The same ETag on a 200 (a cache answering for the server) is no change either.
  REQUIRE(f.list.revalidate(200));
  REQUIRE(f.t.respond("/users", 200, users_body(30), {{"ETag", "\"v1\""}}));
  CHECK_FALSE(f.list.take_changed());

  // A failure leaves everything as it was, without an error banner (the kiosk has its own).
  REQUIRE(f.list.revalidate(300));
  REQUIRE(f.t.respond("/users", 500, ""));
  CHECK_FALSE(f.list.take_changed());
  CHECK_FALSE(f.list.error());

  const auto* before = f.list.row(5);
  REQUIRE(f.list.revalidate(400));
  REQUIRE(f.t.respond("/users", 200, users_body(30, "Olena Edited"), {{"ETag", "\"v2\""}}));
  CHECK(f.list.take_changed());
  CHECK(f.list.row(0)->name == "Olena Edited");
  CHECK(f.list.row(5)->name == before->name);
  CHECK(*f.list.total() == 30);
  // The next revalidation sends the new ETag.
  REQUIRE(f.list.revalidate(500));
  conditional = false;
  for (const auto& h : f.t.last().request.headers) conditional = conditional || h.second == "\"v2\"";
  CHECK(conditional);
}

TEST_CASE("kiosk timing: rotation, a touch's pause, refreshes") {
  store::KioskConfig c;
  c.routes = {store::parse_route("#/users"), store::parse_route("#/devices"), store::parse_route("#/orgs/2/users")};
  c.rotate_ms = 10'000;
  c.refresh_ms = 4'000;
  c.touch_pause_ms = 30'000;
  store::Kiosk k(c, 0);
  using A = store::Kiosk::Action;
  CHECK(k.next_due_at() == 4'000);
  CHECK(k.step(3'999, -1, false) == A::None);
  CHECK(k.step(4'000, -1, false) == A::Refresh);
  CHECK(k.step(8'000, -1, false) == A::Refresh);
  CHECK(k.next_due_at() == 10'000);
  CHECK(k.step(10'000, -1, false) == A::Rotate);
  CHECK(k.status().route_index == 1);
  CHECK(k.current_route().screen == store::Screen::Devices);
  CHECK(k.next_due_at() == 14'000);  // the new route's refresh starts over
  CHECK(k.step(20'000, -1, false) == A::Rotate);
  CHECK(k.status().route_index == 2);
  k.touched(21'000);
  CHECK(k.status().paused);
  // Refreshes go on while paused; the pause ends at 51 s and the next turn is a full period later.
  std::vector<std::int64_t> rotations;
  int refreshes = 0;
  for (std::int64_t now = 21'000; now <= 61'000; now += 500) {
    auto a = k.step(now, -1, false);
    if (a == A::Rotate) rotations.push_back(now);
    if (a == A::Refresh) ++refreshes;
    if (now == 50'500) CHECK(k.status().paused);
    if (now == 51'000) CHECK_FALSE(k.status().paused);
  }
  CHECK(refreshes >= 9);
  CHECK(rotations == std::vector<std::int64_t>{61'000});
  CHECK(k.status().route_index == 0);
}

TEST_CASE("kiosk faults: backoff with jitter up to the ceiling, recovery, a refused token stops everything") {
  store::KioskConfig c;
  c.refresh_ms = 30'000;
  c.retry_first_ms = 2'000;
  c.retry_ceiling_ms = 60'000;
  store::Kiosk k(c, 0);
  using A = store::Kiosk::Action;
  CHECK(k.step(1'000, 900, true) == A::None);
  CHECK(k.status().offline_since == 900);
  CHECK(k.status().not_answering);
  std::int64_t at = k.status().next_try_at;
  CHECK(at >= 1'000 + 1'000);
  CHECK(at < 1'000 + 2'000);
  std::vector<std::int64_t> delays;
  for (int i = 0; i < 12; ++i) {
    CHECK(k.step(at - 1, 900, false) == A::None);
    CHECK(k.step(at, 900, false) == A::Retry);
    delays.push_back(k.status().next_try_at - at);
    at = k.status().next_try_at;
  }
  for (std::size_t i = 0; i < delays.size(); ++i) {
    const std::int64_t nominal = std::min<std::int64_t>(60'000, 2'000LL << std::min<std::size_t>(i + 1, 20));
    CHECK(delays[i] >= nominal / 2);
    CHECK(delays[i] < nominal);
  }
  CHECK(delays.back() != delays[delays.size() - 2]);  // jittered, not in step with every other display
  // The server answers again: online, the next refresh a full period away.
  CHECK(k.step(at + 5, -1, false) == A::None);
  CHECK(k.status().offline_since == -1);
  CHECK(k.next_due_at() == at + 5 + 30'000);

  k.refused("This kiosk token was revoked.");
  CHECK(k.step(at + 100'000, -1, false) == A::None);
  CHECK(k.next_due_at() == -1);
}

TEST_CASE("store in kiosk mode: rotates, refreshes quietly, shows an outage, recovers, never signs out") {
  FakeTransport t;
  api::ApiClient http(t, "");
  http.set_max_attempts(1);
  api::PlatformClient client(http);
  store::Store s(client);
  store::KioskConfig c;
  c.routes = {store::parse_route("#/users"), store::parse_route("#/devices")};
  c.rotate_ms = 20'000;
  c.refresh_ms = 5'000;
  s.start(c.routes[0], false, 0);
  s.start_kiosk(c, 0);
  s.set_visible_rows(0, 19, 0);
  REQUIRE(t.respond("size=100", 200, users_body(30), {{"ETag", "\"v1\""}}));
  t.respond("/roles", 200, "[]");
  s.tick(1'000);  // the preset counts go out once the rows are in
  while (t.respond("size=1&", 200, users_body(1))) {}
  s.tick(1'001);
  s.take_changed();
  REQUIRE(s.kiosk());
  CHECK(s.kiosk()->route_count == 2);

  CHECK_FALSE(s.take_changed());  // once is enough to take a change
  s.tick(5'000);                  // a refresh: conditional, quiet
  CHECK_FALSE(s.take_changed());
  CHECK(t.pending("size=100") == 1);
  REQUIRE(t.respond("size=100", 304, ""));
  s.tick(5'001);
  CHECK_FALSE(s.take_changed());
  CHECK_FALSE(s.progress_visible(6'000));

  s.apply(store::intent::SignOut{}, 6'000);
  CHECK(t.pending("/session") == 0);

  // The server goes away: the next refresh fails, the banner shows, the rows stay.
  s.tick(10'000);
  REQUIRE(t.respond("size=100", 0, ""));
  s.tick(10'001);
  REQUIRE(s.kiosk()->offline_since == 10'000);
  CHECK(s.take_changed());
  CHECK(s.users().row(0));
  const std::int64_t retry_at = s.kiosk()->next_try_at;
  CHECK(s.next_wake_at(10'001) <= retry_at);
  s.tick(25'000);  // no rotation while offline
  CHECK(s.route().screen == store::Screen::Users);
  s.tick(std::max<std::int64_t>(retry_at, 25'001));
  REQUIRE(t.pending("size=100") == 1);
  REQUIRE(t.respond("size=100", 304, ""));
  s.tick(30'000);
  CHECK(s.kiosk()->offline_since == -1);

  // Rotation resumes a full period after recovery.
  s.tick(50'000);
  CHECK(s.route().screen == store::Screen::Devices);

  // A revoked token: the operator's message, and nothing more is asked.
  REQUIRE(t.respond("/devices", 401, R"({"error":{"message":"This kiosk token (#3) was revoked."}})"));
  s.tick(50'001);
  REQUIRE(s.kiosk()->refused);
  CHECK(*s.kiosk()->refused == "This kiosk token (#3) was revoked.");
}
