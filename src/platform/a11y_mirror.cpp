#include "platform/a11y_mirror.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace roster::platform {

namespace {

using Box = A11yMirror::Box;

// Rectangles are sent relative to the parent's, in whole device pixels: a node that moves with its
// parent is not sent again. A scrolled group's rows count from its content top (`from_content`), so
// a wheel step leaves the rows that stay as they were (the page places them in the group's content;
// a rowgroup inside a row has no such element, and its rows count from its own top).
Box box_of(const ui::A11yNode& n, const ui::A11yNode* parent, bool from_content) {
  const float px = parent ? parent->x0 : 0;
  const float py = parent ? (from_content ? parent->content_y0 : parent->y0) : 0;
  return {std::lround(n.x0 - px), std::lround(n.y0 - py), std::lround(n.x1 - n.x0), std::lround(n.y1 - n.y0),
          n.scrolls ? std::lround(n.content_y0 - n.y0) : 0};
}

// JSON by hand: this runs in every frame that scrolls, and a general JSON value costs more than the
// rest of the mirror together.
// Runs of plain characters are appended whole: the module is built for size (-Os, which leaves even
// std::string's accessors out of line), so a character at a time costs a call or more each.
void put_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t plain = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c != '"' && c != '\\' && c >= 0x20) continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}
void put_int(std::string& out, long long v) {
  char buf[24];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  out.append(buf, static_cast<std::size_t>(end - buf));
}
void put_key(std::string& out, const char* key) {
  out += ",\"";
  out += key;
  out += "\":";
}
// How a node is written: whole (in "set"), nested in its parent's "kids" (its parent unnamed), or in
// a row shape (below: its id after the row's, "sfx", and no value).
enum class Form { Whole, Nested, Shape };
// A node's fields, without the closing brace (a row in "rows" adds its "kids"). `row_id_size`: in a
// shape, how much of the id is the row's.
void put_fields(std::string& out, const ui::A11yNode& n, const Box& b, Form form = Form::Whole,
                std::size_t row_id_size = 0) {
  if (form == Form::Shape) {
    out += "{\"sfx\":";
    put_string(out, std::string_view(n.id).substr(row_id_size));
  } else {
    out += "{\"id\":";
    put_string(out, n.id);
  }
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
    put_int(out, v);
  };
  auto state = [&](const char* key, int v) {
    if (v < 0) return;
    put_key(out, key);
    out += v ? "true" : "false";
  };
  if (form == Form::Whole) text("parent", n.parent);
  text("name", n.name);
  if (form != Form::Shape) text("value", n.value);
  put_key(out, "rect");
  out += '[';
  put_int(out, b.x);
  out += ',';
  put_int(out, b.y);
  out += ',';
  put_int(out, b.w);
  out += ',';
  put_int(out, b.h);
  out += ']';
  if (n.scrolls) {
    put_key(out, "content");
    put_int(out, b.content);
  }
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
}
void put_node(std::string& out, const ui::A11yNode& n, const Box& b) {
  put_fields(out, n, b);
  out += '}';
}

// FNV-1a over an id's bytes: ids are compared by their hashes first, integers the module compares
// inline (it is built for size, -Os, which leaves even std::string's accessors out of line, so each
// string comparison is several calls).
std::uint64_t hash_of(const std::string& s) {
  std::uint64_t h = 14695981039346656037ull;
  const char* p = s.data();
  for (std::size_t i = 0, n = s.size(); i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 1099511628211ull;
  return h;
}
}  // namespace

// Each node's id hash, an open-addressing table of them (positions, a power of two in size, at least
// twice the nodes), its rectangle relative to its parent's and its parent's position. Made once for a
// frame's tree, in storage kept from frame to frame.
void A11yMirror::Shape::of(ui::A11yNodes nodes) {
  const std::size_t n = nodes.size();
  hashes.resize(n);
  for (std::size_t i = 0; i < n; ++i) hashes[i] = hash_of(nodes[i].id);
  std::size_t size = 16;
  while (size < 2 * n) size *= 2;
  table.assign(size, kNone);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t slot = hashes[i] & (size - 1);
    while (table[slot] != kNone) slot = (slot + 1) & (size - 1);
    table[slot] = i;
  }
  boxes.clear();
  boxes.reserve(n);
  parents.assign(n, kNone);
  groups.resize(n);
  rows.assign(n, kNone);
  for (std::size_t i = 0; i < n; ++i) groups[i] = nodes[i].role == "rowgroup";
  for (std::size_t i = 0; i < n; ++i) {
    const auto& node = nodes[i];
    // Nodes come in tree order: a node's parent is most often the node before it or one of that
    // node's ancestors (a row after the last cell of the row before).
    std::size_t parent = kNone;
    if (!node.parent.empty()) {
      const std::uint64_t h = hash_of(node.parent);
      // Only links back to earlier nodes are followed: a parent found later in the tree (by the
      // table) could close a cycle, and this walk must end whatever the views said.
      for (std::size_t p = i > 0 ? i - 1 : kNone; p != kNone && parent == kNone;
           p = parents[p] != kNone && parents[p] < p ? parents[p] : kNone)
        if (hashes[p] == h && nodes[p].id == node.parent) parent = p;
      if (parent == kNone) parent = find(nodes, node.parent, h, n);
    }
    parents[i] = parent;
    // A row is a rowgroup's child; what is in a row, its descendants, a rowgroup among them too
    // (parents come first in tree order, so the parent's row is known; a node whose parent comes
    // later is outside any row).
    if (parent != kNone && parent < i) rows[i] = rows[parent] != kNone ? rows[parent] : groups[parent] ? i : kNone;
    const ui::A11yNode* up = parent == kNone ? nullptr : &nodes[parent];
    boxes.push_back(box_of(node, up, up && up->scrolls && rows[i] == i));
  }
}

// Finding a node of one tree in another, in a frame that runs 60 times a second: most nodes sit where
// they sat (the rail, the toolbar) or, in a grid, in a run shifted by the rows that scrolled in, so
// the position after the last one found is tried before the table.
std::size_t A11yMirror::Shape::find(ui::A11yNodes nodes, const std::string& id, std::uint64_t hash,
                                    std::size_t guess) const {
  if (guess < nodes.size() && hashes[guess] == hash && nodes[guess].id == id) return guess;
  if (table.empty()) return kNone;
  for (std::size_t slot = hash & (table.size() - 1); table[slot] != kNone; slot = (slot + 1) & (table.size() - 1))
    if (hashes[table[slot]] == hash && nodes[table[slot]].id == id) return table[slot];
  return kNone;
}

// Node `k` of `nodes` (positions by `shape`) with the nodes under it nested: each node's "kids" are
// those of `members` (the positions of its row's nodes, in tree order) whose parent it is. A node's
// parent in a row comes before it, so each node's children are found after it and the nesting ends.
void A11yMirror::put_row(std::string& out, ui::A11yNodes nodes, const Shape& shape,
                         const std::vector<std::size_t>& members, std::size_t k) {
  put_fields(out, nodes[k], shape.boxes[k], Form::Nested);
  bool any = false;
  for (std::size_t m : members) {
    if (m <= k || shape.parents[m] != k) continue;
    out += any ? "," : ",\"kids\":[";
    any = true;
    put_row(out, nodes, shape, members, m);
  }
  if (any) out += ']';
  out += '}';
}

// Node `k`'s children among `members` (its row's nodes), each written as in a shape (its id after the
// row's, no value) with its own children nested, their values added to `values` in the same order;
// false, writing nothing, when it has none. Without `out`, the values alone.
bool A11yMirror::put_shape(std::string* out, std::string& values, ui::A11yNodes nodes, const Shape& shape,
                           std::size_t k, std::size_t row_id_size) const {
  bool any = false;
  for (std::size_t m : members_) {
    if (m <= k || shape.parents[m] != k) continue;
    if (out) {
      *out += any ? ',' : '[';
      put_fields(*out, nodes[m], shape.boxes[m], Form::Shape, row_id_size);
    }
    any = true;
    if (!values.empty()) values += ',';
    put_string(values, nodes[m].value);
    if (!out) {
      put_shape(nullptr, values, nodes, shape, m, row_id_size);
      continue;
    }
    const std::size_t mark = out->size();
    *out += ",\"kids\":";
    if (!put_shape(out, values, nodes, shape, m, row_id_size)) out->resize(mark);
    *out += '}';
  }
  if (any && out) *out += ']';
  return any;
}

namespace {
// A node's fields in a row shape but its id's end, its place and its nesting: what put_fields writes
// of it in Form::Shape (keep the two in step), read in place, to be kept or compared with kept ones.
auto fields_of(const ui::A11yNode& n) {
  return std::tuple<const std::string&, const std::string&, const std::string&, const std::string&, const std::string&,
                    int, int, int, int, int, std::int64_t, std::int64_t, int, int, int, bool>(
      n.role, n.name, n.sort, n.current, n.live, n.selected, n.expanded, n.checked, n.disabled, n.modal, n.row_index,
      n.row_count, n.col_index, n.col_count, n.level, n.intent.has_value() || n.clicks);
}
}  // namespace

// The last shape built, kept so that the next row of that shape (most rows of a table, frame after
// frame) is recognised by comparing its nodes with it rather than writing and hashing the text
// again. Each of the row's nodes (the row's own fields are not in a shape) as Form::Shape writes it:
// keep the two in step.
void A11yMirror::LastShape::keep(ui::A11yNodes nodes, const Shape& shape, const std::vector<std::size_t>& members,
                                 std::size_t r, std::uint64_t key) {
  this->key = key;
  valid = true;
  kept.resize(members.size());
  const std::size_t row_id_size = nodes[r].id.size();
  for (std::size_t i = 0; i < members.size(); ++i) {
    const std::size_t m = members[i];
    Member& k = kept[i];
    k.offset = m - r;
    k.parent_offset = shape.parents[m] == kNone ? kNone : shape.parents[m] - r;
    k.box = shape.boxes[m];
    const ui::A11yNode& n = nodes[m];
    k.sfx.assign(n.id, m == r ? n.id.size() : row_id_size, std::string::npos);
    k.fields = fields_of(n);
  }
}

bool A11yMirror::LastShape::matches(ui::A11yNodes nodes, const Shape& shape, const std::vector<std::size_t>& members,
                                    std::size_t r) const {
  if (!valid || kept.size() != members.size()) return false;
  const std::size_t row_id_size = nodes[r].id.size();
  for (std::size_t i = 0; i < members.size(); ++i) {
    const std::size_t m = members[i];
    const Member& k = kept[i];
    if (k.offset != m - r) return false;
    if (m == r) continue;  // the row's own fields are sent with it, not in its shape
    const std::size_t parent = shape.parents[m];
    if (k.parent_offset != (parent == kNone ? kNone : parent - r) || !(k.box == shape.boxes[m])) return false;
    const ui::A11yNode& n = nodes[m];
    if (!(k.fields == fields_of(n)) || n.id.compare(row_id_size, std::string::npos, k.sfx) != 0) return false;
  }
  return true;
}

// Row `r` (its nodes' positions in members_) as its own fields, its shape's key and its nodes' values,
// the shape written into `shapes` when the page does not have it yet; false, writing nothing, for a
// row that has no shape: one without nodes, one holding a rowgroup or a scrolled node (sent whole,
// nested), or one with a node whose id does not begin with the row's. A row of the last shape
// written (last_shape_) takes its key without the text being written again.
bool A11yMirror::put_shaped_row(std::string& out, std::string& shapes, bool& shapes_reset, ui::A11yNodes nodes,
                                const Shape& shape, std::size_t r) {
  const std::string& row_id = nodes[r].id;
  for (std::size_t m : members_) {
    if (m == r) continue;
    const std::string& id = nodes[m].id;
    if (shape.groups[m] || nodes[m].scrolls || id.size() <= row_id.size() || id.compare(0, row_id.size(), row_id) != 0)
      return false;
  }
  values_.clear();
  std::uint64_t hash;
  if (last_shape_.matches(nodes, shape, members_, r) && sent_shapes_.count(last_shape_.key)) {
    if (!put_shape(nullptr, values_, nodes, shape, r, row_id.size())) return false;
    hash = last_shape_.key;
  } else {
    shape_text_.clear();
    if (!put_shape(&shape_text_, values_, nodes, shape, r, row_id.size())) return false;
    hash = hash_of(shape_text_);
    last_shape_.keep(nodes, shape, members_, r, hash);
  }
  char key[17];
  std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(hash));
  if (!sent_shapes_.count(hash)) {
    // The page keeps every shape it is sent; a console resized again and again makes new ones (a
    // column's width is in them), so past a bound both sides start over.
    if (sent_shapes_.size() >= kMaxShapes) {
      sent_shapes_.clear();
      shapes_reset = true;
    }
    sent_shapes_.insert(hash);
    if (!shapes.empty()) shapes += ',';
    put_string(shapes, key);
    shapes += ':';
    shapes += shape_text_;
  }
  put_fields(out, nodes[r], shape.boxes[r], Form::Nested);
  out += ",\"shape\":\"";
  out += key;
  out += "\",\"values\":[";
  out += values_;
  out += "]}";
  return true;
}

std::string A11yMirror::update(ui::A11yTree& now) {
  const ui::A11yNodes before = shown_.nodes();
  const ui::A11yNodes after = now.nodes();
  Shape fresh = std::move(spare_);
  fresh.of(after);

  // The parents whose children changed (one came, went, moved in or out, or changed places) get their
  // children listed in "order", so the page moves elements under those parents only. By the parent's
  // position in `after`; the last entry stands for the nodes without a parent.
  const std::size_t root = after.size();
  auto bucket = [root](std::size_t parent) { return parent == kNone ? root : parent; };
  changed_.assign(after.size() + 1, 0);
  dirty_rows_.assign(after.size(), 0);
  content_moved_.assign(after.size(), 0);
  last_.assign(after.size() + 1, kNone);
  matched_.assign(before.size(), 0);
  moved_.clear();
  std::size_t hint = 0;
  // A node that left its parent in `before` (gone, or now under another one) changes that parent,
  // unless the parent went too (its element goes with everything in it).
  auto left = [&](std::size_t j) {
    const std::size_t old_parent = shape_.parents[j];
    if (old_parent == kNone) {
      changed_[root] = 1;
    } else if (matched_[old_parent]) {
      const std::size_t p = fresh.find(after, before[old_parent].id, shape_.hashes[old_parent], hint);
      if (p != kNone) changed_[p] = 1, hint = p;
    }
  };

  std::string set, removed;
  std::size_t guess = 0;
  for (std::size_t i = 0; i < after.size(); ++i) {
    const auto& n = after[i];
    const std::size_t was = shape_.find(before, n.id, fresh.hashes[i], guess);
    const std::size_t p = bucket(fresh.parents[i]);
    if (was == kNone) {
      changed_[p] = 1;
    } else {
      matched_[was] = 1;
      guess = was + 1;
      if (before[was].parent != n.parent) {
        changed_[p] = 1;
        moved_.push_back(was);
      } else if (last_[p] != kNone && was < last_[p])
        changed_[p] = 1;
      last_[p] = was;
    }
    // A node that was in a row and is not now (or the other way) has no element on the page yet:
    // it is sent as if new.
    const bool crossed = was != kNone && (shape_.rows[was] == kNone) != (fresh.rows[i] == kNone);
    const bool differs = was == kNone || crossed || !(shape_.boxes[was] == fresh.boxes[i]) || !before[was].says_same(n);
    if (fresh.rows[i] != kNone) {
      // In a row: the row is sent whole if anything in it changed; a node that had an element of its
      // own outside any row loses it. A row that was not one (its parent just became a rowgroup) is
      // new to its group's order.
      if (differs) dirty_rows_[fresh.rows[i]] = 1;
      if (crossed) {
        if (!removed.empty()) removed += ',';
        put_string(removed, before[was].id);
      }
      if (fresh.rows[i] == i && was != kNone && shape_.rows[was] != was) changed_[p] = 1;
    } else if (differs && was != kNone && !crossed && fresh.groups[i] && before[was].says_same(n) &&
               fresh.boxes[i].same_place(shape_.boxes[was])) {
      content_moved_[i] = 1;  // a wheel step: only the content top, sent with the group's rows
    } else if (differs) {
      if (!set.empty()) set += ',';
      put_node(set, n, fresh.boxes[i]);
    }
  }
  for (std::size_t j = 0; j < before.size(); ++j) {
    if (!matched_[j]) {
      if (shape_.rows[j] == kNone) {  // nodes in rows have no element of their own on the page
        if (!removed.empty()) removed += ',';
        put_string(removed, before[j].id);
      }
      left(j);
    }
  }
  for (std::size_t j : moved_) left(j);  // a node under another parent now changed the one it left

  // A row whose nodes came, went or moved is sent whole too.
  for (std::size_t i = 0; i < after.size(); ++i)
    if (changed_[i] && fresh.rows[i] != kNone) dirty_rows_[fresh.rows[i]] = 1;

  std::string order;
  for (std::size_t i = 0; i < after.size(); ++i)
    if (fresh.rows[i] == kNone && changed_[bucket(fresh.parents[i])]) {
      if (!order.empty()) order += ',';
      put_string(order, after[i].id);
    }

  // Each rowgroup whose rows changed: their order if rows came, went or moved, and the rows sent whole.
  std::string groups, shapes;
  bool shapes_reset = false;
  for (std::size_t g = 0; g < after.size(); ++g) {
    if (!fresh.groups[g] || fresh.rows[g] != kNone) continue;  // a rowgroup in a row is sent with its row
    bool any = changed_[g] || content_moved_[g];
    for (std::size_t r = g + 1; r < after.size() && !any; ++r) any = fresh.parents[r] == g && dirty_rows_[r];
    if (!any) continue;
    if (!groups.empty()) groups += ',';
    groups += "{\"group\":";
    put_string(groups, after[g].id);
    if (content_moved_[g]) {
      groups += ",\"content\":";
      put_int(groups, fresh.boxes[g].content);
    }
    if (changed_[g]) {
      groups += ",\"order\":[";
      bool first = true;
      for (std::size_t r = g + 1; r < after.size(); ++r)
        if (fresh.parents[r] == g && fresh.rows[r] == r) {
          if (!first) groups += ',';
          first = false;
          put_string(groups, after[r].id);
        }
      groups += ']';
    }
    groups += ",\"fill\":[";
    bool first = true;
    for (std::size_t r = g + 1; r < after.size(); ++r)
      if (fresh.parents[r] == g && fresh.rows[r] == r && dirty_rows_[r]) {
        if (!first) groups += ',';
        first = false;
        members_.clear();
        for (std::size_t m = r; m < after.size(); ++m)
          if (fresh.rows[m] == r) members_.push_back(m);
        if (!put_shaped_row(groups, shapes, shapes_reset, after, fresh, r)) put_row(groups, after, fresh, members_, r);
      }
    groups += "]}";
  }

  std::string out;
  if (!set.empty() || !removed.empty() || !order.empty() || !groups.empty()) {
    out = "{\"set\":[" + set + "],\"remove\":[" + removed + "]";
    if (!order.empty()) out += ",\"order\":[" + order + "]";
    if (shapes_reset) out += ",\"shapesReset\":true";
    if (!shapes.empty()) out += ",\"shapes\":{" + shapes + "}";
    if (!groups.empty()) out += ",\"rows\":[" + groups + "]";
    out += '}';
  }
  // The new tree is shown from now on (its nodes' strings stay where they are: swapping the trees
  // swaps their buffers, so the shape's index still points at them), and the old shape's storage is
  // kept for the next frame.
  std::swap(shown_, now);
  spare_ = std::move(shape_);
  shape_ = std::move(fresh);
  return out;
}

void A11yMirror::forget() {
  shown_.clear();
  shape_ = Shape();
  sent_shapes_.clear();
  last_shape_.valid = false;
}

}  // namespace roster::platform
