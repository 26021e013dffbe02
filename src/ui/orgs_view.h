// The Organizations screen: the organization tree (expand a branch to fetch its sub-organizations),
// with users and devices counts; choosing an organization shows only its users. For the keyboard and
// assistive technology it is a tree grid (WAI-ARIA treegrid): one Tab stop whose rows the arrows
// walk, Right and Left open and close a branch (or go to its first child and its parent), Home and
// End go to either end, Enter shows the organization's users.
#pragma once

#include "store/org_tree.h"
#include "ui/ui_context.h"

#include <vector>

namespace roster::ui {

class OrgsView {
 public:
  void draw(UiContext& ctx);

 private:
  // The keys of a focused tree: move the cursor, open, close, choose.
  void keys(UiContext& ctx, const std::vector<const store::OrgTree::Node*>& nodes);
  int cursor_org_ = 0;             // the organization the keyboard is on (0: the first row)
  bool keyboard_ = false;          // the tree has the keyboard (its Tab stop is focused)
  bool scroll_to_cursor_ = false;  // the cursor moved: bring its row into view
};

}  // namespace roster::ui
