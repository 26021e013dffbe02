#include "platform/a11y_mirror.h"

#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace roster::platform {

namespace {

// Rectangles are sent relative to the parent's, in whole device pixels: a row scrolled by the wheel
// changes its own position only, its cells (and their text) stay as they were and are not sent.
struct Box {
  long x, y, w, h;
  bool operator==(const Box& o) const { return x == o.x && y == o.y && w == o.w && h == o.h; }
};
Box box_of(const ui::A11yNode& n, const ui::A11yNode* parent) {
  const float px = parent ? parent->x0 : 0, py = parent ? parent->y0 : 0;
  return {std::lround(n.x0 - px), std::lround(n.y0 - py), std::lround(n.x1 - n.x0), std::lround(n.y1 - n.y0)};
}

// The frame's nodes by id, each with its parent.
using Index = std::unordered_map<std::string_view, const ui::A11yNode*>;
Index index_of(const std::vector<ui::A11yNode>& nodes) {
  Index index;
  index.reserve(nodes.size());
  for (const auto& n : nodes) index.emplace(n.id, &n);
  return index;
}
const ui::A11yNode* parent_in(const Index& index, const ui::A11yNode& n) {
  if (n.parent.empty()) return nullptr;
  auto it = index.find(n.parent);
  return it == index.end() ? nullptr : it->second;
}

// JSON by hand: this runs in every frame that scrolls, and a general JSON value costs more than the
// rest of the mirror together.
void put_string(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}
void put_key(std::string& out, const char* key) {
  out += ",\"";
  out += key;
  out += "\":";
}
void put_node(std::string& out, const ui::A11yNode& n, const Box& b) {
  out += "{\"id\":";
  put_string(out, n.id);
  put_key(out, "role");
  put_string(out, n.role);
  auto text = [&](const char* key, const std::string& v) {
    if (v.empty()) return;
    put_key(out, key);
    put_string(out, v);
  };
  auto number = [&](const char* key, long long v) {
    if (!v) return;
    put_key(out, key);
    out += std::to_string(v);
  };
  auto state = [&](const char* key, int v) {
    if (v < 0) return;
    put_key(out, key);
    out += v ? "true" : "false";
  };
  text("parent", n.parent);
  text("name", n.name);
  text("value", n.value);
  put_key(out, "rect");
  out += "[" + std::to_string(b.x) + "," + std::to_string(b.y) + "," + std::to_string(b.w) + "," + std::to_string(b.h) +
         "]";
  state("selected", n.selected);
  state("expanded", n.expanded);
  state("checked", n.checked);
  state("disabled", n.disabled);
  state("modal", n.modal);
  text("sort", n.sort);
  text("current", n.current);
  number("rowindex", n.row_index);
  number("rowcount", n.row_count);
  number("colindex", n.col_index);
  number("colcount", n.col_count);
  number("level", n.level);
  text("live", n.live);
  if (n.intent || n.clicks) out += ",\"action\":true";
  out += '}';
}

// The children, in order, of each parent whose children changed (a row scrolled into the grid's
// rowgroup): only those parents' elements are put in order by the page, not the whole tree.
using Children = std::unordered_map<std::string_view, std::vector<std::string_view>>;
Children children_of(const std::vector<ui::A11yNode>& nodes) {
  Children children;
  for (const auto& n : nodes) children[n.parent].push_back(n.id);
  return children;
}
std::string reordered(const std::vector<ui::A11yNode>& before, const std::vector<ui::A11yNode>& after) {
  // Most frames keep every node where it was: no maps to build for them (this runs in every frame).
  bool same = before.size() == after.size();
  for (std::size_t i = 0; same && i < after.size(); ++i)
    same = before[i].id == after[i].id && before[i].parent == after[i].parent;
  if (same) return {};
  const Children was = children_of(before);
  Children now = children_of(after);
  std::string out;
  for (const auto& n : after) {  // parents in the order they first appear as one
    auto it = now.find(n.parent);
    if (it == now.end()) continue;  // this parent's children are done
    auto old = was.find(n.parent);
    if (old == was.end() || old->second != it->second)
      for (std::string_view id : it->second) {
        if (!out.empty()) out += ',';
        put_string(out, id);
      }
    now.erase(it);
  }
  return out;
}

}  // namespace

std::string A11yMirror::update(ui::A11yTree& now) {
  const auto& before = shown_.nodes();
  const auto& after = now.nodes();
  Index old = index_of(before);
  const Index old_all = old;
  const Index fresh = index_of(after);

  std::string set, removed;
  for (std::size_t i = 0; i < after.size(); ++i) {
    const auto& n = after[i];
    const Box b = box_of(n, parent_in(fresh, n));
    auto it = old.find(n.id);
    const bool changed =
        it == old.end() || !(box_of(*it->second, parent_in(old_all, *it->second)) == b) || !it->second->says_same(n);
    if (changed) {
      if (!set.empty()) set += ',';
      put_node(set, n, b);
    }
    if (it != old.end()) old.erase(it);
  }
  for (const auto& n : before)
    if (old.count(n.id)) {
      if (!removed.empty()) removed += ',';
      put_string(removed, n.id);
    }

  const std::string order = reordered(before, after);
  std::string out;
  if (!set.empty() || !removed.empty() || !order.empty()) {
    out = "{\"set\":[" + set + "],\"remove\":[" + removed + "]";
    if (!order.empty()) out += ",\"order\":[" + order + "]";
    out += '}';
  }
  std::swap(shown_, now);
  return out;
}

}  // namespace roster::platform
