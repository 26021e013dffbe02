// Views say what they draw: the accessibility mirror's nodes of the users list and a profile, built
// by the real views in a headless frame (and nothing built when nobody asks).
#include "harness.h"

#include <doctest/doctest.h>

using namespace roster;
using roster::test::Harness;

namespace {

const ui::A11yNode& node(const ui::A11yTree& tree, const std::string& id) {
  const ui::A11yNode* n = tree.find(id);
  REQUIRE_MESSAGE(n, (id + " was not said"));
  return *n;
}

}  // namespace

TEST_CASE("the users list says its landmarks, search box, grid, headers and the rows drawn") {
  ui::A11yTree tree;
  Harness h;
  h.a11y = &tree;
  h.frames(2);
  CHECK(node(tree, "nav").role == "navigation");
  CHECK(node(tree, "main").role == "main");
  CHECK(node(tree, "banner").role == "banner");
  CHECK(node(tree, "nav.users").current == "page");
  CHECK(node(tree, "nav.devices").current.empty());
  CHECK(node(tree, "heading").name == "Users");
  CHECK(node(tree, "heading").level == 1);
  CHECK(node(tree, "search").role == "searchbox");
  CHECK(node(tree, "live").live == "polite");
  CHECK(node(tree, "live").value == "1,000 users");
  const auto& grid = node(tree, "users");
  CHECK(grid.role == "grid");
  CHECK(grid.row_count == 1001);
  CHECK(grid.parent == "main");
  CHECK(node(tree, "users.header.1").role == "columnheader");
  CHECK(node(tree, "users.header.1").name == std::string("Email"));
  // The rows drawn, numbered as ARIA counts (the header is row 1), their cells with their text.
  const auto& row = node(tree, "users.row.0");
  CHECK(row.row_index == 2);
  CHECK(row.parent == "users.rows");
  CHECK(node(tree, "users.rows").role == "rowgroup");
  CHECK(node(tree, "users.rows").parent == "users");
  const auto& name = node(tree, "users.row.0.0");
  CHECK(name.role == "gridcell");
  CHECK(name.value == h.store.users().row(0)->name);
  CHECK(name.x1 > name.x0);
  CHECK(name.intent.has_value());
  CHECK(tree.find("users.row.900") == nullptr);  // not drawn, not said
}

TEST_CASE("a rowgroup starts at its first row: a row's place in it is its place among the rows drawn") {
  // The page keeps rows in slots (web/a11y-mirror.js): a scroll moves the group, and the slots, each
  // with its new row, stay where they were.
  ui::A11yTree tree;
  Harness h;
  h.a11y = &tree;
  h.frames(2);
  auto offset = [&](const std::string& id) { return node(tree, id).y0 - node(tree, "users.rows").y0; };
  const float pitch = offset("users.row.1") - offset("users.row.0");
  REQUIRE(pitch > 0);
  CHECK(offset("users.row.0") == 0);
  h.shell.focus_chain().enter(/*backwards=*/true);  // Shift+Tab into the console: the grid, its last stop
  h.frames(1);
  REQUIRE(h.shell.focus_chain().focused() == "users.table");
  h.press(ImGuiKey_End);         // the last row, scrolled to
  for (int i = 0; i < 4; ++i) {  // its page asked for and answered
    h.frames(3);
    h.answer_users(1000);
  }
  h.frames(2);
  REQUIRE(tree.find("users.row.0") == nullptr);
  std::int64_t first = 1000;
  for (const auto& n : tree.nodes())
    if (n.role == "row" && n.parent == "users.rows") first = std::min(first, n.row_index - 2);
  REQUIRE(first < 999);
  CHECK(offset("users.row." + std::to_string(first)) == 0);
  CHECK(offset("users.row.999") == doctest::Approx(static_cast<float>(999 - first) * pitch).epsilon(0.001));
}

TEST_CASE("a mirror row's intent opens the user as a click on the name does") {
  ui::A11yTree tree;
  Harness h;
  h.a11y = &tree;
  h.frames(1);
  const auto& cell = node(tree, "users.row.2.0");
  REQUIRE(cell.intent);
  h.store.apply(*cell.intent, h.now);
  h.frames(2);
  CHECK(h.store.route().screen == store::Screen::UserProfile);
  CHECK(h.store.route().user_id == 3);
  CHECK(node(tree, "tabs").role == "tablist");
  CHECK(node(tree, "tab.info").selected == 1);
  CHECK(node(tree, "tab.actions").selected == 0);
  CHECK(node(tree, "tabpanel").role == "tabpanel");
  // The Information card (drawn from the list's row until the user's details come): label: value.
  CHECK(node(tree, "info").role == "list");
  CHECK(node(tree, "info").parent == "tabpanel");
  CHECK(node(tree, "info.Email").name == "Email: " + h.store.profile().user()->email);
  CHECK(node(tree, "profile.name").role == "heading");
  REQUIRE(node(tree, "tab.devices").intent);
  h.store.apply(*node(tree, "tab.devices").intent, h.now);
  h.frames(2);
  CHECK(h.store.route().tab == store::ProfileTab::Devices);
  CHECK(node(tree, "tab.devices").selected == 1);
}

TEST_CASE("without a tree the views build no nodes") {
  Harness h;  // a11y stays null: only the layout is filled
  CHECK(h.layout.rects.count("row.0.name") == 1);
}

TEST_CASE("a tree's nodes are refilled frame after frame, and a text read from one of its nodes survives its growing") {
  ui::A11yTree tree;
  tree.add("main", "", "main", "Users").value = "a value long enough for the heap";
  // Each add past the storage moves every node; "main" (a short string) moves with its node.
  for (int i = 0; i < 100; ++i) tree.add("cell." + std::to_string(i), tree.node(0).id, "gridcell", "");
  CHECK(tree.nodes().size() == 101);
  CHECK(tree.nodes()[100].parent == "main");
  // The next frame: the same storage, nothing of the last frame's fields left over.
  tree.clear();
  tree.add("other", "", "button", "Open");
  REQUIRE(tree.nodes().size() == 1);
  CHECK(tree.nodes()[0].id == "other");
  CHECK(tree.nodes()[0].value.empty());
  CHECK(tree.find("cell.5") == nullptr);
}
