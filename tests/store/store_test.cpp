// Store and users list: page cache bounds, stale answers dropped, debounced search, routes.
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

std::string page_body(std::int64_t first_id, int count, std::int64_t total) {
  nlohmann::json content = nlohmann::json::array();
  for (int i = 0; i < count; ++i)
    content.push_back({{"id", first_id + i},
                       {"name", "User " + std::to_string(first_id + i)},
                       {"email", "u@x.y"},
                       {"roleId", 3},
                       {"orgId", 1}});
  return nlohmann::json{{"content", content}, {"totalElements", total}}.dump();
}

// Answers every pending users request with rows numbered by their position.
void answer_pages(FakeTransport& t, std::int64_t total) {
  for (auto& s : t.sent) {
    if (s.answered || s.cancelled || s.request.url.find("/users") == std::string::npos) continue;
    auto pos = s.request.url.find("page=");
    auto page = std::stoll(s.request.url.substr(pos + 5));
    auto first = page * store::UsersList::kPageSize;
    int count =
        static_cast<int>(std::max<std::int64_t>(0, std::min<std::int64_t>(store::UsersList::kPageSize, total - first)));
    t.answer(s, 200, page_body(first, count, total));
  }
  t.deliver();  // as the next frame would
}

}  // namespace

TEST_CASE("page cache keeps at most its capacity, evicting the least recently used page") {
  store::PageCache<int> cache(3);
  cache.put(1, {1});
  cache.put(2, {2});
  cache.put(3, {3});
  CHECK(cache.find(1) != nullptr);  // 1 is now the most recent
  cache.put(4, {4});
  CHECK(cache.size() == 3);
  CHECK_FALSE(cache.contains(2));
  CHECK(cache.contains(1));
  CHECK(cache.contains(4));
}

TEST_CASE("users list: pages around the visible rows, bounded cache while scrolling a million rows") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::UsersList list(client);
  list.set_query({}, 0);
  CHECK(t.pending("/users") == 1);
  answer_pages(t, 1'000'000);
  REQUIRE(list.total() == 1'000'000);
  CHECK(list.row(0)->id == 0);
  CHECK(list.row(150) == nullptr);  // placeholder until its page arrives
  std::int64_t now = 0;
  for (std::int64_t first = 0; first < 1'000'000; first += 25'000) {
    list.set_visible_rows(first, first + 20, now);
    now += store::UsersList::kScrollSettleMs;
    list.tick(now);  // a jump is fetched once it has settled
    answer_pages(t, 1'000'000);
    REQUIRE(list.row(first) != nullptr);
    CHECK(list.row(first)->id == first);
    CHECK(list.cached_pages() <= store::UsersList::kCachePages);
  }
  // Rows beyond the total are never requested.
  list.set_visible_rows(999'990, 1'000'100, now);
  list.tick(now + store::UsersList::kScrollSettleMs);
  for (const auto& s : t.sent) CHECK(s.request.url.find("page=10000") == std::string::npos);
}

TEST_CASE("users list: a new query's first page goes alone; the pages around it follow once it stood") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::UsersList list(client);
  list.set_query({}, 0);
  list.set_visible_rows(0, 30, 0);  // the table asks for its rows in the same frame
  CHECK(t.pending("/users") == 1);
  CHECK(t.pending("page=0&") == 1);
  answer_pages(t, 1'000);
  list.set_visible_rows(0, 30, 20);
  CHECK(t.pending("/users") == 0);  // still typing, perhaps: nothing fetched ahead yet
  CHECK(list.fetch_due_at() == store::UsersList::kPrefetchDelayMs);
  list.tick(store::UsersList::kPrefetchDelayMs);
  CHECK(t.pending("page=1&") == 1);  // now the page below is fetched ahead
  CHECK(list.fetch_due_at() == -1);
}

TEST_CASE("users list: a fast scroll fetches nothing until it settles; a slow one fetches at once") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::UsersList list(client);
  list.set_query({}, 0);
  answer_pages(t, 1'000'000);
  list.set_visible_rows(0, 20, 1000);
  answer_pages(t, 1'000'000);
  // Dragging the scrollbar: every frame lands thousands of rows further.
  list.set_visible_rows(40'000, 40'020, 1016);
  list.set_visible_rows(80'000, 80'020, 1032);
  list.set_visible_rows(120'000, 120'020, 1048);
  CHECK(t.pending("/users") == 0);
  CHECK(list.fetch_due_at() == 1048 + store::UsersList::kScrollSettleMs);
  list.tick(1048 + store::UsersList::kScrollSettleMs - 1);
  CHECK(t.pending("/users") == 0);
  list.tick(1048 + store::UsersList::kScrollSettleMs);  // rested: the rows where it stopped, and around
  CHECK(t.pending("page=1200&") == 1);
  CHECK(t.pending("page=1199&") == 1);
  CHECK(t.pending("page=1201&") == 1);
  CHECK(t.pending("page=400&") == 0);  // nothing for the positions flown past
  CHECK(list.fetch_due_at() == -1);
  answer_pages(t, 1'000'000);
  // Wheel scrolling moves a few rows a frame: the next page is fetched in the same frame.
  list.set_visible_rows(120'090, 120'110, 1300);
  CHECK(t.pending("page=1202&") == 1);
}

TEST_CASE("store: the progress line shows only for slow answers, and wakes the platform when due") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::Store s(client);
  s.start(store::parse_route("#/users"), false, 1000);
  s.tick(1000);
  CHECK(s.busy());
  CHECK_FALSE(s.progress_visible(1000 + store::Store::kProgressDelayMs - 1));
  CHECK(s.next_wake_at(1000) == 1000 + store::Store::kProgressDelayMs);
  CHECK(s.progress_visible(1000 + store::Store::kProgressDelayMs));
  answer_pages(t, 10);
  t.respond("/roles", 200, "[]");
  s.tick(1300);  // the rows are in; the preset counts go out now, in the background
  CHECK(s.busy());
  CHECK_FALSE(s.progress_visible(1300 + store::Store::kProgressDelayMs));
  // Nothing to draw; the only timer left is the counts' request timeout.
  CHECK(s.next_wake_at(1300) == 1300 + api::ApiClient::kRequestTimeoutMs);
}

TEST_CASE("store: the users and devices screens wake once a minute, to keep their 'n min ago' current") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::Store s(client);
  s.start(store::parse_route("#/users"), false, 1000);
  s.tick(1000);
  answer_pages(t, 10);
  t.respond("/roles", 200, "[]");
  s.tick(1300);
  while (t.respond("size=1&", 200, page_body(1, 1, 1))) {}  // the preset counts
  s.tick(1400);
  t.respond("organization?orgId=1", 200, R"({"id":1,"name":"Org 1"})");  // these rows name no organization
  s.tick(1500);
  CHECK(t.pending() == 0);
  s.take_changed();
  s.tick(59'999);
  CHECK_FALSE(s.take_changed());
  CHECK(s.next_wake_at(59'999) == 60'000);  // the next minute, and nothing sooner
  s.tick(60'000);
  CHECK(s.take_changed());
  s.tick(60'001);
  CHECK_FALSE(s.take_changed());  // once a minute, not every frame of it
  CHECK(s.next_wake_at(60'001) == 120'000);

  s.apply(store::intent::Navigate{store::parse_route("#/devices"), true}, 61'000);
  while (t.respond("/devices", 200, R"({"content":[],"totalElements":0})")) {}
  s.tick(61'001);
  s.take_changed();
  s.tick(119'999);
  CHECK_FALSE(s.take_changed());
  s.tick(120'000);
  CHECK(s.take_changed());
}

TEST_CASE("users list: the previous query's rows stay on screen until the new query answers") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::UsersList list(client);
  list.set_query({}, 0);
  answer_pages(t, 500);
  REQUIRE(list.row(3) != nullptr);
  UsersQuery q;
  q.text = "ann";
  list.set_query(q, 10);
  CHECK_FALSE(list.answered());
  CHECK(list.total() == 500);  // still the previous answer's
  REQUIRE(list.row(3) != nullptr);
  CHECK(list.row(3)->id == 3);
  CHECK(list.query().text == "ann");
  CHECK(list.shown_query().text.empty());  // the rows on screen matched the previous query
  answer_pages(t, 7);                      // the new answer replaces it whole
  CHECK(list.answered());
  CHECK(list.total() == 7);
  CHECK(list.shown_query().text == "ann");
  CHECK(list.row(7) == nullptr);
  // A query refused before it is sent shows its error, not the old rows.
  q.text = std::string(256, 'x');
  list.set_query(q, 20);
  CHECK(list.error().has_value());
  CHECK_FALSE(list.total().has_value());
  CHECK(list.row(0) == nullptr);
}

TEST_CASE("public API: plain summaries are filled from 'Get user info' for the visible rows only") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::Store s(client);
  s.start(store::parse_route("#/users"), false, 0);
  REQUIRE(t.respond("/roles", 404, R"({"error":{"message":"No such endpoint"}})"));
  CHECK(s.public_api_only());
  // answer_pages() sends the six summary fields only, as the public API does.
  answer_pages(t, 1000);
  CHECK(s.users().extended() == false);
  s.set_visible_rows(0, 9, 1000);
  CHECK(t.pending("/user?userId=") == store::UsersList::kDetailRequests);  // a few at a time
  CHECK(t.pending("/user?userId=50") == 0);                                // not visible: not asked
  REQUIRE(t.respond(
      "/user?userId=0", 200,
      R"({"id":0,"name":"User 0","email":"u@x.y","roleId":3,"orgId":1,"status":"Active","lastLoggedAt":1700000000000})"));
  REQUIRE(t.respond("/user?userId=1", 404, R"({"error":{"message":"User with identifier 1 is not found"}})"));
  REQUIRE(s.users().row(0) != nullptr);
  CHECK(s.users().row(0)->status == std::string("Active"));
  CHECK(s.users().row(0)->lastLoggedAt == 1700000000000);
  CHECK_FALSE(s.users().row(1)->status.has_value());  // unavailable, and not asked again
  s.set_visible_rows(0, 9, 1016);
  auto asked = [&t](const std::string& id) {
    int n = 0;
    for (const auto& sent : t.sent) {
      const auto& url = sent.request.url;
      n += url.size() >= id.size() && url.compare(url.size() - id.size(), id.size(), id) == 0;
    }
    return n;
  };
  CHECK(asked("/user?userId=1") == 1);
  CHECK(asked("/user?userId=6") == 1);  // the freed slots go to rows not yet asked
  auto state = store::state_report(s, 0, 9);
  CHECK(state["publicApiOnly"] == true);
  CHECK(state["visibleRows"][0]["status"] == "Active");
}

TEST_CASE("an answer for an older query is dropped") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::UsersList list(client);
  UsersQuery a, b;
  a.text = "ann";
  b.text = "bob";
  list.set_query(a, 0);
  list.set_query(b, 0);
  CHECK(t.sent[0].cancelled);
  // The old request answers anyway (3.1.6 cannot abort a fetch): nothing changes.
  t.sent[0].done(t.sent[0].id, api::HttpResponse{200, page_body(500, 3, 3), {}});
  CHECK_FALSE(list.total().has_value());
  REQUIRE(t.respond("query=bob", 200, page_body(900, 2, 2)));
  CHECK(list.total() == 2);
  CHECK(list.row(0)->id == 900);
}

TEST_CASE("an error is kept for the banner and retry fetches again") {
  FakeTransport t;
  api::ApiClient http(t, "");
  http.set_max_attempts(1);
  api::PlatformClient client(http);
  store::UsersList list(client);
  list.set_query({}, 0);
  t.respond("/users", 500, R"({"error":{"message":"database is locked"}})");
  REQUIRE(list.error().has_value());
  CHECK(list.error()->message == "database is locked");
  list.reload(0);
  CHECK_FALSE(list.error().has_value());
  answer_pages(t, 10);
  CHECK(list.total() == 10);
}

TEST_CASE("a query over 255 characters is refused before it is sent") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::UsersList list(client);
  UsersQuery q;
  q.text = std::string(256, 'x');
  list.set_query(q, 0);
  CHECK(t.sent.empty());
  REQUIRE(list.error().has_value());
}

TEST_CASE("store: typing searches at once, then at most every throttle interval; the hash is replaced") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::Store s(client);
  s.start(store::parse_route("#/users"), false, 0);
  answer_pages(t, 1000);
  s.take_history();
  s.type_search("o", 1000);
  s.type_search("ol", 1030);
  s.tick(1100);
  CHECK(t.pending("/search/users") == 0);  // one or two characters wait for a pause (no counts either)
  s.type_search("ole", 1100);
  CHECK(t.pending("/search/users?query=ole&page=0&size=100") == 1);  // three go out at once, in the same frame
  s.type_search("olen", 1110);
  CHECK(t.pending("size=100") == 0);  // typed past "ole" before its answer: that answer is not drawn
  CHECK_FALSE(s.users().answered());
  s.type_search("olena", 1120);
  s.tick(1130);
  CHECK(t.pending("size=100") == 0);                                            // nothing new within the interval
  CHECK(s.next_wake_at(1130) == 1100 + store::UsersScreen::kSearchThrottleMs);  // the platform's timer
  s.tick(1100 + store::UsersScreen::kSearchThrottleMs);
  CHECK(t.pending("/search/users?query=olena&page=0&size=100") == 1);  // the latest text, not "olen"
  for (const auto& sent : t.sent) {
    CHECK(sent.request.url.find("query=olen&") == std::string::npos);  // counts and pages alike
    CHECK(sent.request.url.find("query=o&") == std::string::npos);
  }
  s.type_search("ab", 2000);
  s.tick(2000 + store::UsersScreen::kShortQueryPauseMs);
  CHECK(t.pending("/search/users?query=ab&page=0&size=100") == 1);  // after the pause, short queries are searched
  auto h = s.take_history();
  REQUIRE(h.has_value());
  CHECK(h->hash == "#/users?q=ab");
  CHECK_FALSE(h->push);
  CHECK(h->settle);  // typed: the address follows once the text rests
}

TEST_CASE("store: a typed search due now sends itself; the rest of the tick waits for the frame's") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::Store s(client);
  s.start(store::parse_route("#/users"), false, 0);
  answer_pages(t, 1000);
  s.toast("Email copied", 0);  // due to end at 2000
  s.type_search("ole", 5000);
  CHECK(t.pending("/search/users?query=ole&page=0&size=100") == 1);  // in the keystroke's task
  CHECK(s.current_toast().has_value());                              // the tick did not run inside apply
  s.tick(5000);
  CHECK_FALSE(s.current_toast().has_value());
  CHECK(t.pending("/search/users?query=ole&page=0&size=100") == 1);  // and the tick did not send it again
}

TEST_CASE("store: opening a user pushes a route and emits events; Back restores the list") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::Store s(client);
  s.start(store::parse_route("#/users?q=ann&sort=Name"), false, 0);
  s.take_events();
  s.open_user(42, 5);
  auto h = s.take_history();
  REQUIRE(h.has_value());
  CHECK(h->hash == "#/users/42");
  CHECK(h->push);
  auto events = s.take_events();
  REQUIRE(events.size() == 2);
  CHECK(events[0].name == "navigate");
  CHECK(events[1].name == "userOpen");
  t.respond("/user?userId=42", 200, R"({"id":42,"name":"Ann Lee","email":"a@b.c","roleId":1,"orgId":1})");
  CHECK(s.profile_user()->name == "Ann Lee");
  s.follow_location("#/users?q=ann&sort=Name&order=asc", 10);
  CHECK(s.route().screen == store::Screen::Users);
  CHECK(s.route().users.text == "ann");
  CHECK(s.search_text() == "ann");
}

TEST_CASE("store: state() reports query, sort, totals and the visible rows") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::Store s(client);
  s.start(store::parse_route("#/users?sort=Email&order=desc&status=Active"), false, 0);
  answer_pages(t, 250);
  s.select_row(3);
  auto j = store::state_report(s, 0, 4);
  CHECK(j["totalElements"] == 250);
  CHECK(j["sort"]["by"] == "Email");
  CHECK(j["sort"]["order"] == "desc");
  CHECK(j["filters"]["statuses"][0] == "Active");
  CHECK(j["visibleRows"].size() == 5);
  CHECK(j["visibleRows"][2]["id"] == 2);
  CHECK(j["selectedUser"]["id"] == 3);
}

TEST_CASE("routes parse and print round-trip, deep links included") {
  for (std::string hash :
       {"#/users", "#/users?q=%D0%BE%D0%BB%D0%B5%D0%BD%D0%B0", "#/users?q=ann&sort=Name&order=desc",
        "#/users?role=1,2&status=Active,Pending&preset=nodevices", "#/users?preset=members", "#/users/42",
        "#/users/42/actions", "#/orgs", "#/orgs/7/users", "#/orgs/7/users?preset=all", "#/devices?q=pump",
        "#/users/42/devices", "#/users/42/actions?range=1h", "#/users/42/actions?range=3mo&client=Android%2CiOS",
        "#/users/42/actions?from=1700000000000&to=1700003600000&q=lamp&sort=Action%20Name&order=desc",
        "#/devices?q=pump&sort=Owner%20Name&order=asc", "#/devices?sort=Last%20Updated&order=desc"}) {
    auto r = store::parse_route(hash);
    CHECK_MESSAGE(store::print_route(r) == hash, hash);
    CHECK(store::parse_route(store::print_route(r)) == r);
  }
  auto r = store::parse_route("#/users?q=a%20b&sort=Shoe&role=x,2,2&status=Sleeping");
  CHECK(r.users.text == "a b");
  CHECK(r.users.sort_label.empty());  // unknown labels are ignored
  CHECK(r.users.role_ids == std::vector<int>{2});
  CHECK(r.users.statuses.empty());
  CHECK(store::parse_route("#/nonsense").screen == store::Screen::Users);
  CHECK(store::parse_route("").screen == store::Screen::Users);
  CHECK(store::parse_route("#/users/abc").screen == store::Screen::Users);
  CHECK(store::parse_route("#/orgs/7/users").users.preset == UserPreset::OrgMembers);
  // The profile's tabs: /info is the profile itself; unknown filters are dropped.
  auto info = store::parse_route("#/users/42/info");
  CHECK(info.tab == store::ProfileTab::Info);
  CHECK(store::print_route(info) == "#/users/42");
  auto actions = store::parse_route("#/users/42/actions?range=6h&client=iOS,Toaster,Web&sort=Shoe");
  CHECK(actions.actions.range == ActionsRange::SixHours);
  CHECK(actions.actions.clients == std::vector<std::string>{"Web", "iOS"});
  CHECK(actions.actions.sort_label.empty());
  auto backwards = store::parse_route("#/users/42/actions?from=2000&to=1000");  // not a range: the default
  CHECK(backwards.actions.range == ActionsQuery{}.range);
  CHECK(store::parse_route("#/devices?sort=Shoe").devices.sort_label.empty());
}

TEST_CASE("store: each scope preset shows its count for the current search and filters") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::Store s(client);
  s.start(store::parse_route("#/users?q=ann&status=Active"), false, 0);
  s.tick(1);
  CHECK(t.pending("size=1&") == 0);  // the rows go first
  REQUIRE(t.respond("page=0&size=100", 200, R"({"content":[],"totalElements":5})"));
  s.tick(2);
  CHECK(t.pending("size=1&") == 0);  // a query that stood only briefly is not counted (typing)
  CHECK(s.next_wake_at(2) == store::UsersScreen::kCountsDelayMs);
  s.tick(store::UsersScreen::kCountsDelayMs);
  REQUIRE(t.respond("includeSubOrgUsers=false&status=Active", 200, R"({"content":[],"totalElements":7})"));
  REQUIRE(t.respond("withNoDevices=true&status=Active", 200, R"({"content":[],"totalElements":3})"));
  CHECK(s.preset_count(UserPreset::OrgMembers) == 7);
  CHECK(s.preset_count(UserPreset::NoDevices) == 3);
  CHECK(t.pending("size=1&") == 0);  // two counts only: the active preset's is the list's own total
  for (const auto& sent : t.sent)
    if (sent.request.url.find("size=1&") != std::string::npos)
      CHECK(sent.request.url.find("query=ann") != std::string::npos);
  // Changing the preset alone does not count again; changing the search does.
  auto before = t.sent.size();
  s.set_preset(UserPreset::OrgMembers, 300);
  std::size_t counts = 0;
  for (std::size_t i = before; i < t.sent.size(); ++i)
    counts += t.sent[i].request.url.find("size=1&") != std::string::npos;
  CHECK(counts == 0);
  CHECK(s.preset_count(UserPreset::AllWithSubOrgs) == 5);  // the list's total when it was the active one
  s.type_search("bob", 1000);
  t.respond("query=bob&page=0&size=100", 200, R"({"content":[],"totalElements":0})");
  s.tick(1000 + store::UsersScreen::kCountsDelayMs);
  counts = 0;
  for (std::size_t i = before; i < t.sent.size(); ++i)
    counts += t.sent[i].request.url.find("size=1&") != std::string::npos;
  CHECK(counts == 2);  // the other two presets
  CHECK(s.preset_count(UserPreset::OrgMembers) == 0);
  CHECK_FALSE(s.preset_count(UserPreset::NoDevices).has_value());
}

TEST_CASE("answers wait in the transport until the frame delivers them; intents apply in order") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::Store s(client);
  s.start(store::parse_route("#/users"), false, 0);
  for (auto& sent : t.sent)
    if (sent.request.url.find("/users") != std::string::npos) t.answer(sent, 200, page_body(0, 3, 3));
  CHECK(t.queued() == 1);
  CHECK_FALSE(s.users().total().has_value());  // arrived, but not applied inside the callback
  t.deliver();
  CHECK(s.users().total() == 3);
  s.apply({store::intent::SetSort{"Email", true}, store::intent::SelectRow{1}, store::intent::OpenUser{2}}, 10);
  CHECK(s.route().screen == store::Screen::UserProfile);
  CHECK(s.route().users.sort_label == "Email");  // Back returns to the sorted list
  CHECK(t.pending("sortBy=Email&sortOrder=DESC") == 1);
  CHECK(t.pending("/user?userId=2") == 1);
}
