// The console from the keyboard alone (issue 20): the Tab order through the rail, the list's controls
// and a profile's tabs, leaving the canvas at either end, the tab list's arrows, Esc and Backspace
// back to the list, Enter on a focused control, and the `?` dialog.
#include "harness.h"

#include <algorithm>

using roster::test::Harness;
namespace store = roster::store;
namespace ui = roster::ui;

namespace {

void tab(Harness& h, bool shift = false) {
  if (shift) ImGui::GetIO().AddKeyEvent(ImGuiMod_Shift, true);
  h.press(ImGuiKey_Tab);
  if (shift) ImGui::GetIO().AddKeyEvent(ImGuiMod_Shift, false);
  h.frames(1);
}

// Tabs until `name` has the focus; fails after `limit` presses.
void tab_to(Harness& h, const std::string& name, int limit = 30) {
  for (int i = 0; i < limit && h.shell.focus_chain().focused() != name; ++i) tab(h);
  REQUIRE(h.shell.focus_chain().focused() == name);
}

int index_in(const std::vector<std::string>& order, const std::string& name) {
  auto it = std::find(order.begin(), order.end(), name);
  return it == order.end() ? -1 : static_cast<int>(it - order.begin());
}

}  // namespace

TEST_CASE("Tab goes through the rail, the search, the filters and the grid in drawing order") {
  Harness h;
  const auto order = h.shell.focus_chain().order();
  INFO("order has " << order.size() << " stops");
  REQUIRE(index_in(order, "nav.users") == 0);
  CHECK(index_in(order, "nav.devices") == 1);
  CHECK(index_in(order, "nav.orgs") == 2);
  CHECK(index_in(order, "search") > 2);
  CHECK(index_in(order, "filter.role") > index_in(order, "search"));
  CHECK(index_in(order, "users.table") == static_cast<int>(order.size()) - 1);

  CHECK(h.shell.focus_chain().focused().empty());
  CHECK_FALSE(h.shell.focus_chain().tab_leaves(false));  // the first Tab enters at the first stop
  tab(h);
  CHECK(h.shell.focus_chain().focused() == "nav.users");
  CHECK(h.layout.rects.count("focus") == 1);  // the ring, around it
  CHECK(h.rect("focus").x0 < h.rect("nav.users").x0);
  CHECK(h.shell.focus_chain().tab_leaves(true));  // Shift+Tab here leaves for the page
  CHECK_FALSE(h.shell.focus_chain().tab_leaves(false));

  tab_to(h, "search");
  h.frames(1);
  CHECK(ImGui::GetIO().WantTextInput);  // ready for typing, as after a click
  h.type("ann");
  CHECK(h.store.search_text() == "ann");
  tab(h);  // on to the filters: the box gives up the keys
  CHECK_FALSE(ImGui::GetIO().WantTextInput);
  CHECK(h.shell.focus_chain().focused() == "filter.role");

  tab_to(h, "users.table");
  CHECK(h.shell.focus_chain().tab_leaves(false));  // the last stop: Tab goes to the host page
  tab(h, /*shift=*/true);
  CHECK(h.shell.focus_chain().focused() != "users.table");
}

TEST_CASE("entering the canvas from the page starts at the first or the last stop; leaving hides the ring") {
  Harness h;
  h.shell.focus_chain().enter(false);
  h.frames(1);
  CHECK(h.shell.focus_chain().focused() == "nav.users");
  h.shell.focus_chain().leave();
  h.frames(1);
  CHECK(h.layout.rects.count("focus") == 0);
  h.shell.focus_chain().enter(true);
  h.frames(1);
  CHECK(h.shell.focus_chain().focused() == "users.table");
  CHECK(h.layout.rects.count("focus") == 1);
}

TEST_CASE("the grid has the arrows once Tab reaches it, and Enter opens the selected row") {
  Harness h;
  tab_to(h, "search");
  tab_to(h, "users.table");
  h.press(ImGuiKey_DownArrow);
  h.press(ImGuiKey_DownArrow);
  CHECK(h.store.selected_row() == std::optional<std::int64_t>(1));
  h.press(ImGuiKey_End);
  CHECK(h.store.selected_row() == std::optional<std::int64_t>(999));
  h.press(ImGuiKey_Home);
  CHECK(h.store.selected_row() == std::optional<std::int64_t>(0));
  h.press(ImGuiKey_PageDown);
  CHECK(h.store.selected_row().value_or(0) > 5);
  h.press(ImGuiKey_Enter);
  CHECK(h.store.route().screen == store::Screen::UserProfile);
}

TEST_CASE("Enter on a focused rail item goes there, as a click does") {
  Harness h;
  tab(h);
  tab(h);
  REQUIRE(h.shell.focus_chain().focused() == "nav.devices");
  h.press(ImGuiKey_Enter);
  h.frames(1);
  CHECK(h.store.route().screen == store::Screen::Devices);
}

TEST_CASE("a profile's tab list is one Tab stop; Left, Right, Home and End switch tabs") {
  Harness h("#/users/3");
  h.frames(2);
  const auto order = h.shell.focus_chain().order();
  REQUIRE(index_in(order, "profile.tabs") > index_in(order, "nav.orgs"));
  tab_to(h, "profile.tabs");
  CHECK(h.rect("focus").x0 < h.rect("tab.info").x0);  // the ring is around the current tab
  CHECK(h.rect("focus").x1 > h.rect("tab.info").x1);
  h.press(ImGuiKey_RightArrow);
  CHECK(h.store.route().tab == store::ProfileTab::Actions);
  h.press(ImGuiKey_RightArrow);
  CHECK(h.store.route().tab == store::ProfileTab::Devices);
  h.press(ImGuiKey_RightArrow);  // wraps
  CHECK(h.store.route().tab == store::ProfileTab::Info);
  h.press(ImGuiKey_LeftArrow);
  CHECK(h.store.route().tab == store::ProfileTab::Devices);
  h.press(ImGuiKey_Home);
  CHECK(h.store.route().tab == store::ProfileTab::Info);
  h.press(ImGuiKey_End);
  CHECK(h.store.route().tab == store::ProfileTab::Devices);
  CHECK(h.shell.focus_chain().focused() == "profile.tabs");  // the focus stays on the list
}

TEST_CASE("Esc and Backspace on a profile go back to the list, unless a text field has the keys") {
  Harness h;
  h.press(ImGuiKey_DownArrow);
  h.press(ImGuiKey_Enter);
  REQUIRE(h.store.route().screen == store::Screen::UserProfile);
  h.frames(1);
  h.press(ImGuiKey_Escape);
  CHECK(h.store.route().screen == store::Screen::Users);

  h.press(ImGuiKey_DownArrow);
  h.press(ImGuiKey_Enter);
  REQUIRE(h.store.route().screen == store::Screen::UserProfile);
  h.frames(1);
  h.press(ImGuiKey_Backspace);
  CHECK(h.store.route().screen == store::Screen::Users);

  // In the search box Backspace deletes, and stays on the list.
  h.keystroke(ImGuiKey_Slash, "/");
  h.frames(3);
  REQUIRE(ImGui::GetIO().WantTextInput);
  h.type("ab");
  h.press(ImGuiKey_Backspace);
  CHECK(h.store.route().screen == store::Screen::Users);
}

TEST_CASE("? opens the list of keys, Esc closes it; typed into the search box it is only text") {
  Harness h;
  // A US keyboard: Shift and the key of `/`, which types `?`.
  h.frame.input().key(ImGuiMod_Shift, true);
  h.keystroke(ImGuiKey_Slash, "?");
  h.frame.input().key(ImGuiMod_Shift, false);
  h.frames(3);
  CHECK(h.layout.rects.count("keys.title") == 1);
  CHECK_FALSE(ImGui::GetIO().WantTextInput);             // `?` is not `/`: the search box stays inactive
  CHECK_FALSE(h.shell.focus_chain().tab_leaves(false));  // the dialog holds the keys
  h.press(ImGuiKey_Escape);
  h.frames(1);
  CHECK(h.layout.rects.count("keys.title") == 0);
  CHECK(h.store.route().screen == store::Screen::Users);

  // A German keyboard: `?` is Shift+ß, a key the console's key map does not know; the text is enough.
  h.frame.input().key(ImGuiMod_Shift, true);
  h.type("?");
  h.frame.input().key(ImGuiMod_Shift, false);
  h.frames(2);
  CHECK(h.layout.rects.count("keys.title") == 1);
  h.press(ImGuiKey_Escape);
  h.frames(1);

  // In the search box `?` is only text.
  h.keystroke(ImGuiKey_Slash, "/");
  h.frames(3);
  REQUIRE(ImGui::GetIO().WantTextInput);
  h.type("?");
  h.frames(1);
  CHECK(h.layout.rects.count("keys.title") == 0);
  CHECK(h.store.search_text() == "?");
}

TEST_CASE("the Actions Log's range buttons and search are Tab stops: Enter narrows the log") {
  Harness h("#/users/3/actions");
  h.frames(2);
  tab_to(h, "range.1h");
  h.press(ImGuiKey_Enter);
  h.frames(1);
  CHECK(h.store.route().actions.range == roster::ActionsRange::LastHour);
  tab_to(h, "actions.search");
  h.frames(1);
  CHECK(ImGui::GetIO().WantTextInput);
}

TEST_CASE("Esc from a profile's tab list gives the keys back to the grid") {
  Harness h("#/users/3");
  h.frames(2);
  tab_to(h, "profile.tabs");
  h.press(ImGuiKey_Escape);
  h.frames(1);
  REQUIRE(h.store.route().screen == store::Screen::Users);
  CHECK(h.shell.focus_chain().focused() == "users.table");
  h.answer_users(1000);  // the list, first asked for now
  h.frames(2);
  h.press(ImGuiKey_DownArrow);
  CHECK(h.store.selected_row().has_value());
}

TEST_CASE("the organization tree is one Tab stop: the arrows walk it, Right opens, Left goes up, Enter shows users") {
  ui::A11yTree tree;
  Harness h("#/orgs");
  h.a11y = &tree;
  REQUIRE(h.transport.respond("/profile", 200,
                              R"({"id":1,"name":"Root","parentOrganizationId":0,"subOrgsCount":2,"usersCount":5})"));
  h.frames(1);
  REQUIRE(
      h.transport.respond("/sub-organizations?orgId=1", 200,
                          R"([{"id":2,"name":"North","parentOrganizationId":1,"subOrgsCount":1,"usersCount":3},)"
                          R"({"id":3,"name":"South","parentOrganizationId":1,"subOrgsCount":0,"usersCount":1234}])"));
  h.frames(2);
  const ui::A11yNode* grid = tree.find("orgs");
  REQUIRE(grid);
  CHECK(grid->role == "treegrid");
  CHECK(grid->row_count == 4);  // the header and three rows
  REQUIRE(tree.find("orgs.row.3.1"));
  CHECK(tree.find("orgs.row.3.1")->value == "1,234");
  CHECK(tree.find("orgs.row.2")->level == 2);
  CHECK(tree.find("orgs.row.2")->expanded == 0);

  tab_to(h, "orgs");
  h.press(ImGuiKey_DownArrow);   // Root -> North
  h.press(ImGuiKey_RightArrow);  // opens North: its branch is asked for
  CHECK(std::any_of(h.transport.sent.begin(), h.transport.sent.end(), [](const auto& s) {
    return s.request.url.find("/sub-organizations?orgId=2") != std::string::npos;
  }));
  REQUIRE(h.transport.respond("/sub-organizations?orgId=2", 200,
                              R"([{"id":4,"name":"Fjord","parentOrganizationId":2,"subOrgsCount":0}])"));
  h.frames(2);
  CHECK(tree.find("orgs.row.2")->expanded == 1);
  h.press(ImGuiKey_RightArrow);  // open already: to its first child
  CHECK(tree.find("orgs.row.4")->selected == 1);
  h.press(ImGuiKey_LeftArrow);  // a leaf: to its parent
  CHECK(tree.find("orgs.row.2")->selected == 1);
  h.press(ImGuiKey_End);
  CHECK(tree.find("orgs.row.3")->selected == 1);
  h.press(ImGuiKey_Enter);
  h.frames(1);
  CHECK(store::print_route(h.store.route()) == "#/orgs/3/users");
}

TEST_CASE("a sortable column header is a Tab stop: Enter sorts by it, again the other way") {
  Harness h;
  const auto order = h.shell.focus_chain().order();
  REQUIRE(index_in(order, "header.Email") >= 0);
  CHECK(index_in(order, "header.Email") < index_in(order, "users.table"));  // the headers, then the rows
  tab_to(h, "header.Email");
  h.press(ImGuiKey_Enter);
  h.frames(1);
  CHECK(h.store.route().users.sort_label == "Email");
  CHECK_FALSE(h.store.route().users.descending);
  h.press(ImGuiKey_Enter);
  h.frames(1);
  CHECK(h.store.route().users.sort_label == "Email");
  CHECK(h.store.route().users.descending);
}
