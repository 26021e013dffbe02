// The accessibility mirror's update: only what changed, nothing when nothing did, the order when
// rows scroll in.
#include "platform/a11y_mirror.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>

using roster::platform::A11yMirror;
using roster::ui::A11yTree;

namespace {

using nlohmann::json;

// What the page makes of an update's rows: a row sent flat (a shape and values) expanded to its
// nodes nested in "kids", as a row sent whole has them, from the shapes sent so far (the page keeps
// them across updates). Everything else is as parsed.
struct Page {
  std::map<std::string, json> shapes;
  json read(const std::string& text) {
    json u = json::parse(text);
    if (u.value("shapesReset", false)) shapes.clear();
    if (u.contains("shapes"))
      for (const auto& [key, kids] : u["shapes"].items()) shapes[key] = kids;
    if (!u.contains("rows")) return u;
    for (auto& group : u["rows"])
      for (auto& row : group["fill"]) {
        if (!row.contains("shape")) continue;
        const std::string key = row["shape"];
        REQUIRE(shapes.count(key));
        std::size_t next = 0;
        row["kids"] = expand(shapes[key], row["id"], row["values"], next);
        CHECK(next == row["values"].size());  // a value for each node, no more
        row.erase("shape");
        row.erase("values");
      }
    return u;
  }
  static json expand(const json& kids, const std::string& row_id, const json& values, std::size_t& next) {
    json out = json::array();
    for (json kid : kids) {
      CHECK_FALSE(kid.contains("id"));  // a shape says no row's ids or words
      CHECK_FALSE(kid.contains("value"));
      kid["id"] = row_id + kid["sfx"].get<std::string>();
      kid.erase("sfx");
      const std::string value = values.at(next++);
      if (!value.empty()) kid["value"] = value;
      if (kid.contains("kids")) kid["kids"] = expand(kid["kids"], row_id, values, next);
      out.push_back(kid);
    }
    return out;
  }
};

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
  Page page;
  A11yTree t = rows(0, 3);
  auto first = page.read(mirror.update(t));
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
  Page page;
  A11yTree t = rows(0, 3);
  page.read(mirror.update(t));
  A11yTree next = rows(1, 3);
  auto u = page.read(mirror.update(next));
  CHECK(u["remove"] == nlohmann::json::array({"users.row.0"}));
  // Rows 1 and 2 moved up (their rectangles changed) and row 3 is new.
  CHECK(u["set"].size() == 3);
  CHECK(u["set"][0]["rect"][1] == 0);  // row 1, now at the top
  // Only the grid's children are put in order: main and the grid kept theirs.
  CHECK(u["order"] == nlohmann::json::array({"users.row.1", "users.row.2", "users.row.3"}));
}

TEST_CASE("a changed name is one node's update without a new order") {
  A11yMirror mirror;
  Page page;
  A11yTree t = rows(0, 2);
  page.read(mirror.update(t));
  A11yTree next = rows(0, 2);
  next.node(1).name = "Users of Acme";
  auto u = page.read(mirror.update(next));
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
  Page page;
  A11yTree a = tree(100);
  page.read(mirror.update(a));
  A11yTree b = tree(40);
  auto u = page.read(mirror.update(b));
  REQUIRE(u["set"].size() == 1);
  CHECK(u["set"][0]["id"] == "users.row.7");
  CHECK(u["set"][0]["rect"] == nlohmann::json::array({0, 40, 500, 40}));
}

TEST_CASE("text is escaped for JSON") {
  A11yMirror mirror;
  Page page;
  A11yTree t;
  t.add("live", "", "status", "").value = "3 users match \u2018\"a\\b\u2019\n";
  auto u = page.read(mirror.update(t));
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
    Page page;
    A11yTree a = tree(0, false);
    mirror.update(a);
    A11yTree b = tree(3, toolbar_last);
    auto u = page.read(mirror.update(b));
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
  Page page;
  A11yTree a = tree("row.1.0");
  page.read(mirror.update(a));
  A11yTree b = tree("row.2.0");
  auto u = page.read(mirror.update(b));
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
  Page page;
  auto u = page.read(mirror.update(t));
  CHECK(u["set"].size() == 4);
}

namespace {

// A grid whose rows sit in a scrolled rowgroup, as the data table says them: rows `first` to
// `first + 5`, two cells each, the first with a details button; the rows counted from the content's
// top (row 0 at y = 0), the group around the rows drawn; `part` more pixels scrolled (part of a row).
A11yTree scrolled(int first, float part = 0) {
  A11yTree t;
  t.add("users", "", "grid", "Users").row_count = 1001;
  auto& g = t.add("users.rows", "users", "rowgroup", "");
  g.scrolls = true;
  g.content_y0 = static_cast<float>(-40 * first) - part;
  g.y1 = 6 * 40, g.x1 = 300;
  for (int r = first; r < first + 6; ++r) {
    const float y = static_cast<float>(40 * (r - first)) - part;
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
  Page page;
  A11yTree a = scrolled(0);
  auto first = page.read(mirror.update(a));
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
  auto u = page.read(mirror.update(b));
  // The group's content moved up three rows, sent with its rows (the group's node is otherwise the
  // same, so it is not in "set"); rows 3-5 kept their places in it and are not sent; no node in a row
  // is in "set", "remove" or "order".
  CHECK(u["set"].empty());
  CHECK(u["remove"].empty());
  CHECK_FALSE(u.contains("order"));
  REQUIRE(u["rows"].size() == 1);
  CHECK(u["rows"][0]["content"] == -120);
  CHECK(u["rows"][0]["order"] == nlohmann::json::array({"users.row.3", "users.row.4", "users.row.5", "users.row.6",
                                                        "users.row.7", "users.row.8"}));
  CHECK(ids_of(u["rows"][0]["fill"]) == std::vector<std::string>{"users.row.6", "users.row.7", "users.row.8"});
  CHECK(u["rows"][0]["fill"][0]["rect"][1] == 240);  // from the content's top

  A11yTree c = scrolled(3);
  CHECK(mirror.update(c).empty());
}

TEST_CASE("a rowgroup's content top alone goes with its rows; any other change of its node sends it whole") {
  A11yMirror mirror;
  Page page;
  A11yTree a = scrolled(0);
  page.read(mirror.update(a));

  // Scrolled by part of a row: no row came or went, the content top alone moved.
  A11yTree b = scrolled(0, 15);
  auto u = page.read(mirror.update(b));
  CHECK(u["set"].empty());
  REQUIRE(u["rows"].size() == 1);
  CHECK(u["rows"][0]["content"] == -15);
  CHECK(u["rows"][0]["fill"].empty());
  CHECK_FALSE(u["rows"][0].contains("order"));

  // The group's own box changed too (the window grew): its node is sent whole, content included, and
  // the group's rows entry has no content of its own.
  A11yTree c = scrolled(0, 30);
  c.find("users.rows")->y1 += 100;
  u = page.read(mirror.update(c));
  REQUIRE(u["set"].size() == 1);
  CHECK(u["set"][0]["id"] == "users.rows");
  CHECK(u["set"][0]["content"] == -30);
  CHECK_FALSE(u.contains("rows"));

  // Its name changed with the content: whole again.
  A11yTree d = scrolled(0, 45);
  d.find("users.rows")->y1 += 100;
  d.find("users.rows")->name = "Results";
  u = page.read(mirror.update(d));
  REQUIRE(u["set"].size() == 1);
  CHECK(u["set"][0]["name"] == "Results");
  CHECK(u["set"][0]["content"] == -45);
}

TEST_CASE("a cell changed in a scrolled rowgroup sends its row whole, and no new order") {
  A11yMirror mirror;
  Page page;
  A11yTree a = scrolled(0);
  page.read(mirror.update(a));
  A11yTree b = scrolled(0);
  b.find("users.row.2.1")->value = "renamed";
  auto u = page.read(mirror.update(b));
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
  auto v = page.read(mirror.update(d));
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
  Page page;
  A11yTree a = tree("rowgroup");
  page.read(mirror.update(a));
  A11yTree b = tree("group");
  auto out = page.read(mirror.update(b));
  // Out of the rows: each node gets an element of its own.
  CHECK(ids_of(out["set"]) == std::vector<std::string>{"box", "r1", "r1.0"});
  CHECK_FALSE(out.contains("rows"));
  A11yTree c = tree("rowgroup");
  auto in = page.read(mirror.update(c));
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
  Page page;
  auto u = page.read(mirror.update(t));
  REQUIRE(u["rows"].size() == 1);  // the inner group is sent with its row
  const auto& row = u["rows"][0]["fill"][0];
  CHECK(row["rect"][1] == 400);                       // from the outer content's top
  CHECK(row["kids"][0]["kids"][0]["rect"][1] == 10);  // from the inner group's own top
}

TEST_CASE("a data table's rows are sent flat: their shape once, then their own fields and values") {
  A11yMirror mirror;
  A11yTree a = scrolled(0);
  const json first = json::parse(mirror.update(a));
  // Six rows alike but for their ids and words: one shape, the cells nested in it, the details
  // button in the first cell, none with an id or a value of its own.
  REQUIRE(first["shapes"].size() == 1);
  const std::string key = first["shapes"].items().begin().key();
  const json& shape = first["shapes"][key];
  REQUIRE(shape.size() == 2);
  CHECK(shape[0]["sfx"] == ".0");
  CHECK(shape[0]["kids"][0]["sfx"] == ".details");
  CHECK(shape[0]["kids"][0]["name"] == "Details");
  CHECK(shape[1]["sfx"] == ".1");
  CHECK(shape[1]["rect"] == json::array({150, 0, 150, 40}));
  const json& row = first["rows"][0]["fill"][5];
  CHECK(row["id"] == "users.row.5");
  CHECK(row["rowindex"] == 7);
  CHECK(row["shape"] == key);
  CHECK_FALSE(row.contains("kids"));
  // In nesting order, the button (no value) before the second cell, though drawn after it.
  CHECK(row["values"] == json::array({"user 5 column 0", "", "user 5 column 1"}));

  // The page has the shape now: a wheel step's rows name it without it.
  A11yTree b = scrolled(3);
  const json step = json::parse(mirror.update(b));
  CHECK_FALSE(step.contains("shapes"));
  CHECK(step["rows"][0]["fill"][0]["shape"] == key);
  CHECK(step["rows"][0]["fill"][0]["values"][0] == "user 6 column 0");

  // A state of a node in a row is in its shape: an open details button makes a second one.
  A11yTree c = scrolled(3);
  c.find("users.row.4.details")->expanded = 1;
  const json opened = json::parse(mirror.update(c));
  REQUIRE(opened["shapes"].size() == 1);
  CHECK(opened["shapes"].items().begin().key() != key);

  // A page built again (a new mount) is sent its shapes again.
  mirror.forget();
  A11yTree d = scrolled(3);
  const json again = json::parse(mirror.update(d));
  REQUIRE(again["shapes"].size() == 1);
  CHECK(again["shapes"].items().begin().key() == key);
}

TEST_CASE("a row with a node whose id is not the row's and more is sent whole, nested") {
  A11yMirror mirror;
  A11yTree t = scrolled(0);
  t.add("elsewhere", "users.row.2", "button", "Open").y1 = 20;
  const json u = json::parse(mirror.update(t));
  std::set<std::string> whole;
  for (const auto& row : u["rows"][0]["fill"])
    if (row.contains("kids")) whole.insert(row["id"].get<std::string>());
  CHECK(whole == std::set<std::string>{"users.row.2"});
  CHECK(u["rows"][0]["fill"][2]["kids"][2]["id"] == "elsewhere");
}

TEST_CASE("past the bound on shapes kept, the page is told to drop its own and is sent them again") {
  A11yMirror mirror;
  Page page;
  // Each frame a new width of the second column: a new shape for every row.
  bool reset = false;
  for (int width = 100; width < 100 + 300 && !reset; ++width) {
    A11yTree t = scrolled(0);
    for (int r = 0; r < 6; ++r) t.find("users.row." + std::to_string(r) + ".1")->x1 = 150.0f + width;
    const json u = page.read(mirror.update(t));
    reset = u.value("shapesReset", false);
    // Whatever was dropped, every row the page is sent expands to its cells.
    for (const auto& row : u["rows"][0]["fill"]) CHECK(row["kids"][1]["rect"][2] == width);
  }
  CHECK(reset);
  CHECK(page.shapes.size() == 1);
}

TEST_CASE("a row's shape is its own nodes', whatever row came before it: each field of a node in a shape") {
  // The mirror recognises a row of the last shape written by comparing its nodes with it: a row
  // unlike the one before in any field a shape holds must get the key its own nodes make (the key a
  // mirror that never saw the row before gives it), and the row after it its own again.
  using Change = void (*)(A11yTree&, const std::string& row);
  const std::vector<std::pair<const char*, Change>> changes = {
      {"name", [](A11yTree& t, const std::string& r) { t.find(r + ".1")->name = "Email"; }},
      {"role", [](A11yTree& t, const std::string& r) { t.find(r + ".1")->role = "rowheader"; }},
      {"selected", [](A11yTree& t, const std::string& r) { t.find(r + ".1")->selected = 1; }},
      {"expanded", [](A11yTree& t, const std::string& r) { t.find(r + ".details")->expanded = 0; }},
      {"checked", [](A11yTree& t, const std::string& r) { t.find(r + ".details")->checked = 1; }},
      {"disabled", [](A11yTree& t, const std::string& r) { t.find(r + ".details")->disabled = 1; }},
      {"modal", [](A11yTree& t, const std::string& r) { t.find(r + ".details")->modal = 0; }},
      {"sort", [](A11yTree& t, const std::string& r) { t.find(r + ".1")->sort = "none"; }},
      {"current", [](A11yTree& t, const std::string& r) { t.find(r + ".details")->current = "page"; }},
      {"row index", [](A11yTree& t, const std::string& r) { t.find(r + ".1")->row_index = 7; }},
      {"row count", [](A11yTree& t, const std::string& r) { t.find(r + ".1")->row_count = 7; }},
      {"column index", [](A11yTree& t, const std::string& r) { t.find(r + ".1")->col_index = 2; }},
      {"column count", [](A11yTree& t, const std::string& r) { t.find(r + ".1")->col_count = 2; }},
      {"level", [](A11yTree& t, const std::string& r) { t.find(r + ".1")->level = 2; }},
      {"live", [](A11yTree& t, const std::string& r) { t.find(r + ".1")->live = "polite"; }},
      {"action", [](A11yTree& t, const std::string& r) { t.find(r + ".1")->clicks = true; }},
      {"place", [](A11yTree& t, const std::string& r) { t.find(r + ".1")->x1 += 1; }},
      {"parent", [](A11yTree& t, const std::string& r) { t.find(r + ".details")->parent = r + ".1"; }},
      {"id", [](A11yTree& t, const std::string& r) { t.find(r + ".details")->id = r + ".more"; }},
  };
  auto keys_of = [](const json& u) {
    std::map<std::string, std::string> keys;
    for (const auto& row : u["rows"][0]["fill"]) keys[row["id"]] = row.value("shape", "");
    return keys;
  };
  for (const auto& [what, change] : changes) {
    const std::string field = what;
    CAPTURE(field);
    // The changed row after three of the usual shape, and alone first in its group.
    A11yTree after_others = scrolled(0);
    change(after_others, "users.row.3");
    A11yTree first = scrolled(3);
    change(first, "users.row.3");
    A11yMirror mirror, fresh;
    const auto keys = keys_of(json::parse(mirror.update(after_others)));
    const auto alone = keys_of(json::parse(fresh.update(first)));
    REQUIRE(!keys.at("users.row.3").empty());
    CHECK(keys.at("users.row.3") == alone.at("users.row.3"));
    CHECK(keys.at("users.row.3") != keys.at("users.row.2"));
    CHECK(keys.at("users.row.4") == keys.at("users.row.2"));
  }
}
