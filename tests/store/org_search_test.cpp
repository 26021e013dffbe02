// The organization picker's state: "Search organizations" requests, typing throttled as the users
// search is, answers to text typed past dropped, the tree for an empty field, and each result's path
// of ancestors (from what was seen, else "Organization info", each asked once).
#include "api/api_client.h"
#include "api/platform_api.h"
#include "fake_transport.h"
#include "store/org_search.h"
#include "store/route.h"
#include "store/state_report.h"
#include "store/store.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace roster;
using roster::test::FakeTransport;

namespace {

nlohmann::json org(int id, const std::string& name, int parent) {
  return {{"id", id}, {"name", name}, {"parentOrganizationId", parent}};
}

std::string page_of(std::initializer_list<nlohmann::json> orgs, std::int64_t total = -1) {
  nlohmann::json content = nlohmann::json::array();
  for (const auto& o : orgs) content.push_back(o);
  return nlohmann::json{{"content", content},
                        {"totalElements", total < 0 ? static_cast<std::int64_t>(content.size()) : total}}
      .dump();
}

struct Picker {
  FakeTransport t;
  api::ApiClient http{t, ""};
  api::PlatformClient client{http};
  store::OrgSearch search{client};
};

const char* const kSearch = "/api/v1/organization/search?";

}  // namespace

TEST_CASE("search organizations: the request and its page of organizations") {
  auto req = api::search_orgs_request("Lab 13", 0, 50);
  CHECK(req.method == "GET");
  CHECK(req.url == "/api/v1/organization/search?query=Lab%2013&page=0&size=50&sortBy=Name&sortOrder=ASC");
  auto page = api::decode_orgs_page({200, page_of({org(13, "Lab 13", 7), org(31, "Lab 13", 9)}, 120), {}});
  REQUIRE(page.ok());
  CHECK(page.value->totalElements == 120);
  REQUIRE(page.value->content.size() == 2);
  CHECK(page.value->content[1].org.id == 31);
  CHECK(page.value->content[1].org.parentOrganizationId == 9);
  CHECK(api::decode_orgs_page({200, R"({"content":[{"id":"x"}],"totalElements":1})", {}}).kind ==
        api::ErrorKind::Malformed);
  CHECK(api::decode_orgs_page({200, R"({"content":{},"totalElements":1})", {}}).kind == api::ErrorKind::Malformed);
  CHECK(api::decode_orgs_page({400, R"({"error":{"message":"Parameter 'query' is required."}})", {}}).kind ==
        api::ErrorKind::Invalid);
}

TEST_CASE("org search: typing searches at once, then at most every throttle interval; short text waits") {
  Picker p;
  p.search.open(1000);
  p.search.type("l", 1000);
  p.search.type("la", 1030);
  p.search.tick(1100);
  CHECK(p.t.pending(kSearch) == 0);  // one or two characters wait for a pause
  CHECK(p.search.searching());
  p.search.type("lab", 1100);
  CHECK(p.t.pending("query=lab&page=0&size=50") == 1);  // three go out at once, in the keystroke's task
  p.search.type("lab ", 1110);
  p.search.type("lab 1", 1120);
  p.search.tick(1130);
  CHECK(p.t.pending(kSearch) == 0);  // typed past "lab": cancelled; nothing new within the interval
  CHECK(p.search.next_wake_at(1130) == 1100 + store::OrgSearch::kThrottleMs);  // the platform's timer
  p.search.tick(1100 + store::OrgSearch::kThrottleMs);
  CHECK(p.t.pending("query=lab%201&") == 1);  // the latest text, not "lab "
  for (const auto& sent : p.t.sent) {
    CHECK(sent.request.url.find("query=l&") == std::string::npos);
    CHECK(sent.request.url.find("query=la&") == std::string::npos);
    CHECK(sent.request.url.find("query=lab%20&") == std::string::npos);
  }
  p.search.type("ab", 2000);
  CHECK(p.search.next_wake_at(2000) == 2000 + store::OrgSearch::kShortQueryPauseMs);
  p.search.tick(2000 + store::OrgSearch::kShortQueryPauseMs);
  CHECK(p.t.pending("query=ab&") == 1);    // after the pause, short text is searched too
  CHECK_FALSE(p.search.type("ab", 2400));  // the same text again changes nothing
}

TEST_CASE("org search: an answer to text typed past is dropped; the previous results stay until the new ones") {
  Picker p;
  p.search.open(0);
  p.search.type("green", 1000);
  REQUIRE(p.t.respond("query=green&", 200, page_of({org(5, "Greenhouses 5", 1), org(6, "Greenhouses 6", 1)})));
  CHECK(p.search.results().size() == 2);
  CHECK(p.search.results_text() == "green");
  CHECK_FALSE(p.search.searching());

  p.search.type("greenh", 2000);   // goes at once
  p.search.type("greenho", 2010);  // within the interval: waits; "greenh" is text typed past
  // The server answers "greenh" anyway (its cancellation raced the answer): not drawn.
  for (auto& s : p.t.sent)
    if (s.request.url.find("query=greenh&") != std::string::npos) p.t.answer(s, 200, page_of({org(9, "Wrong", 1)}));
  p.t.deliver();
  CHECK(p.search.results().size() == 2);  // still "green"'s
  CHECK(p.search.results_text() == "green");
  p.search.tick(2000 + store::OrgSearch::kThrottleMs);
  REQUIRE(p.t.pending("query=greenho&") == 1);
  // Two answers out of order: the older, slower one must not replace the newer.
  p.search.type("greenhou", 3000);
  REQUIRE(p.t.respond("query=greenhou&", 200, page_of({org(6, "Greenhouses 6", 1)})));
  CHECK(p.search.results_text() == "greenhou");
  REQUIRE(p.t.respond("query=greenho&", 200, page_of({org(9, "Wrong", 1)})) == true);
  CHECK(p.search.results_text() == "greenhou");
  REQUIRE(p.search.results().size() == 1);
  CHECK(p.search.results()[0].org.id == 6);

  // An error is kept for the popup to say; the results stay.
  p.http.set_max_attempts(1);
  p.search.type("greenhouse", 4000);
  REQUIRE(p.t.respond("query=greenhouse&", 500, R"({"error":{"message":"Boom"}})"));
  CHECK(p.search.error().has_value());
  CHECK(p.search.results().size() == 1);

  // Emptying the field shows the tree again; closing drops what is still out.
  p.search.type("", 5000);
  CHECK(p.search.results().empty());
  CHECK_FALSE(p.search.error().has_value());
  p.search.type("lab", 6000);
  CHECK(p.t.pending("query=lab&") == 1);
  p.search.close();
  CHECK(p.t.pending("query=lab&") == 0);  // cancelled
  CHECK(p.search.text().empty());
  CHECK(p.search.next_wake_at(6000) == -1);
}

TEST_CASE("org search: an empty field shows the tree, the caller's organization then a level at a time") {
  Picker p;
  p.search.open(0);
  REQUIRE(p.t.respond("/profile", 200, org(1, "Vltava Greenhouses", 0).dump()));
  REQUIRE(p.t.respond("/sub-organizations?orgId=1", 200,
                      nlohmann::json::array({org(2, "Brno", 1), org(3, "Praha", 1)}).dump()));
  auto nodes = p.search.tree().visible();
  REQUIRE(nodes.size() == 3);
  CHECK(nodes[0]->data.org.name == "Vltava Greenhouses");
  CHECK(nodes[1]->depth == 1);
  p.search.toggle(2, 10);
  REQUIRE(p.t.respond("/sub-organizations?orgId=2", 200, nlohmann::json::array({org(13, "Lab 13", 2)}).dump()));
  nodes = p.search.tree().visible();
  REQUIRE(nodes.size() == 4);
  CHECK(nodes[2]->data.org.name == "Lab 13");
  CHECK(nodes[2]->depth == 2);
  // Opened again: the tree is not fetched again; its paths are known from it.
  p.search.close();
  p.search.open(20);
  CHECK(p.t.pending("/profile") == 0);
  CHECK(store::OrgSearch::path_text(p.search.path(13)) == "Vltava Greenhouses \xE2\x80\xBA Brno");
  CHECK(p.search.path(1).empty());
}

TEST_CASE("org search: each result's path is found from its parents; two of one name are told apart") {
  Picker p;
  p.search.set_home(1, "Vltava Greenhouses");
  p.search.open(0);
  REQUIRE(p.t.respond("/profile", 200, org(1, "Vltava Greenhouses", 0).dump()));
  p.search.type("lab 13", 100);
  REQUIRE(p.t.respond("query=lab%2013&", 200, page_of({org(13, "Lab 13", 7), org(31, "Lab 13", 9)})));
  p.search.tick(116);
  // Both parents are unknown: each is asked for once.
  CHECK(p.t.pending("/api/v1/organization?orgId=7") == 1);
  CHECK(p.t.pending("/api/v1/organization?orgId=9") == 1);
  CHECK(store::OrgSearch::path_text(p.search.path(13)) == "\xE2\x80\xA6");  // being looked up
  p.search.tick(132);
  CHECK(p.t.pending("/api/v1/organization?orgId=7") == 1);  // not again while out
  REQUIRE(p.t.respond("/api/v1/organization?orgId=7", 200, org(7, "Brno", 4).dump()));
  REQUIRE(p.t.respond("/api/v1/organization?orgId=9", 200, org(9, "Ostrava", 1).dump()));
  p.search.tick(148);
  REQUIRE(p.t.respond("/api/v1/organization?orgId=4", 200, org(4, "Moravia", 1).dump()));
  p.search.tick(164);
  CHECK(p.search.path(13) == std::vector<std::string>{"Vltava Greenhouses", "Moravia", "Brno"});
  CHECK(p.search.path(31) == std::vector<std::string>{"Vltava Greenhouses", "Ostrava"});
  CHECK(store::OrgSearch::path_text(p.search.path(31)) == "Vltava Greenhouses \xE2\x80\xBA Ostrava");
  // The caller's organization is never asked for (it tops every path), nor anything above it.
  std::size_t asked_home = 0;
  for (const auto& s : p.t.sent) asked_home += s.request.url == "/api/v1/organization?orgId=1";
  CHECK(asked_home == 0);
  CHECK(p.t.pending("/api/v1/organization?orgId=") == 0);
}

TEST_CASE("org search: a name a picker lacks is asked for once; one the server will not show is not asked again") {
  Picker p;
  CHECK(p.search.wants_name(17));
  p.search.look_up(17, 0);
  CHECK_FALSE(p.search.wants_name(17));
  REQUIRE(p.t.respond("/api/v1/organization?orgId=17", 200, org(17, "Alpine Farms 17", 1).dump()));
  CHECK(p.search.name(17) == std::string("Alpine Farms 17"));
  p.search.look_up(18, 10);
  REQUIRE(p.t.respond("/api/v1/organization?orgId=18", 404,
                      R"({"error":{"message":"Organization is not found or you don't have access to it."}})"));
  CHECK_FALSE(p.search.wants_name(18));
  p.search.look_up(18, 20);
  for (int i = 0; i < 5; ++i) p.search.tick(30 + i * 20'000);
  std::size_t asked = 0;
  for (const auto& s : p.t.sent) asked += s.request.url == "/api/v1/organization?orgId=18";
  CHECK(asked == 1);
  CHECK_FALSE(p.search.name(18).has_value());
}

TEST_CASE("store: the picker's intents open, search and close; the session names the caller's organization") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::Store s(client);
  s.start(store::parse_route("#/users"), true, 0);
  REQUIRE(t.respond("/api/session", 200,
                    R"({"user":{"id":1,"name":"Ann","email":"a@b.c","roleId":1,"orgId":1},
                        "role":{"id":1,"name":"Admin"},"organization":{"id":1,"name":"Roster Demo Corp"}})"));
  CHECK(s.org_search().name(1) == std::string("Roster Demo Corp"));
  CHECK(s.org_search().home_id() == 1);
  s.apply(store::Intent{store::intent::OrgPickerOpen{}}, 100);
  CHECK(s.org_search().is_open());
  CHECK(t.pending("/organization/profile") == 1);
  s.apply(std::vector<store::Intent>{store::intent::OrgPickerSearch{"alp"}}, 200);
  CHECK(t.pending("/organization/search?query=alp&") == 1);
  REQUIRE(t.respond("/organization/search?query=alp&", 200, page_of({org(17, "Alpine Farms 17", 3)})));
  s.tick(216);
  CHECK(t.pending("/api/v1/organization?orgId=3") == 1);  // the result's parent, for its path
  auto report = store::state_report(s, 0, -1);
  REQUIRE(report.contains("orgPicker"));
  CHECK(report["orgPicker"]["open"] == true);
  CHECK(report["orgPicker"]["query"] == "alp");
  REQUIRE(report["orgPicker"]["results"].size() == 1);
  CHECK(report["orgPicker"]["results"][0]["name"] == "Alpine Farms 17");
  s.apply(store::Intent{store::intent::OrgPickerClose{}}, 300);
  CHECK_FALSE(s.org_search().is_open());
  s.apply(store::Intent{store::intent::LookUpOrg{42}}, 400);
  CHECK(t.pending("/api/v1/organization?orgId=42") == 1);
}
