// Ring 2: the real views (shell, users screen, table) drawn by Dear ImGui with no GPU, driven by
// simulated mouse and keyboard input, checked on the store's state and the requests it sends.
#include "harness.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace roster;
using roster::test::Harness;

TEST_CASE("the users screen draws its rows and asks only for the pages on screen") {
  Harness h;
  CHECK(h.store.users().total() == 1000);
  CHECK(h.layout.rects.count("row.0.name") == 1);
  CHECK(h.layout.rects.count("header.Email") == 1);
  CHECK(h.layout.rects.count("search") == 1);
  CHECK(h.requests_containing("page=5") == 0);  // only the first pages (and one ahead)
}

TEST_CASE("typing into the search box searches at once; Escape clears it") {
  Harness h;
  h.click("search");
  CHECK(ImGui::GetIO().WantTextInput);
  ImGui::GetIO().AddInputCharactersUTF8("оле");
  h.frames(2);
  CHECK(h.store.search_text() == "оле");
  CHECK(h.requests_containing("/search/users?query=%D0%BE%D0%BB%D0%B5&page=0&size=100") == 1);
  CHECK(h.store.route().users.text == "оле");
  // Escape clears it again.
  h.press(ImGuiKey_Escape);
  h.frames(2);
  CHECK(h.store.route().users.text.empty());
}

TEST_CASE("clicking a header sorts by that column, clicking again reverses") {
  Harness h;
  h.click("header.Email");
  h.frames(2);
  CHECK(h.store.route().users.sort_label == "Email");
  CHECK_FALSE(h.store.route().users.descending);
  CHECK(h.requests_containing("page=0&size=100&sortBy=Email&sortOrder=ASC") == 1);
  h.answer_users(1000);
  h.frames(2);
  h.click("header.Email");
  h.frames(2);
  CHECK(h.store.route().users.descending);
  CHECK(h.requests_containing("page=0&size=100&sortBy=Email&sortOrder=DESC") == 1);
}

TEST_CASE("clicking a name opens that user's profile") {
  Harness h;
  h.click("row.2.name");
  CHECK(h.store.route().screen == store::Screen::UserProfile);
  CHECK(h.store.route().user_id == 3);  // rows are numbered from id 1
}

TEST_CASE("arrows, End and Enter select and open from the keyboard") {
  Harness k;
  k.click("row.0.email");  // focuses the table (and copies the email)
  CHECK(k.store.current_toast().has_value());
  k.press(ImGuiKey_DownArrow);
  CHECK(k.store.selected_row() == 1);
  k.press(ImGuiKey_End);
  CHECK(k.store.selected_row() == 999);
  k.frames(6);  // a jump fetches its rows once it has rested (UsersList::kScrollSettleMs)
  k.answer_users(1000);
  k.frames(2);
  k.press(ImGuiKey_Enter);
  CHECK(k.store.route().screen == store::Screen::UserProfile);
  CHECK(k.store.route().user_id == 1000);
}

TEST_CASE("the status filter popup applies the chosen statuses") {
  Harness h;
  h.click("filter.status");
  h.click("filter.status.Suspended");
  h.click("filter.status.ok");
  CHECK(h.store.route().users.statuses == std::vector<std::string>{"Suspended"});
  CHECK(h.requests_containing("page=0&size=100&includeSubOrgUsers=true&status=Suspended") == 1);
}

TEST_CASE("a failed request shows the banner, and Retry asks again") {
  Harness h;
  h.client.set_max_attempts(1);
  h.store.navigate(store::parse_route("#/users?q=zz"), true, h.now);
  h.now += 1;
  h.frames(1);
  REQUIRE(h.transport.respond("/search/users", 500, R"({"error":{"message":"database is locked"}})"));
  h.frames(2);
  REQUIRE(h.store.users().error().has_value());
  CHECK(h.requests_containing("query=zz&page=0&size=100") == 1);
  h.click("retry");
  CHECK(h.requests_containing("query=zz&page=0&size=100") == 2);
  CHECK_FALSE(h.store.users().error().has_value());
}

TEST_CASE("a deep link's sort survives the first frames (the table shows it, it does not reset it)") {
  Harness h("#/users?sort=Registered%20At&order=desc");
  h.frames(3);
  CHECK(h.store.route().users.sort_label == "Registered At");
  CHECK(h.store.route().users.descending);
  for (const auto& s : h.transport.sent)
    if (s.request.url.find("/users?") != std::string::npos && s.request.url.find("size=100") != std::string::npos)
      CHECK(s.request.url.find("sortBy=Registered%20At&sortOrder=DESC") != std::string::npos);
}

TEST_CASE("a large organization tree scrolls inside its card, drawing only the rows on screen") {
  Harness h("#/orgs");
  REQUIRE(h.transport.respond("/profile", 200,
                              R"({"id":1,"name":"Root","parentOrganizationId":0,"subOrgsCount":300,"usersCount":5})"));
  h.frames(1);
  nlohmann::json children = nlohmann::json::array();
  for (int i = 0; i < 300; ++i)
    children.push_back({{"id", 100 + i},
                        {"name", "Branch " + std::to_string(i)},
                        {"parentOrganizationId", 1},
                        {"subOrgsCount", 0},
                        {"usersCount", i}});
  REQUIRE(h.transport.respond("/sub-organizations?orgId=1", 200, children.dump()));
  h.frames(3);
  CHECK(h.layout.rects.count("org.100.name") == 1);
  CHECK(h.layout.rects.count("org.399.name") == 0);  // far below: not drawn at all
  // The wheel over the list scrolls it to the end.
  ImVec2 over = h.center("org.101.name");
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(over.x, over.y);
  h.frames(1);
  for (int i = 0; i < 200; ++i) {
    io.AddMouseWheelEvent(0, -5);
    h.frames(1);
  }
  h.frames(2);
  REQUIRE(h.layout.rects.count("org.399.name") == 1);
  CHECK(h.rect("org.399.name").y1 <= 900);
  CHECK(h.layout.rects.count("org.100.name") == 0);
}

TEST_CASE("a narrow console gets an icon rail and keeps its toolbar on one line") {
  Harness h;
  CHECK(h.rect("nav.users").x1 > 150);  // wide: icon and label
  ImGui::GetIO().DisplaySize = ImVec2(760, 600);
  h.frames(2);
  CHECK(h.rect("nav.users").x1 < 72);  // icons only
  const auto search = h.rect("search"), status = h.rect("filter.status");
  CHECK(status.x1 <= 760);  // the filters still fit beside the search box
  CHECK(status.y0 < search.y1);
  CHECK(h.rect("preset.nodevices").x1 <= 760);
}

TEST_CASE("a typed query goes out in the frame of its keystroke, applied after the views drew") {
  Harness h;
  h.click("search");
  ImGui::GetIO().AddInputCharactersUTF8("ann");
  h.frames(1);
  CHECK(h.requests_containing("/search/users?query=ann&page=0&size=100") == 1);
  CHECK(h.store.route().users.text == "ann");
  CHECK(h.store.search_text() == "ann");
}

TEST_CASE("the users table fits its columns to the width; what does not fit is in the Columns menu") {
  Harness h;
  ImGui::GetIO().DisplaySize = ImVec2(2560, 1200);
  h.frames(3);
  for (const char* c :
       {"Name", "Email", "Role", "Organization", "Location", "Status", "Last login", "Registered", "Devices", "Tags"})
    CHECK_MESSAGE(h.layout.rects.count(std::string("header.") + c) == 1, c);
  CHECK(h.layout.rects.count("users.columns") == 0);  // room for all: no menu
  CHECK(h.rect("header.Tags").x1 <= 2560);            // and no sideways scrolling
  ImGui::GetIO().DisplaySize = ImVec2(1440, 900);
  h.frames(3);
  CHECK(h.layout.rects.count("header.Registered") == 0);  // dropped (Tags went first but fits in what is left)
  CHECK(h.layout.rects.count("header.Name") == 1);
  CHECK(h.layout.rects.count("header.Email") == 1);
  h.click("users.columns");
  h.click("users.columns.Registered");  // brought back by the person
  h.press(ImGuiKey_Escape);
  h.frames(2);
  CHECK(h.layout.rects.count("header.Registered") == 1);
}
