// The accessibility mirror's update: only what changed, nothing when nothing did, the order when
// rows scroll in.
#include "platform/a11y_mirror.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

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
