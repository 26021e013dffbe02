#include "ui/a11y_tree.h"

#include "imgui.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>

namespace roster::ui {

bool A11yNode::says_same(const A11yNode& o) const {
  return id == o.id && parent == o.parent && role == o.role && name == o.name && value == o.value &&
         selected == o.selected && expanded == o.expanded && checked == o.checked && disabled == o.disabled &&
         modal == o.modal && sort == o.sort && current == o.current && row_index == o.row_index &&
         row_count == o.row_count && col_index == o.col_index && col_count == o.col_count && level == o.level &&
         live == o.live && (intent.has_value() || clicks) == (o.intent.has_value() || o.clicks);
}

void A11yNode::reset() {
  // Every field as a new node has it (a field added later is reset too), then the strings' storage
  // put back, emptied.
  std::string kept[] = {std::move(id),    std::move(parent), std::move(role),    std::move(name),
                        std::move(value), std::move(sort),   std::move(current), std::move(live)};
  *this = A11yNode{};
  std::string* fields[] = {&id, &parent, &role, &name, &value, &sort, &current, &live};
  for (std::size_t i = 0; i < std::size(fields); ++i) {
    kept[i].clear();
    *fields[i] = std::move(kept[i]);
  }
}

A11yNode& A11yTree::add(std::string_view id, std::string_view parent, std::string_view role, std::string_view name) {
  auto said = [&](A11yNode& n) -> A11yNode& {
    n.id.assign(id.data(), id.size());
    n.parent.assign(parent.data(), parent.size());
    n.role.assign(role.data(), role.size());
    n.name.assign(name.data(), name.size());
    return n;
  };
  if (count_ < nodes_.size()) {
    A11yNode& n = nodes_[count_++];
    n.reset();
    return said(n);
  }
  // A node more than any frame had: its texts are copied before the storage grows, which moves every
  // node (a short string's characters with it), so a text read from another node here stays good.
  A11yNode fresh;
  said(fresh);
  nodes_.push_back(std::move(fresh));
  return nodes_[count_++];
}

A11yNode& A11yTree::add_last_item(std::string_view id, std::string_view parent, std::string_view role,
                                  std::string_view name) {
  A11yNode& n = add(id, parent, role, name);
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  n.x0 = a.x;
  n.y0 = a.y;
  n.x1 = b.x;
  n.y1 = b.y;
  return n;
}

const A11yNode* A11yTree::find(const std::string& id) const {
  for (const auto& n : nodes())
    if (n.id == id) return &n;
  return nullptr;
}

void A11yTree::span_later_nodes(std::size_t index) {
  if (index >= count_) return;
  A11yNode& g = nodes_[index];
  bool first = true;
  for (std::size_t i = index + 1; i < count_; ++i) {
    const A11yNode& n = nodes_[i];
    if (n.x1 <= n.x0 && n.y1 <= n.y0) continue;  // a node with no rectangle
    if (first) g.x0 = n.x0, g.y0 = n.y0, g.x1 = n.x1, g.y1 = n.y1;
    g.x0 = std::min(g.x0, n.x0), g.y0 = std::min(g.y0, n.y0);
    g.x1 = std::max(g.x1, n.x1), g.y1 = std::max(g.y1, n.y1);
    first = false;
  }
}

}  // namespace roster::ui
