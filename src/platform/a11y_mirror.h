// The accessibility mirror's bookkeeping: this frame's nodes (ui/a11y_tree.h) against the last
// frame's, as one compact update for the page, empty when nothing changed, so the DOM beside the
// canvas is touched only when what is drawn changed (an idle console makes no mutation at all).
//
// The update is JSON: {"set":[node, ...], "remove":[id, ...], "order":[id, ...], "rows":[group, ...]}.
// "set" holds the nodes added or changed, whole (the page replaces its element's attributes);
// "remove" the ids gone; "order" lists, for each parent whose children changed, all its children in
// order, present only then, so the page moves elements only there. A node's rectangle is in device
// pixels, relative to its parent's (a scrolled group's children: to its "content" top).
// A rowgroup's rows, what a wheel step changes, are sent apart, a row at a time: "rows" holds, for
// each rowgroup whose rows changed, {"group": id, "order": [row ids] (when rows came, went or moved),
// "fill": [row, ...], "content": top}, each row added or changed whole, its nodes nested ("kids");
// "content" is the group's content top when that alone of the group's node changed (a wheel step),
// the node then not in "set". Nodes in rows are never in "set" or "order", and in "remove" only when
// they had an element of their own before (just moved into a row): the page keeps no model of them,
// only the rows it shows.
// A row whose nodes' ids all begin with the row's (a data table's: "users.row.42.3") is sent flat:
// its own fields, "shape" (a key) and "values" (its nodes' values in nesting order). The shape is the
// rest of its nodes, nested as "kids" would be, each id after the row's as "sfx" and without a value;
// the rows of a table share one until a column's width or a state changes. "shapes" holds, by key,
// the shapes the page has not been sent since it was built (or since "shapesReset", which tells it to
// drop those it keeps). A wheel step's rows are then their ids, places and words, which the page
// writes into an element of that shape value by value, building and comparing no nodes.
#pragma once

#include "ui/a11y_tree.h"

#include <cstdint>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

namespace roster::platform {

class A11yMirror {
 public:
  // The update taking the page from the last frame's tree to `now`'s; "" when they are the same.
  // `now` becomes the last frame's tree (swapped in: the caller gets the old one back to refill).
  std::string update(ui::A11yTree& now);
  // The tree the page shows: what an action on a mirror element refers to.
  const ui::A11yTree& shown() const { return shown_; }
  // The page was rebuilt (a new mount): the next update carries every node.
  void forget();

  // A node's rectangle relative to its parent's (or to its parent's content top, when the parent
  // scrolls), in whole device pixels; for a scrolled group, its content top relative to its own.
  struct Box {
    long x, y, w, h, content;
    bool operator==(const Box& o) const { return same_place(o) && content == o.content; }
    bool same_place(const Box& o) const { return x == o.x && y == o.y && w == o.w && h == o.h; }
  };

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  // A tree's nodes' id hashes with a table to find them by, their rectangles relative to their
  // parents' and their parents' positions.
  struct Shape {
    std::vector<std::uint64_t> hashes;  // by position
    std::vector<std::size_t> table;     // open addressing: positions, kNone where empty
    std::vector<Box> boxes;             // by position
    std::vector<std::size_t> parents;   // by position; kNone for a root
    std::vector<char> groups;           // by position: whether it is a rowgroup
    std::vector<std::size_t> rows;      // by position: the row it is or is in (a rowgroup's child); kNone
    void of(ui::A11yNodes nodes);
    // The position of `id` (whose hash is `hash`) in `nodes`, the tree this shape is of, trying
    // `guess` first; kNone if absent.
    std::size_t find(ui::A11yNodes nodes, const std::string& id, std::uint64_t hash, std::size_t guess) const;
  };
  static void put_row(std::string& out, ui::A11yNodes nodes, const Shape& shape,
                      const std::vector<std::size_t>& members, std::size_t k);
  bool put_shape(std::string* out, std::string& values, ui::A11yNodes nodes, const Shape& shape, std::size_t k,
                 std::size_t row_id_size) const;
  bool put_shaped_row(std::string& out, std::string& shapes, bool& shapes_reset, ui::A11yNodes nodes,
                      const Shape& shape, std::size_t r);

  ui::A11yTree shown_;
  Shape shape_;  // shown_'s
  Shape spare_;  // storage for the next frame's
  // Scratch for update(), kept so a frame allocates nothing for them: by position in the last tree,
  // whether a node is still there; by parent position in the new one, whether its children changed
  // and where its last child found sat before; the nodes now under another parent.
  std::vector<char> matched_;
  std::vector<char> changed_;
  std::vector<std::size_t> last_;
  std::vector<std::size_t> moved_;
  std::vector<char> dirty_rows_;      // by position in the new tree: a row sent whole
  std::vector<char> content_moved_;   // by position in the new tree: a rowgroup whose content top alone moved
  std::vector<std::size_t> members_;  // the positions of a row's nodes, while it is written
  std::string shape_text_, values_;   // a row's shape and values, while it is written
  // The keys (hashes) of the row shapes the page has been sent and keeps, at most kMaxShapes.
  static constexpr std::size_t kMaxShapes = 256;
  std::unordered_set<std::uint64_t> sent_shapes_;
  // The row shape last written out and its key (a copy of its nodes' shape fields, by position in the
  // row), which the next row's nodes are compared with before a shape text is written.
  struct LastShape {
    // A node's fields in a shape but its id's end, its place and its nesting, as fields_of reads them.
    using Fields = std::tuple<std::string, std::string, std::string, std::string, std::string, int, int, int, int, int,
                              std::int64_t, std::int64_t, int, int, int, bool>;
    struct Member {
      std::size_t offset = 0, parent_offset = 0;  // positions after the row's (kNone: no parent)
      Box box{};
      std::string sfx;
      Fields fields;
    };
    std::vector<Member> kept;
    std::uint64_t key = 0;
    bool valid = false;
    void keep(ui::A11yNodes nodes, const Shape& shape, const std::vector<std::size_t>& members, std::size_t r,
              std::uint64_t key);
    bool matches(ui::A11yNodes nodes, const Shape& shape, const std::vector<std::size_t>& members, std::size_t r) const;
  };
  LastShape last_shape_;
};

}  // namespace roster::platform
