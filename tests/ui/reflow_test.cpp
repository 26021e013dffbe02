// Zoom and small screens (issue 20, WCAG 1.4.10 reflow): at 320, 390 and 720 px wide nothing a person
// needs is cut off (the toolbar, filters, Columns button and presets wrap; the rail is a menu button
// on a phone), the screen's top scrolls away so the table gets the height (and comes back with the
// wheel, or when Tab reaches a control up there), the Actions Log's ranges wrap, a dialog fits a
// phone, and at 3840 px the screen keeps a comfortable width. The theme is at 1x: sizes are CSS pixels
// (a 1440 px screen at 200 % is the 720 x 450 here).
#include "harness.h"

#include <algorithm>

using roster::test::Harness;
namespace store = roster::store;
namespace ui = roster::ui;

namespace {

void resize(Harness& h, float w, float hgt) {
  ImGui::GetIO().DisplaySize = ImVec2(w, hgt);
  h.frames(3);
}

// `name` was drawn and lies inside the window's width (and above its bottom).
void check_inside(Harness& h, const std::string& name) {
  INFO(name << " at " << ImGui::GetIO().DisplaySize.x << " x " << ImGui::GetIO().DisplaySize.y);
  REQUIRE(h.layout.rects.count(name) == 1);
  const ui::Layout::Rect& r = h.rect(name);
  CHECK(r.x0 >= 0);
  CHECK(r.x1 <= ImGui::GetIO().DisplaySize.x);
  CHECK(r.y1 <= ImGui::GetIO().DisplaySize.y);
  CHECK(r.x1 > r.x0);
}

std::int64_t rows_shown(Harness& h) {
  return h.shell.users().table().last_visible() - h.shell.users().table().first_visible() + 1;
}

void wheel_over(Harness& h, const std::string& name, float notches) {
  ImVec2 p = h.center(name);
  ImGui::GetIO().AddMousePosEvent(p.x, p.y);
  ImGui::GetIO().AddMouseWheelEvent(0, notches);
  h.frames(3);
}

}  // namespace

TEST_CASE("at 320, 390 and 720 px wide the toolbar, filters, Columns button and presets lie within the window") {
  Harness h("#/users", /*signed_in=*/true);
  h.frames(3);
  for (float w : {320.0f, 390.0f, 720.0f}) {
    resize(h, w, w == 720.0f ? 450.0f : 844.0f);
    for (const char* name :
         {"search", "filter.role", "filter.status", "filter.signin", "users.columns", "users.invite", "users.export",
          "preset.members", "preset.all", "preset.nodevices", "menu.me", "header.Name"})
      check_inside(h, name);
    // A phone's rail is a menu button; at 720 the rail of icons stays.
    CHECK(h.layout.rects.count("nav.menu") == (w < 600 ? 1u : 0u));
    CHECK(h.layout.rects.count("nav.users") == (w < 600 ? 0u : 1u));
    // No sideways scrolling: every header drawn ends inside the window.
    for (const auto& [name, r] : h.layout.rects)
      if (name.rfind("header.", 0) == 0) CHECK_MESSAGE(r.x1 <= w, name);
    // The search box does not squeeze: at least 200 px, or the whole line.
    CHECK(h.rect("search").x1 - h.rect("search").x0 >= 200);
  }
  // A phone keeps the Status beside the Name (the Email is the one that goes, into the Columns menu).
  resize(h, 390, 844);
  CHECK(h.layout.rects.count("header.Status") == 1);
  CHECK(h.layout.rects.count("header.Email") == 0);
}

TEST_CASE("the top scrolls away: the table gets the height at 390 x 844 and at 200 % zoom (720 x 450)") {
  Harness h("#/users", /*signed_in=*/true);
  resize(h, 720, 450);
  const std::int64_t before = rows_shown(h);
  const float content_top = 56 + 16;  // the top bar and the margin
  wheel_over(h, "row.0.name", -10);   // the top scrolls away first, then the rows
  CHECK(h.rect("search").y1 <= content_top);
  CHECK(rows_shown(h) >= 7);  // (450 - 56 - 32 - 40) / 40 rows: the whole height but the header row
  CHECK(rows_shown(h) > before);
  CHECK(h.shell.users().table().first_visible() > 0);  // the rest of the wheel scrolled the rows
  // Back up: the rows first, then the top comes back.
  wheel_over(h, "row.0.name", 30);
  CHECK(h.shell.users().table().first_visible() == 0);
  CHECK(h.rect("search").y0 >= content_top);

  resize(h, 390, 844);
  CHECK(rows_shown(h) >= 8);
  wheel_over(h, "row.0.name", -10);
  CHECK(rows_shown(h) >= 17);  // (844 - 56 - 24 - 40) / 40
  check_inside(h, "header.Name");
  CHECK(h.rect("header.Name").y0 >= 56);  // under the top bar, not under the scrolled-away top
}

TEST_CASE("Tab to a control that scrolled away brings it back") {
  Harness h("#/users", /*signed_in=*/true);
  resize(h, 720, 450);
  wheel_over(h, "row.0.name", -10);
  REQUIRE(h.rect("search").y1 <= 72);
  for (int i = 0; i < 30 && h.shell.focus_chain().focused() != "search"; ++i) h.press(ImGuiKey_Tab);
  REQUIRE(h.shell.focus_chain().focused() == "search");
  h.frames(2);
  CHECK(h.rect("search").y0 >= 56);
}

TEST_CASE("`/` brings back the search box that scrolled away, ready for typing") {
  Harness h("#/users", /*signed_in=*/true);
  resize(h, 720, 450);
  wheel_over(h, "row.0.name", -10);
  REQUIRE(h.rect("search").y1 <= 72);
  h.keystroke(ImGuiKey_Slash, "/");
  h.frames(3);
  CHECK(h.rect("search").y0 >= 56);  // under the top bar, on screen
  CHECK(ImGui::GetIO().WantTextInput);
  CHECK(h.shell.focus_chain().focused() == "search");  // Tab goes on from the box
  h.type("ann");
  CHECK(h.store.search_text() == "ann");
}

TEST_CASE("the accessibility mirror's rectangles follow the scrolled layout") {
  ui::A11yTree tree;
  Harness h("#/users", /*signed_in=*/true);
  h.a11y = &tree;
  resize(h, 720, 450);
  wheel_over(h, "row.0.name", -10);
  const ui::A11yNode* search = tree.find("search");
  REQUIRE(search);
  CHECK(search->y0 == doctest::Approx(h.rect("search").y0));
  CHECK(search->y1 == doctest::Approx(h.rect("search").y1));
  const ui::A11yNode* grid = tree.find("users");
  REQUIRE(grid);
  CHECK(grid->y1 <= 450);
  CHECK(grid->y0 < h.rect("header.Name").y1);
}

TEST_CASE("a phone's menu button opens the navigation drawer; a link in it navigates and closes it") {
  ui::A11yTree tree;
  Harness h("#/users", /*signed_in=*/true);
  h.a11y = &tree;
  resize(h, 390, 844);
  REQUIRE(tree.find("nav.menu"));
  CHECK(tree.find("nav.menu")->expanded == 0);
  h.click("nav.menu");
  CHECK(tree.find("nav.menu")->expanded == 1);
  for (const char* name : {"nav.users", "nav.devices", "nav.orgs", "switcher"}) check_inside(h, name);
  CHECK(tree.find("nav.devices"));
  h.click("nav.devices");
  CHECK(h.store.route().screen == store::Screen::Devices);
  CHECK(h.layout.rects.count("nav.devices") == 0);
  // The menu button is a Tab stop, first in the order.
  CHECK(h.shell.focus_chain().order().front() == "nav.menu");
}

TEST_CASE("at 390 px the Actions Log's range buttons wrap inside the window") {
  Harness h("#/users/3/actions", /*signed_in=*/true);
  REQUIRE(h.transport.respond("/user?userId=3", 200,
                              R"({"id":3,"name":"Person 2","email":"p2@example.com","roleId":3,"orgId":1,)"
                              R"("status":"Active","orgName":"Kyiv Branch","country":"Ukraine"})"));
  resize(h, 390, 844);
  for (const char* name :
       {"range.1h", "range.6h", "range.1d", "range.1w", "range.1mo", "range.3mo", "range.custom", "actions.search",
        "filter.client", "actions.export", "profile.name", "tab.info", "tab.actions", "tab.devices"})
    check_inside(h, name);
  CHECK(h.rect("range.custom").y0 > h.rect("range.1h").y1);  // a second line
  // The Actions button sits above the tabs, not over them.
  if (h.layout.rects.count("profile.actions")) CHECK(h.rect("profile.actions").y1 < h.rect("tab.info").y0);
}

TEST_CASE("a dialog fits a phone") {
  Harness h("#/users", /*signed_in=*/true);
  resize(h, 320, 640);
  h.click("users.invite");
  h.frames(2);
  int fields = 0;
  for (const auto& [name, r] : h.layout.rects)
    if (name.rfind("dialog.", 0) == 0) {
      ++fields;
      CHECK_MESSAGE(r.x0 >= 0, name);
      CHECK_MESSAGE(r.x1 <= 320, name);
    }
  CHECK(fields >= 2);
  check_inside(h, "dialog.ok");
}

TEST_CASE("at 3840 px the screen keeps a comfortable width, centred beside the rail") {
  Harness h("#/users", /*signed_in=*/true);
  resize(h, 3840, 2160);
  float left = 1e9f, right = 0;
  for (const auto& [name, r] : h.layout.rects)
    if (name.rfind("header.", 0) == 0) left = std::min(left, r.x0), right = std::max(right, r.x1);
  CHECK(right - left <= 1680);
  CHECK(right - left >= 1500);
  const float margin_left = left - 216, margin_right = 3840 - right;
  CHECK(margin_left == doctest::Approx(margin_right).epsilon(0.05));
}
