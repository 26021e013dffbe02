// The users table's admin questions (issue 18) drawn by the real views: the Last login header sorts
// by Last Login, the Location header says how it sorts, the "Last sign-in" filter, the header's own
// right-click menu, and every popup opening beside its button or header, never over it, inside the
// window, at a normal and at a short window height.
#include "harness.h"

#include <doctest/doctest.h>

#include <string>

using namespace roster;
using roster::test::Harness;

namespace {

using Rect = ui::Layout::Rect;

bool overlaps(const Rect& a, const Rect& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

// The popup is beside its anchor (never over it) and inside the window with the 8 px margin.
void check_placed(const Harness& h, const std::string& popup, const std::string& anchor) {
  const Rect p = h.rect(popup), a = h.rect(anchor);
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  INFO(popup, " [", p.x0, ",", p.y0, " - ", p.x1, ",", p.y1, "] against ", anchor, " [", a.x0, ",", a.y0, " - ", a.x1,
       ",", a.y1, "] in ", size.x, "x", size.y);
  CHECK(p.y1 > p.y0 + 20);  // a popup, not a sliver
  CHECK_FALSE(overlaps(p, a));
  CHECK(p.x0 >= 8 - 0.5f);
  CHECK(p.y0 >= 8 - 0.5f);
  CHECK(p.x1 <= size.x - 8 + 0.5f);
  CHECK(p.y1 <= size.y - 8 + 0.5f);
}

void hover(Harness& h, const std::string& name, int frames) {
  const ImVec2 p = h.center(name);
  ImGui::GetIO().AddMousePosEvent(p.x, p.y);
  h.frames(frames);
}

void answer(Harness& h) {
  h.answer_users(1000);
  h.frames(2);
}

}  // namespace

TEST_CASE("the Last login header sorts by Last Login: ascending, then descending, in the hash and the request") {
  Harness h;
  ImGui::GetIO().DisplaySize = ImVec2(2560, 1200);  // every column on screen
  h.frames(3);
  h.click("header.Last login");
  h.frames(2);
  CHECK(h.store.route().users.sort_label == "Last Login");
  CHECK_FALSE(h.store.route().users.descending);
  CHECK(store::print_route(h.store.route()) == "#/users?sort=Last%20Login&order=asc");
  CHECK(h.requests_containing("page=0&size=100&sortBy=Last%20Login&sortOrder=ASC") == 1);
  answer(h);
  h.click("header.Last login");
  h.frames(2);
  CHECK(h.store.route().users.descending);
  CHECK(h.requests_containing("page=0&size=100&sortBy=Last%20Login&sortOrder=DESC") == 1);
}

TEST_CASE("against the public API the Last login header does not sort (Last Login is an extension)") {
  Harness h;
  REQUIRE(h.transport.respond("/roles", 404, R"({"error":{"message":"Not found"}})"));
  ImGui::GetIO().DisplaySize = ImVec2(2560, 1200);
  h.frames(3);
  REQUIRE(h.store.public_api_only());
  h.click("header.Last login");
  h.frames(2);
  CHECK(h.store.route().users.sort_label.empty());
  CHECK(h.requests_containing("Last%20Login") == 0);
  CHECK(h.layout.rects.count("filter.signin") == 0);  // nor is there the Last sign-in filter
}

TEST_CASE("the Location header says it sorts by country, then city") {
  Harness h;
  hover(h, "header.Location", 2);
  CHECK(h.layout.rects.count("header.Location.tip") == 1);
  const Rect tip = h.rect("header.Location.tip");
  CHECK(tip.x1 - tip.x0 > 100);  // the words, not an empty box
  hover(h, "header.Email", 2);
  CHECK(h.layout.rects.count("header.Location.tip") == 0);
  CHECK(h.layout.rects.count("header.Email.tip") == 0);  // only Location has one
  h.click("header.Location");
  h.frames(2);
  CHECK(h.requests_containing("sortBy=Country&sortOrder=ASC") == 1);
}

TEST_CASE("the Last sign-in filter: choosing 'Not in 90 days' asks the server for it; Any clears it") {
  Harness h;
  const Rect status = h.rect("filter.status"), signin = h.rect("filter.signin");
  CHECK(signin.x0 > status.x1);  // beside Role and Status, on their line
  CHECK(signin.y0 < status.y1);
  h.click("filter.signin");
  for (const char* choice : {"0", "30", "90", "365"})  // the marks are the choices' keys (days)
    CHECK_MESSAGE(h.layout.rects.count(std::string("filter.signin.") + choice) == 1, choice);
  check_placed(h, "filter.signin.popup", "filter.signin");
  h.click("filter.signin.90");
  h.frames(2);
  CHECK(h.store.route().users.not_signed_in_days == 90);
  CHECK(store::print_route(h.store.route()) == "#/users?notsignedin=90");
  CHECK(h.requests_containing("/users?page=0&size=100&includeSubOrgUsers=true&notSignedInForDays=90") == 1);
  CHECK(h.layout.rects.count("filter.signin.popup") == 0);                                 // a choice closes the popup
  CHECK(h.rect("filter.signin").x1 - h.rect("filter.signin").x0 > signin.x1 - signin.x0);  // "· 90+ days"
  answer(h);
  h.click("filter.signin");
  h.click("filter.signin.0");
  h.frames(2);
  CHECK(h.store.route().users.not_signed_in_days == 0);
  CHECK(store::print_route(h.store.route()) == "#/users");
}

TEST_CASE("a deep link's Last sign-in filter shows on the button and in the popup, other days included") {
  Harness h("#/users?notsignedin=45");
  CHECK(h.requests_containing("notSignedInForDays=45") >= 1);
  h.click("filter.signin");
  CHECK(h.layout.rects.count("filter.signin.45") == 1);
  h.click("filter.signin.365");
  h.frames(2);
  CHECK(h.store.route().users.not_signed_in_days == 365);
}

TEST_CASE("the empty state's Clear filters clears the Last sign-in filter too") {
  Harness h;
  h.click("filter.signin");
  h.click("filter.signin.30");
  h.frames(1);
  for (auto& s : h.transport.sent)
    if (!s.answered && !s.cancelled) h.transport.answer(s, 200, R"({"content":[],"totalElements":0})");
  h.frames(3);
  h.click("empty.action");
  h.frames(2);
  CHECK(h.store.route().users.not_signed_in_days == 0);
}

TEST_CASE("filter and Columns popups open beside their buttons, inside the window, tall or short") {
  for (float height : {900.0f, 420.0f, 300.0f}) {
    CAPTURE(height);
    Harness h;
    ImGui::GetIO().DisplaySize = ImVec2(1440, height);
    h.frames(3);
    for (const char* id : {"role", "status", "signin"}) {
      h.click(std::string("filter.") + id);
      check_placed(h, std::string("filter.") + id + ".popup", std::string("filter.") + id);
      h.press(ImGuiKey_Escape);
      h.frames(2);
      CHECK(h.layout.rects.count(std::string("filter.") + id + ".popup") == 0);
    }
    h.click("users.columns");
    check_placed(h, "users.columns.popup", "users.columns");
    h.press(ImGuiKey_Escape);
    h.frames(2);
  }
}

TEST_CASE("a filter popup's choices stay reachable in a short window (the popup scrolls, not covers)") {
  Harness h;
  ImGui::GetIO().DisplaySize = ImVec2(1440, 300);
  h.frames(3);
  h.click("filter.status");
  check_placed(h, "filter.status.popup", "filter.status");
  h.click("filter.status.Active");
  h.frames(1);
  // OK may be below the popup's fold: Enter is not wired, so scroll there with the wheel.
  const ImVec2 c = h.center("filter.status.popup");
  ImGui::GetIO().AddMousePosEvent(c.x, c.y);
  ImGui::GetIO().AddMouseWheelEvent(0, -10);
  h.frames(3);
  h.click("filter.status.ok");
  CHECK(h.store.route().users.statuses == std::vector<std::string>{"Active"});
}

TEST_CASE("right-clicking a header opens the console's menu under it: every column, and the sort") {
  Harness h;  // 1440 wide: Registered does not fit
  REQUIRE(h.layout.rects.count("header.Registered") == 0);
  h.right_click("header.Location");
  REQUIRE(h.layout.rects.count("users.header-menu") == 1);
  check_placed(h, "users.header-menu", "header.Location");
  CHECK(h.rect("users.header-menu").y0 >= h.rect("header.Location").y1);  // below it, room permitting
  for (const char* c :
       {"Name", "Email", "Role", "Organization", "Location", "Status", "Last login", "Registered", "Devices", "Tags"})
    CHECK_MESSAGE(h.layout.rects.count(std::string("users.header-menu.") + c) == 1, c);
  // Its own contents only: the sort items come first, at the top padding (ImGui's stock items,
  // "Size column to fit" and the rest, would come before them).
  CHECK(h.rect("users.header-menu.asc").y0 - h.rect("users.header-menu").y0 <= 13);
  h.click("users.header-menu.desc");
  h.frames(2);
  CHECK(h.store.route().users.sort_label == "Country");
  CHECK(h.store.route().users.descending);
  CHECK(h.requests_containing("sortBy=Country&sortOrder=DESC") == 1);
  CHECK(h.layout.rects.count("users.header-menu") == 0);  // a sort closes the menu
  answer(h);

  // A column the width dropped comes back from it; a shown one hides; Name always stays.
  h.right_click("header.Email");
  h.click("users.header-menu.Registered");
  h.click("users.header-menu.Role");
  h.click("users.header-menu.Name");
  h.press(ImGuiKey_Escape);
  h.frames(2);
  CHECK(h.layout.rects.count("users.header-menu") == 0);
  CHECK(h.layout.rects.count("header.Registered") == 1);
  CHECK(h.layout.rects.count("header.Role") == 0);
  CHECK(h.layout.rects.count("header.Name") == 1);
  // And back again.
  h.right_click("header.Email");
  h.click("users.header-menu.Role");
  h.press(ImGuiKey_Escape);
  h.frames(2);
  CHECK(h.layout.rects.count("header.Role") == 1);
}

TEST_CASE("the header menu of a column that cannot sort has no sort items; the sorted column stays") {
  Harness h("#/users?sort=Email&order=asc");
  ImGui::GetIO().DisplaySize = ImVec2(2560, 1200);
  h.frames(3);
  h.right_click("header.Tags");
  REQUIRE(h.layout.rects.count("users.header-menu") == 1);
  CHECK(h.layout.rects.count("users.header-menu.asc") == 0);
  CHECK(h.layout.rects.count("users.header-menu.desc") == 0);
  h.click("users.header-menu.Email");  // the sorted column: disabled
  h.press(ImGuiKey_Escape);
  h.frames(2);
  CHECK(h.layout.rects.count("header.Email") == 1);
  CHECK(h.store.route().users.sort_label == "Email");
}

TEST_CASE("the header menu stays off its header and inside a short window") {
  for (float height : {900.0f, 420.0f}) {
    CAPTURE(height);
    Harness h;
    ImGui::GetIO().DisplaySize = ImVec2(1440, height);
    h.frames(3);
    for (const char* header : {"header.Name", "header.Status", "header.Last login"}) {
      if (!h.layout.rects.count(header)) continue;
      h.right_click(header);
      check_placed(h, "users.header-menu", header);
      h.press(ImGuiKey_Escape);
      h.frames(2);
    }
  }
}
