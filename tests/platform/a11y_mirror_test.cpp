// The accessibility mirror's update: only what changed, nothing when nothing did, the order when
// rows scroll in.
#include "platform/a11y_mirror.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

using roster::platform::A11yMirror;
using roster::ui::A11yTree;

namespace {

A11yTree rows(int first, int count) {
  A11yTree t;
  t.add("main", "", "main", "");
  auto& g = t.add("users", "main", "grid", "Users");
  g.row_count = 1001;
  for (int r = first; r < first + count; ++r) {
    auto& n = t.add("users.row." + std::to_string(r), "users", "row", "");
    n.row_index = r + 2;
    n.y0 = static_cast<float>(40 * (r - first));
    n.y1 = n.y0 + 40;
  }
  return t;
}

// Row `r` under `parent`, drawn at `y`, with two cells, as the data table adds them.
void add_row(A11yTree& t, const std::string& parent, int r, float y) {
  const std::string id = "users.row." + std::to_string(r);
  auto& row = t.add(id, parent, "row", "");  // moved by the next add: not read after it
  row.row_index = r + 2;
  row.y0 = y, row.y1 = y + 40, row.x1 = 300;
  for (int c = 0; c < 2; ++c) {
    auto& cell = t.add(id + "." + std::to_string(c), id, "gridcell", "");
    cell.value = "user " + std::to_string(r) + " column " + std::to_string(c);
    cell.x0 = static_cast<float>(150 * c), cell.y0 = y, cell.x1 = cell.x0 + 150, cell.y1 = y + 40;
  }
}

}  // namespace

TEST_CASE("the first update carries every node in order, the same tree again nothing") {
  A11yMirror mirror;
  A11yTree t = rows(0, 3);
  auto first = nlohmann::json::parse(mirror.update(t));
  CHECK(first["set"].size() == 5);
  CHECK(first["set"][1]["rowcount"] == 1001);
  CHECK(first["set"][2]["rowindex"] == 2);
  CHECK(first["order"].size() == 5);
  CHECK(first["remove"].empty());
  A11yTree same = rows(0, 3);
  CHECK(mirror.update(same).empty());
}

TEST_CASE("a scroll by one row: one removed, one added, the rest moved, and the new order") {
  A11yMirror mirror;
  A11yTree t = rows(0, 3);
  mirror.update(t);
  A11yTree next = rows(1, 3);
  auto u = nlohmann::json::parse(mirror.update(next));
  CHECK(u["remove"] == nlohmann::json::array({"users.row.0"}));
  // Rows 1 and 2 moved up (their rectangles changed) and row 3 is new.
  CHECK(u["set"].size() == 3);
  CHECK(u["set"][0]["rect"][1] == 0);  // row 1, now at the top
  // Only the grid's children are put in order: main and the grid kept theirs.
  CHECK(u["order"] == nlohmann::json::array({"users.row.1", "users.row.2", "users.row.3"}));
}

TEST_CASE("a changed name is one node's update without a new order") {
  A11yMirror mirror;
  A11yTree t = rows(0, 2);
  mirror.update(t);
  A11yTree next = rows(0, 2);
  next.node(1).name = "Users of Acme";
  auto u = nlohmann::json::parse(mirror.update(next));
  CHECK(u["set"].size() == 1);
  CHECK(u["set"][0]["name"] == "Users of Acme");
  CHECK_FALSE(u.contains("order"));
  CHECK(mirror.shown().find("users")->name == "Users of Acme");
}

TEST_CASE("a moved row's cells, placed relative to it, are not sent again") {
  auto tree = [](float y) {
    A11yTree t;
    auto& row = t.add("users.row.7", "", "row", "");
    row.y0 = y, row.y1 = y + 40, row.x1 = 500;
    auto& cell = t.add("users.row.7.0", "users.row.7", "gridcell", "");
    cell.value = "Olena";
    cell.x0 = 10, cell.y0 = y, cell.x1 = 200, cell.y1 = y + 40;
    return t;
  };
  A11yMirror mirror;
  A11yTree a = tree(100);
  mirror.update(a);
  A11yTree b = tree(40);
  auto u = nlohmann::json::parse(mirror.update(b));
  REQUIRE(u["set"].size() == 1);
  CHECK(u["set"][0]["id"] == "users.row.7");
  CHECK(u["set"][0]["rect"] == nlohmann::json::array({0, 40, 500, 40}));
}

TEST_CASE("text is escaped for JSON") {
  A11yMirror mirror;
  A11yTree t;
  t.add("live", "", "status", "").value = "3 users match \u2018\"a\\b\u2019\n";
  auto u = nlohmann::json::parse(mirror.update(t));
  CHECK(u["set"][0]["value"] == "3 users match \u2018\"a\\b\u2019\n");
}

TEST_CASE(
    "rows with cells scrolled by three, in a tree whose other nodes moved too: each node found wherever it went") {
  // Rows with two cells each under a toolbar; `toolbar_last` puts the toolbar after the grid, so no
  // node sits where it sat and every one is found by its id.
  auto tree = [](int first, bool toolbar_last) {
    A11yTree t;
    auto toolbar = [&t] { t.add("toolbar", "", "toolbar", "Tools").x1 = 100; };
    if (!toolbar_last) toolbar();
    t.add("users", "", "grid", "Users");
    for (int r = first; r < first + 6; ++r) add_row(t, "users", r, static_cast<float>(40 * (r - first)));
    if (toolbar_last) toolbar();
    return t;
  };
  for (bool toolbar_last : {false, true}) {
    CAPTURE(toolbar_last);
    A11yMirror mirror;
    A11yTree a = tree(0, false);
    mirror.update(a);
    A11yTree b = tree(3, toolbar_last);
    auto u = nlohmann::json::parse(mirror.update(b));
    std::set<std::string> set, removed;
    for (const auto& n : u["set"]) set.insert(n["id"].get<std::string>());
    for (const auto& id : u["remove"]) removed.insert(id.get<std::string>());
    // Rows 0-2 and their cells went; rows 3-5 moved up (their cells, placed relative to them, did not
    // change); rows 6-8 came with their cells.
    CHECK(removed == std::set<std::string>{"users.row.0", "users.row.0.0", "users.row.0.1", "users.row.1",
                                           "users.row.1.0", "users.row.1.1", "users.row.2", "users.row.2.0",
                                           "users.row.2.1"});
    CHECK(set == std::set<std::string>{"users.row.3", "users.row.4", "users.row.5", "users.row.6", "users.row.6.0",
                                       "users.row.6.1", "users.row.7", "users.row.7.0", "users.row.7.1", "users.row.8",
                                       "users.row.8.0", "users.row.8.1"});
    // The same tree again says nothing.
    A11yTree c = tree(3, toolbar_last);
    CHECK(mirror.update(c).empty());
  }
}

TEST_CASE("a node moved to another parent puts both parents' children in order, and no other's") {
  auto tree = [](const char* details_in) {
    A11yTree t;
    t.add("main", "", "main", "");
    for (const char* cell : {"row.1.0", "row.2.0"}) {
      t.add(cell, "main", "gridcell", "");
      if (std::string(cell) == details_in) t.add("details", cell, "button", "Details");
    }
    t.add("footer", "", "text", "");
    return t;
  };
  A11yMirror mirror;
  A11yTree a = tree("row.1.0");
  mirror.update(a);
  A11yTree b = tree("row.2.0");
  auto u = nlohmann::json::parse(mirror.update(b));
  CHECK(u["remove"].empty());
  REQUIRE(u["set"].size() == 1);
  CHECK(u["set"][0]["parent"] == "row.2.0");
  // The cell it left has no children now (nothing to list), the one it came to lists it; main and the
  // root kept theirs.
  CHECK(u["order"] == nlohmann::json::array({"details"}));
}

TEST_CASE("nodes naming each other as parents (a cycle no view draws) end in an update, not a hang") {
  A11yTree t;
  t.add("main", "", "main", "");
  t.add("a", "b", "group", "");
  t.add("b", "a", "group", "");
  t.add("c", "missing", "text", "");
  A11yMirror mirror;
  auto u = nlohmann::json::parse(mirror.update(t));
  CHECK(u["set"].size() == 4);
}

namespace {

// A grid whose rows sit in a scrolled rowgroup, as the data table says them: rows `first` to
// `first + 5`, two cells each, the first with a details button; the rows counted from the content's
// top (row 0 at y = 0), the group around the rows drawn.
A11yTree scrolled(int first) {
  A11yTree t;
  t.add("users", "", "grid", "Users").row_count = 1001;
  auto& g = t.add("users.rows", "users", "rowgroup", "");
  g.scrolls = true;
  g.content_y0 = static_cast<float>(-40 * first);
  g.y1 = 6 * 40, g.x1 = 300;
  for (int r = first; r < first + 6; ++r) {
    const float y = static_cast<float>(40 * (r - first));
    add_row(t, "users.rows", r, y);
    const std::string id = "users.row." + std::to_string(r);
    auto& details = t.add(id + ".details", id + ".0", "button", "Details");
    details.y0 = y + 6, details.y1 = y + 34, details.x1 = 28;
  }
  return t;
}

std::vector<std::string> ids_of(const nlohmann::json& nodes) {
  std::vector<std::string> ids;
  for (const auto& n : nodes) ids.push_back(n["id"].get<std::string>());
  return ids;
}

}  // namespace

TEST_CASE("a scrolled rowgroup's wheel step: the content moves, the rows that came are sent whole, nested") {
  A11yMirror mirror;
  A11yTree a = scrolled(0);
  auto first = nlohmann::json::parse(mirror.update(a));
  // The grid and the group are nodes; the rows are the group's, each with its nodes nested.
  CHECK(ids_of(first["set"]) == std::vector<std::string>{"users", "users.rows"});
  CHECK(first["set"][1]["content"] == 0);
  REQUIRE(first["rows"].size() == 1);
  CHECK(first["rows"][0]["group"] == "users.rows");
  CHECK(first["rows"][0]["order"].size() == 6);
  CHECK(first["rows"][0]["fill"].size() == 6);
  const auto& row = first["rows"][0]["fill"][0];
  CHECK(row["id"] == "users.row.0");
  CHECK_FALSE(row.contains("parent"));
  REQUIRE(row["kids"].size() == 2);
  CHECK(row["kids"][0]["value"] == "user 0 column 0");
  CHECK(row["kids"][0]["kids"][0]["id"] == "users.row.0.details");
  CHECK_FALSE(row["kids"][1].contains("kids"));

  A11yTree b = scrolled(3);
  auto u = nlohmann::json::parse(mirror.update(b));
  // The group's content moved up three rows; rows 3-5 kept their places in it and are not sent; no
  // node in a row is in "set", "remove" or "order".
  CHECK(ids_of(u["set"]) == std::vector<std::string>{"users.rows"});
  CHECK(u["set"][0]["content"] == -120);
  CHECK(u["remove"].empty());
  CHECK_FALSE(u.contains("order"));
  REQUIRE(u["rows"].size() == 1);
  CHECK(u["rows"][0]["order"] == nlohmann::json::array({"users.row.3", "users.row.4", "users.row.5", "users.row.6",
                                                        "users.row.7", "users.row.8"}));
  CHECK(ids_of(u["rows"][0]["fill"]) == std::vector<std::string>{"users.row.6", "users.row.7", "users.row.8"});
  CHECK(u["rows"][0]["fill"][0]["rect"][1] == 240);  // from the content's top

  A11yTree c = scrolled(3);
  CHECK(mirror.update(c).empty());
}

TEST_CASE("a cell changed in a scrolled rowgroup sends its row whole, and no new order") {
  A11yMirror mirror;
  A11yTree a = scrolled(0);
  mirror.update(a);
  A11yTree b = scrolled(0);
  b.find("users.row.2.1")->value = "renamed";
  auto u = nlohmann::json::parse(mirror.update(b));
  CHECK(u["set"].empty());
  CHECK(u["remove"].empty());
  REQUIRE(u["rows"].size() == 1);
  CHECK_FALSE(u["rows"][0].contains("order"));
  REQUIRE(u["rows"][0]["fill"].size() == 1);
  CHECK(u["rows"][0]["fill"][0]["id"] == "users.row.2");
  CHECK(u["rows"][0]["fill"][0]["kids"][1]["value"] == "renamed");
  // A node gone from a row (its details button) sends the row too, and removes nothing: the page
  // has no element of a row's node but the row's own.
  A11yTree c = scrolled(0);
  c.find("users.row.2.1")->value = "renamed";
  A11yTree d;
  for (const auto& n : c.nodes())
    if (n.id != "users.row.4.details") d.add(n.id, n.parent, n.role, n.name) = n;
  auto v = nlohmann::json::parse(mirror.update(d));
  CHECK(v["remove"].empty());
  REQUIRE(v["rows"].size() == 1);
  CHECK(ids_of(v["rows"][0]["fill"]) == std::vector<std::string>{"users.row.4"});
  CHECK_FALSE(v["rows"][0]["fill"][0]["kids"][0].contains("kids"));
}

TEST_CASE("nodes that leave rows or come into them, their own fields unchanged, are sent where they now are") {
  // A container whose role switches between rowgroup and group: its children are rows, then not.
  auto tree = [](const char* role) {
    A11yTree t;
    t.add("box", "", role, "").y1 = 80;
    auto& row = t.add("r1", "box", "row", "");
    row.y1 = 40, row.x1 = 100;
    auto& cell = t.add("r1.0", "r1", "gridcell", "");
    cell.value = "Olena";
    cell.y1 = 40, cell.x1 = 100;
    return t;
  };
  A11yMirror mirror;
  A11yTree a = tree("rowgroup");
  mirror.update(a);
  A11yTree b = tree("group");
  auto out = nlohmann::json::parse(mirror.update(b));
  // Out of the rows: each node gets an element of its own.
  CHECK(ids_of(out["set"]) == std::vector<std::string>{"box", "r1", "r1.0"});
  CHECK_FALSE(out.contains("rows"));
  A11yTree c = tree("rowgroup");
  auto in = nlohmann::json::parse(mirror.update(c));
  // Into the rows: their elements go, and the row is its group's, in its order and sent whole.
  CHECK(ids_of(in["set"]) == std::vector<std::string>{"box"});
  CHECK(in["remove"] == nlohmann::json::array({"r1", "r1.0"}));
  REQUIRE(in["rows"].size() == 1);
  CHECK(in["rows"][0]["order"] == nlohmann::json::array({"r1"}));
  CHECK(ids_of(in["rows"][0]["fill"]) == std::vector<std::string>{"r1"});
  CHECK(in["rows"][0]["fill"][0]["kids"][0]["value"] == "Olena");
}

TEST_CASE("a rowgroup inside a row counts its rows from its own top, not its content's") {
  A11yTree t;
  auto& outer = t.add("g", "", "rowgroup", "");
  outer.scrolls = true, outer.content_y0 = -400, outer.y1 = 200;
  t.add("g.row", "g", "row", "").y1 = 200;
  auto& inner = t.add("g.row.inner", "g.row", "rowgroup", "");
  inner.scrolls = true, inner.content_y0 = -1000, inner.y0 = 50, inner.y1 = 150;
  auto& nested = t.add("g.row.inner.row", "g.row.inner", "row", "");
  nested.y0 = 60, nested.y1 = 100;
  A11yMirror mirror;
  auto u = nlohmann::json::parse(mirror.update(t));
  REQUIRE(u["rows"].size() == 1);  // the inner group is sent with its row
  const auto& row = u["rows"][0]["fill"][0];
  CHECK(row["rect"][1] == 400);                       // from the outer content's top
  CHECK(row["kids"][0]["kids"][0]["rect"][1] == 10);  // from the inner group's own top
}
