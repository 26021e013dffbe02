// The accessibility mirror's bookkeeping: this frame's nodes (ui/a11y_tree.h) against the last
// frame's, as one compact update for the page, empty when nothing changed, so the DOM beside the
// canvas is touched only when what is drawn changed (an idle console makes no mutation at all).
//
// The update is JSON: {"set":[node, ...], "remove":[id, ...], "order":[id, ...]}. "set" holds the
// nodes added or changed, whole (the page replaces its element's attributes); "remove" the ids gone;
// "order" lists, for each parent whose children changed (a row scrolled in), all its children in
// order, present only then, so the page moves elements only there. A node's rectangle is in device
// pixels.
#pragma once

#include "ui/a11y_tree.h"

#include <string>

namespace roster::platform {

class A11yMirror {
 public:
  // The update taking the page from the last frame's tree to `now`'s; "" when they are the same.
  // `now` becomes the last frame's tree (swapped in: the caller gets the old one back to refill).
  std::string update(ui::A11yTree& now);
  // The tree the page shows: what an action on a mirror element refers to.
  const ui::A11yTree& shown() const { return shown_; }
  // The page was rebuilt (a new mount): the next update carries every node.
  void forget() { shown_.clear(); }

 private:
  ui::A11yTree shown_;
};

}  // namespace roster::platform
