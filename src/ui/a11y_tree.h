// What a frame drew, said in words for assistive technology: the views add a node next to each
// control or text they draw (role, name, value, states, rectangle, grid position) and, for what can
// be operated, the intent it answers. The platform diffs one frame's list against the last
// (platform/a11y_mirror.h) and keeps a DOM tree beside the canvas in step with it. Nothing is built
// when UiContext::a11y is null, so a console that nobody reads pays nothing.
#pragma once

#include "store/intent.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace roster::ui {

struct A11yNode {
  std::string id;                        // stable across frames: "users.row.42" is the 43rd result wherever it is drawn
  std::string parent;                    // the id of the node it sits in; empty for the console's root
  std::string role;                      // nav, main, banner, h1, link, button, searchbox, grid, row, columnheader, ...
  std::string name;                      // the accessible name
  std::string value;                     // a cell's or a field's text, a description
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // where it is drawn, device pixels
  // A scrolled group (a grid's rows): its children's rectangles count from `content_y0`, the top of
  // its content, rather than from y0, so a wheel step changes this one number and the rows that came
  // and went, not every row's place.
  bool scrolls = false;
  float content_y0 = 0;
  // ARIA states; -1 is "not said".
  int selected = -1, expanded = -1, checked = -1, disabled = -1, modal = -1;
  std::string sort;                           // aria-sort: ascending, descending, none
  std::string current;                        // aria-current: page
  std::int64_t row_index = 0, row_count = 0;  // aria-rowindex (1-based), aria-rowcount; 0: not said
  int col_index = 0, col_count = 0, level = 0;
  std::string live;  // aria-live: polite (the live region)
  // What activating it (a screen reader's click, Enter or Space on it) does: the intent a mouse
  // click would emit, or, for controls whose click is the view's own business (a popup, a field),
  // a click at the middle of the rectangle.
  std::optional<store::Intent> intent;
  bool clicks = false;
  // A text field other than the search (a dialog's): what the mirror's own field typed goes here. The
  // view that drew the field owns its text, so the view takes it (for its next frame).
  std::function<void(const std::string&)> set_text;

  // Everything the DOM shows but the rectangle (which the mirror compares relative to the parent's);
  // of the intent, only whether there is one.
  bool says_same(const A11yNode& o) const;
  // Back to a new node's fields, its strings' storage kept for the next frame's node in its place.
  void reset();
};

// A frame's nodes in the order the views added them: a view of the tree's storage.
class A11yNodes {
 public:
  A11yNodes(const A11yNode* data, std::size_t size) : data_(data), size_(size) {}
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const A11yNode& operator[](std::size_t i) const { return data_[i]; }
  const A11yNode* begin() const { return data_; }
  const A11yNode* end() const { return data_ + size_; }

 private:
  const A11yNode* data_;
  std::size_t size_;
};

// The nodes are kept from frame to frame and refilled: a frame adds much the same nodes as the last,
// and strings longer than a few characters (most ids and words here) would otherwise each cost an
// allocation to add and a free to clear, in every frame.
class A11yTree {
 public:
  void clear() { count_ = 0; }
  // Adds a node under `parent` with the rectangle of ImGui's last item (or none, for containers).
  A11yNode& add(std::string_view id, std::string_view parent, std::string_view role, std::string_view name);
  A11yNode& add_last_item(std::string_view id, std::string_view parent, std::string_view role, std::string_view name);
  A11yNodes nodes() const { return {nodes_.data(), count_}; }
  A11yNode& node(std::size_t i) { return nodes_[i]; }
  A11yNode& nodes_back() { return nodes_[count_ - 1]; }
  const A11yNode* find(const std::string& id) const;
  A11yNode* find(const std::string& id) { return const_cast<A11yNode*>(std::as_const(*this).find(id)); }
  // Grows node `index`'s rectangle over the nodes added after it (a group drawn before its items).
  void span_later_nodes(std::size_t index);

 private:
  std::vector<A11yNode> nodes_;  // the first count_ are this frame's
  std::size_t count_ = 0;
};

}  // namespace roster::ui
