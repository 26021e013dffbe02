// The devices grids from the keyboard (issue 20): the Devices screen's and a profile's Devices tab
// are one Tab stop each, whose arrows, Page Up/Down and Home/End move the current row (said to the
// mirror as aria-selected) and whose Enter opens the device's owner; and a row's details, which show
// the columns a phone's width dropped (keys, the disclosure, the mirror).
#include "harness.h"

#include <algorithm>

using roster::test::Harness;
namespace store = roster::store;
namespace ui = roster::ui;

namespace {

std::string devices_page(int count, int total) {
  nlohmann::json content = nlohmann::json::array();
  for (int i = 0; i < count; ++i)
    content.push_back({{"id", i + 1},
                       {"name", "Pump " + std::to_string(i)},
                       {"ownerUserId", 40 + i},
                       {"ownerName", "Owner " + std::to_string(i)},
                       {"ownerEmail", "o" + std::to_string(i) + "@example.com"},
                       {"connected", i % 2 == 0},
                       {"model", "Pump v" + std::to_string(i)},
                       {"orgName", "Kyiv Branch"}});
  return nlohmann::json{{"content", content}, {"totalElements", total}}.dump();
}

void tab_to(Harness& h, const std::string& name, int limit = 40) {
  for (int i = 0; i < limit && h.shell.focus_chain().focused() != name; ++i) {
    h.press(ImGuiKey_Tab);
    h.frames(1);
  }
  REQUIRE(h.shell.focus_chain().focused() == name);
}

// The grid's row the mirror says is the current one (aria-selected), or -1; fails when two are.
// The current row of a grid (its rows sit in the grid's rowgroup), -1 when none is.
std::int64_t selected_row(const ui::A11yTree& tree, const std::string& grid) {
  std::int64_t found = -1;
  for (const auto& n : tree.nodes()) {
    if (n.role != "row" || n.parent != grid + ".rows" || n.selected != 1) continue;
    REQUIRE(found == -1);
    found = n.row_index - 2;
  }
  return found;
}

const ui::A11yNode& node(const ui::A11yTree& tree, const std::string& id) {
  const ui::A11yNode* n = tree.find(id);
  REQUIRE_MESSAGE(n, (id + " was not said"));
  return *n;
}

}  // namespace

TEST_CASE("the Devices screen's grid is one Tab stop: the arrows, Page Up/Down and Home/End move its current row") {
  ui::A11yTree tree;
  Harness h("#/devices");
  h.a11y = &tree;
  REQUIRE(h.transport.respond("/devices?", 200, devices_page(60, 60)));
  h.frames(3);
  const auto order = h.shell.focus_chain().order();
  const auto at = [&](const std::string& n) { return std::find(order.begin(), order.end(), n) - order.begin(); };
  REQUIRE(at("devices.table") < static_cast<std::ptrdiff_t>(order.size()));
  CHECK(at("devices.search") < at("devices.table"));
  CHECK(selected_row(tree, "devices") == -1);  // no current row yet, every row says so
  CHECK(node(tree, "devices.row.0").selected == 0);

  tab_to(h, "devices.table");
  h.press(ImGuiKey_DownArrow);
  CHECK(selected_row(tree, "devices") == 0);
  h.press(ImGuiKey_DownArrow);
  CHECK(selected_row(tree, "devices") == 1);
  h.press(ImGuiKey_UpArrow);
  CHECK(selected_row(tree, "devices") == 0);
  h.press(ImGuiKey_End);
  CHECK(selected_row(tree, "devices") == 59);
  CHECK(h.shell.devices().table().last_visible() >= 59);  // scrolled to it
  h.press(ImGuiKey_Home);
  CHECK(selected_row(tree, "devices") == 0);
  CHECK(h.shell.devices().table().first_visible() == 0);
  h.press(ImGuiKey_PageDown);
  CHECK(selected_row(tree, "devices") > 5);
  h.press(ImGuiKey_PageUp);
  CHECK(selected_row(tree, "devices") == 0);

  // Shift+Tab back to a column header: the grid's keys go with the focus (Down moves no row).
  ImGui::GetIO().AddKeyEvent(ImGuiMod_Shift, true);
  h.press(ImGuiKey_Tab);
  ImGui::GetIO().AddKeyEvent(ImGuiMod_Shift, false);
  h.frames(1);
  REQUIRE(h.shell.focus_chain().focused() != "devices.table");
  CHECK_FALSE(h.shell.devices().table().has_keyboard_focus());
  h.press(ImGuiKey_DownArrow);
  CHECK(selected_row(tree, "devices") == 0);
}

TEST_CASE("Enter on the Devices screen's current row opens its owner's profile, as the mirror's row does") {
  ui::A11yTree tree;
  Harness h("#/devices");
  h.a11y = &tree;
  REQUIRE(h.transport.respond("/devices?", 200, devices_page(5, 5)));
  h.frames(3);
  REQUIRE(node(tree, "devices.row.2.0").intent);  // the mirror's activate: the same intent
  tab_to(h, "devices.table");
  h.press(ImGuiKey_DownArrow);
  h.press(ImGuiKey_DownArrow);
  h.press(ImGuiKey_DownArrow);
  REQUIRE(selected_row(tree, "devices") == 2);
  h.press(ImGuiKey_Enter);
  h.frames(1);
  CHECK(h.store.route().screen == store::Screen::UserProfile);
  CHECK(h.store.route().user_id == 42);
}

TEST_CASE("a profile's Devices tab is a grid of its own: a Tab stop with the grid's keys, its rows in the mirror") {
  ui::A11yTree tree;
  Harness h("#/users/3/devices");
  h.a11y = &tree;
  REQUIRE(h.transport.respond("/user?userId=3", 200,
                              R"({"id":3,"name":"Person 2","email":"p2@example.com","roleId":3,"orgId":1})"));
  h.frames(2);
  REQUIRE(h.transport.respond("/device/by-owner?ownerEmail=p2%40example.com", 200, devices_page(4, 4)));
  h.frames(3);
  const auto& grid = node(tree, "profile-devices");
  CHECK(grid.role == "grid");
  CHECK(grid.row_count == 5);
  CHECK(node(tree, "profile-devices.row.1.0").value == "Pump 1");
  CHECK(node(tree, "profile-devices.row.1.1").value == "Offline");
  tab_to(h, "profile-devices.table");
  h.press(ImGuiKey_End);
  CHECK(selected_row(tree, "profile-devices") == 3);
  h.press(ImGuiKey_UpArrow);
  CHECK(selected_row(tree, "profile-devices") == 2);
  CHECK(h.store.route().tab == store::ProfileTab::Devices);  // the tab list did not take the arrows
}

TEST_CASE("a profile's Actions Log is a grid with the keyboard too: a Tab stop whose arrows move its current row") {
  ui::A11yTree tree;
  Harness h("#/users/3/actions");
  h.a11y = &tree;
  REQUIRE(h.transport.respond("/user?userId=3", 200,
                              R"({"id":3,"name":"Person 2","email":"p2@example.com","roleId":3,"orgId":1})"));
  h.frames(2);
  nlohmann::json content = nlohmann::json::array();
  for (int i = 0; i < 6; ++i)
    content.push_back({{"ts", 1'799'999'000'000 - i * 1000},
                       {"orgId", 1},
                       {"orgName", "Kyiv Branch"},
                       {"client", "Web"},
                       {"actionName", "Action " + std::to_string(i)},
                       {"actionCode", "CODE_" + std::to_string(i)}});
  REQUIRE(h.transport.respond("/user/actions-log?", 200,
                              nlohmann::json{{"content", content}, {"totalElements", 6}}.dump()));
  h.frames(3);
  CHECK(node(tree, "actions-log.row.2.3").value == "Action 2");
  CHECK(selected_row(tree, "actions-log") == -1);
  tab_to(h, "actions-log.table");
  h.press(ImGuiKey_DownArrow);
  CHECK(selected_row(tree, "actions-log") == 0);
  h.press(ImGuiKey_End);
  CHECK(selected_row(tree, "actions-log") == 5);
  h.press(ImGuiKey_Home);
  CHECK(selected_row(tree, "actions-log") == 0);
  CHECK(h.store.route().tab == store::ProfileTab::Actions);  // the tab list did not take the arrows
}

TEST_CASE("on a phone a row's details show the columns that do not fit: Right opens, Left closes, Space toggles") {
  ui::A11yTree tree;
  Harness h;
  h.a11y = &tree;
  ImGui::GetIO().DisplaySize = ImVec2(390, 844);
  h.frames(3);
  REQUIRE(h.layout.rects.count("header.Email") == 0);  // the width dropped the email
  REQUIRE(h.layout.rects.count("users.row.0.details") == 1);
  CHECK_FALSE(h.shell.users().table().details_row());
  CHECK(node(tree, "users.row.0.details").role == "button");
  CHECK(node(tree, "users.row.0.details").expanded == 0);
  CHECK(node(tree, "users.row.0.details").parent == "users.row.0.0");
  CHECK(tree.find("users.row.0.1") == nullptr);  // the email is no cell of its own while closed
  const float row1_top = h.rect("row.1.name").y0;

  h.press(ImGuiKey_DownArrow);
  h.press(ImGuiKey_RightArrow);
  h.frames(1);
  REQUIRE(h.shell.users().table().details_row() == std::optional<std::int64_t>(0));
  CHECK(node(tree, "users.row.0.details").expanded == 1);
  const auto& email = node(tree, "users.row.0.1");
  CHECK(email.role == "gridcell");
  CHECK(email.value == "Email: p0@example.com");
  CHECK(email.col_index == 2);
  CHECK(email.y0 >= node(tree, "users.row.0.0").y1);   // under the row's own cells
  CHECK(h.rect("row.1.name").y0 > row1_top + 100);     // the next row moved down below the details
  CHECK(node(tree, "users.row.0").y1 > email.y1 - 1);  // the row spans its details

  h.press(ImGuiKey_LeftArrow);
  h.frames(1);
  CHECK_FALSE(h.shell.users().table().details_row());
  CHECK(tree.find("users.row.0.1") == nullptr);
  h.press(ImGuiKey_Space);
  h.frames(1);
  CHECK(h.shell.users().table().details_row() == std::optional<std::int64_t>(0));
  h.press(ImGuiKey_Space);
  h.frames(1);
  CHECK_FALSE(h.shell.users().table().details_row());
  CHECK(h.store.route().screen == store::Screen::Users);  // the details' keys open nothing
}

TEST_CASE("a tap on a row's disclosure opens its details and makes it the current row; a desktop has none") {
  ui::A11yTree tree;
  Harness h("#/devices");
  h.a11y = &tree;
  REQUIRE(h.transport.respond("/devices?", 200, devices_page(30, 30)));
  h.frames(3);
  CHECK(h.layout.rects.count("devices.row.0.details") == 0);  // every column fits at 1440 px
  ImGui::GetIO().DisplaySize = ImVec2(390, 844);
  h.frames(3);
  REQUIRE(h.layout.rects.count("devices.row.2.details") == 1);
  h.tap("devices.row.2.details");
  h.frames(1);
  CHECK(h.shell.devices().table().details_row() == std::optional<std::int64_t>(2));
  CHECK(selected_row(tree, "devices") == 2);
  CHECK(node(tree, "devices.row.2.3").value == "Model: Pump v2");
  CHECK(node(tree, "devices.row.2.1").value == "Owner: Owner 2");
  h.tap("devices.row.2.details");
  h.frames(1);
  CHECK_FALSE(h.shell.devices().table().details_row());
}

TEST_CASE("details opened on the last row shown scroll it up so they are on screen") {
  Harness h;
  ImGui::GetIO().DisplaySize = ImVec2(390, 844);
  h.frames(3);
  const auto& table = h.shell.users().table();
  const std::int64_t last = table.last_visible();
  h.shell.focus_chain().focus("users.table");
  h.frames(1);
  for (std::int64_t i = 0; i <= last; ++i) h.press(ImGuiKey_DownArrow);
  REQUIRE(h.store.selected_row() == std::optional<std::int64_t>(last));
  h.press(ImGuiKey_RightArrow);
  h.frames(1);
  CHECK(table.first_visible() > 0);
  CHECK(table.last_visible() == last);  // the open row is the last one whole on screen
  const std::string name = "row." + std::to_string(last - table.first_visible()) + ".name";
  CHECK(h.rect(name).y1 < 844 - 100);  // with its details under it
}
