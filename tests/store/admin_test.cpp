// Administration in the store: a change shows at once and rolls back with the server's words when
// refused; a 412 fetches the user as someone else left them and says so; only an Admin may change
// anyone; the selection (a toggle, a Shift range, all matching minus some) goes to the bulk call as
// ids or as the list's query; the CSV downloads carry the list's query and the selection.
#include "api/api_client.h"
#include "fake_transport.h"
#include "store/route.h"
#include "store/store.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace roster;
using roster::test::FakeTransport;

namespace {

nlohmann::json user_json(std::int64_t id, const char* status = "Active", int role = 3) {
  return {{"id", id},
          {"name", "User " + std::to_string(id)},
          {"email", "u" + std::to_string(id) + "@x.y"},
          {"roleId", role},
          {"orgId", 1},
          {"status", status}};
}

std::string page_body(int count, std::int64_t total) {
  nlohmann::json content = nlohmann::json::array();
  for (int i = 0; i < count; ++i) content.push_back(user_json(i + 1));
  return nlohmann::json{{"content", content}, {"totalElements", total}}.dump();
}

std::string session_of(int role_id) {
  return nlohmann::json{{"user", user_json(99, "Active", role_id)}, {"role", {{"id", role_id}, {"name", "R"}}}}.dump();
}

// A console signed in with `role_id`, on the users list with 20 of `total` rows loaded.
struct Console {
  FakeTransport t;
  api::ApiClient http{t, ""};
  api::PlatformClient client{http};
  store::Store s{client};
  std::int64_t now = 0;

  explicit Console(int role_id = 1, std::int64_t total = 500) {
    s.start(store::parse_route("#/users"), true, now);
    t.respond("/api/session", 200, session_of(role_id));
    t.respond("/roles", 200, R"([{"id":1,"name":"Admin"},{"id":2,"name":"Staff"},{"id":3,"name":"User"}])");
    s.set_visible_rows(0, 19, now);
    t.respond("/organization/users?", 200, page_body(20, total));
    step();
    s.take_events();
  }
  void step() {
    now += 16;
    t.deliver();
    s.tick(now);
  }
  const User& row(int i) const { return *s.users().row(i); }
  const api::HttpRequest* last(const std::string& part) const {
    for (auto it = t.sent.rbegin(); it != t.sent.rend(); ++it)
      if (it->request.url.find(part) != std::string::npos) return &it->request;
    return nullptr;
  }
  std::string header(const api::HttpRequest& r, const char* name) const {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return "";
  }
};

store::UserChange change_of(store::UserChange::Kind kind, const User& target) {
  store::UserChange c;
  c.kind = kind;
  c.target = target;
  return c;
}

}  // namespace

TEST_CASE("admin: a suspension shows at once, then the server's user") {
  Console c;
  REQUIRE(c.s.admin_ability() == store::AdminAbility::Full);
  c.s.apply(store::intent::ChangeUser{change_of(store::UserChange::Kind::Suspend, c.row(3))}, c.now);
  CHECK(c.row(3).status == "Suspended");  // before any answer
  CHECK(c.s.admin().pending(4));
  const api::HttpRequest* sent = c.last("/user/suspend?userId=4");
  REQUIRE(sent);
  CHECK(sent->method == "POST");
  CHECK(c.header(*sent, "X-Requested-With") == "roster");
  auto answer = user_json(4, "Suspended");
  answer["name"] = "User 4 (renamed meanwhile)";
  c.t.respond("/user/suspend", 200, answer.dump());
  c.step();
  CHECK_FALSE(c.s.admin().pending(4));
  CHECK(c.row(3).name == "User 4 (renamed meanwhile)");
  REQUIRE(c.s.current_toast());
  CHECK(c.s.current_toast()->text.find("Suspended User 4") == 0);
}

TEST_CASE("admin: a refused change rolls back and says why, in the console's words and the server's") {
  Console c;
  c.s.apply(store::intent::ChangeUser{change_of(store::UserChange::Kind::Delete, c.row(0))}, c.now);
  CHECK(c.s.admin().removed(1));
  store::UserChange role = change_of(store::UserChange::Kind::SetRole, c.row(1));
  role.role_id = 1;
  c.s.apply(store::intent::ChangeUser{role}, c.now);
  CHECK(c.row(1).roleId == 1);
  c.t.respond("/users/role", 400, R"({"error":{"message":"The last Admin of an organization cannot be demoted."}})");
  c.step();
  CHECK(c.row(1).roleId == 3);  // as before
  REQUIRE(c.s.current_toast());
  CHECK(c.s.current_toast()->text ==
        "Couldn't change the role of User 2: The last Admin of an organization cannot be demoted.");
  // A write is not repeated after a 503 (it may have been done): one DELETE only, and the row is back.
  c.t.respond("/organization/user?userId=1", 503, "{}");
  c.step();
  c.now += 5000;
  c.step();
  int deletes = 0;
  for (const auto& s : c.t.sent) deletes += s.request.method == "DELETE";
  CHECK(deletes == 1);
  CHECK_FALSE(c.s.admin().removed(1));
}

TEST_CASE("admin: a change from the profile sends If-Match, and a 412 shows the user as they are now") {
  Console c;
  c.s.open_user(7, c.now, c.row(6));
  c.t.respond("/organization/user?userId=7", 200, user_json(7).dump(), {{"ETag", "\"v1\""}});
  c.step();
  REQUIRE(c.s.profile().etag() == "\"v1\"");
  store::UserChange role = change_of(store::UserChange::Kind::SetRole, *c.s.profile_user());
  role.role_id = 2;
  c.s.apply(store::intent::ChangeUser{role}, c.now);
  CHECK(c.s.profile_user()->roleId == 2);
  const api::HttpRequest* sent = c.last("/users/role?userId=7&roleId=2");
  REQUIRE(sent);
  CHECK(c.header(*sent, "If-Match") == "\"v1\"");
  c.t.respond("/users/role", 412, R"({"error":{"message":"The user has changed since."}})");
  c.step();
  // The user is fetched again: someone else suspended them and made them an Admin.
  c.t.respond("/organization/user?userId=7", 200, user_json(7, "Suspended", 1).dump(), {{"ETag", "\"v2\""}});
  c.step();
  REQUIRE(c.s.admin().conflict());
  CHECK(c.s.admin().conflict()->now.status == "Suspended");
  CHECK(c.s.admin().conflict()->what == "change the role of User 7");
  CHECK(c.s.profile_user()->roleId == 1);
  CHECK(c.s.profile_user()->status == "Suspended");
  CHECK(c.s.profile().etag() == "\"v2\"");
}

TEST_CASE("admin: Staff and User change nobody, and are told the list is read-only") {
  for (int role : {2, 3}) {
    Console c(role);
    CHECK(c.s.admin_ability() == store::AdminAbility::None);
    const auto sent = c.t.sent.size();
    c.s.apply(store::intent::ChangeUser{change_of(store::UserChange::Kind::Suspend, c.row(0))}, c.now);
    c.s.apply(store::intent::SelectAllMatching{}, c.now);
    c.s.apply(store::intent::RunBulk{api::BulkAction::Suspend, 0, {}, "x"}, c.now);
    c.s.apply(store::intent::ExportUsers{false}, c.now);
    CHECK(c.t.sent.size() == sent);
    CHECK(c.row(0).status == "Active");
    CHECK(c.s.take_events().empty());
  }
}

TEST_CASE("selection: an export of more rows picked one by one than a link can carry says so, and sends nothing") {
  Console c(1, 1'000'000);
  for (std::int64_t id = 100'000; id < 101'000; ++id) {  // a thousand six-digit ids: about 7 KB
    User u;
    u.id = id;
    c.s.apply(store::intent::ToggleSelected{id, u}, c.now);
  }
  REQUIRE(c.s.selected_count() == 1000);
  c.s.apply(store::intent::ExportUsers{true}, c.now);
  CHECK(c.s.take_events().empty());
  REQUIRE(c.s.current_toast());
  CHECK(c.s.current_toast()->text.find("Too many rows picked one by one to export as a link (1,000)") == 0);
  // The whole list still goes.
  c.s.apply(store::intent::ExportUsers{false}, c.now);
  CHECK(c.s.take_events().size() == 1);
}

TEST_CASE("selection: toggles, a Shift range over loaded rows, all matching minus some, cleared by a new query") {
  Console c(1, 1'000'000);
  c.s.apply(store::intent::ToggleSelected{2, c.row(2)}, c.now);
  c.s.apply(store::intent::ExtendSelection{5}, c.now);
  CHECK(c.s.selected_count() == 4);  // rows 2..5
  c.s.apply(store::intent::ToggleSelected{4, c.row(4)}, c.now);
  CHECK(c.s.selected_count() == 3);
  CHECK_FALSE(c.s.selection().contains(5));
  // A range takes the anchor's state; past the loaded rows it selects what is loaded and says how
  // much was not.
  c.s.apply(store::intent::ToggleSelected{6, c.row(6)}, c.now);
  c.s.apply(store::intent::ExtendSelection{30}, c.now);
  REQUIRE(c.s.current_toast());
  CHECK(c.s.current_toast()->text.find("11 rows of that range had not loaded") == 0);

  c.s.apply(store::intent::RunBulk{api::BulkAction::EndSessions, 0, {}, "End sessions"}, c.now);
  auto body = nlohmann::json::parse(c.last("/users/bulk")->body);
  CHECK(body["action"] == "endSessions");
  CHECK(body["selection"]["userIds"].size() == 17);
  CHECK(c.s.selected_count() == 0);  // a bulk change starts from a fresh selection

  c.s.apply(store::intent::SelectAllMatching{}, c.now);
  CHECK(c.s.selected_count() == 1'000'000);
  c.s.apply(store::intent::ToggleSelected{0, c.row(0)}, c.now);
  c.s.apply(store::intent::ToggleSelected{9, c.row(9)}, c.now);
  CHECK(c.s.selected_count() == 999'998);
  c.s.apply(store::intent::ExportUsers{true}, c.now);
  auto events = c.s.take_events();
  REQUIRE(events.size() == 1);
  CHECK(events[0].name == "download");
  CHECK(nlohmann::json::parse(events[0].json)["url"].get<std::string>().find("except=1%2C10") != std::string::npos);
  c.s.apply(store::intent::RunBulk{api::BulkAction::SetRole, 2, {}, "Change the role"}, c.now);
  body = nlohmann::json::parse(c.last("/users/bulk")->body);
  CHECK(body["roleId"] == 2);
  CHECK(body["selection"]["except"] == nlohmann::json::array({1, 10}));
  CHECK(body["selection"]["query"]["includeSubOrgUsers"] == true);
  CHECK_FALSE(body["selection"].contains("userIds"));
  c.t.respond("/users/bulk", 200,
              R"({"matched":999998,"changed":999990,"failed":[{"userId":3,"message":"The last Admin"}]})");
  c.step();
  REQUIRE(c.s.admin().bulk_run());
  CHECK(c.s.admin().bulk_run()->result->changed == 999990);
  CHECK(c.s.admin().bulk_run()->result->failed[0].message == "The last Admin");

  c.s.apply(store::intent::SelectAllMatching{}, c.now);
  c.s.type_search("ann", c.now);
  c.step();
  CHECK(c.s.selected_count() == 0);
}
