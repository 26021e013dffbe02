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
// "fill": [row, ...]}, each row added or changed whole, its nodes nested ("kids"). Nodes in rows are
// never in "set" or "order", and in "remove" only when they had an element of their own before (just
// moved into a row): the page keeps no model of them, only the rows it shows.
#pragma once

#include "ui/a11y_tree.h"

#include <string>
#include <cstdint>
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
    bool operator==(const Box& o) const { return x == o.x && y == o.y && w == o.w && h == o.h && content == o.content; }
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
    void of(const std::vector<ui::A11yNode>& nodes);
    // The position of `id` (whose hash is `hash`) in `nodes`, the tree this shape is of, trying
    // `guess` first; kNone if absent.
    std::size_t find(const std::vector<ui::A11yNode>& nodes, const std::string& id, std::uint64_t hash,
                     std::size_t guess) const;
  };
  static void put_row(std::string& out, const std::vector<ui::A11yNode>& nodes, const Shape& shape,
                      const std::vector<std::size_t>& members, std::size_t k);

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
  std::vector<std::size_t> members_;  // the positions of a row's nodes, while it is written
};

}  // namespace roster::platform
