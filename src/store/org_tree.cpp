#include "store/org_tree.h"

namespace roster::store {

void OrgTree::load(std::int64_t now) {
  if (requested_ && !error_) return;
  requested_ = true;
  error_.reset();
  ++in_flight_;
  client_.org_profile(
      [this, now](api::Result<OrgNode> root) {
        --in_flight_;
        changed_ = true;
        if (!root.ok()) {
          error_ = root.error;
          return;
        }
        root_ = root.value->org.id;
        Node& node = nodes_[root_];
        node.data = *root.value;
        node.depth = 0;
        toggle(root_, now);
      },
      now);
}

void OrgTree::toggle(int org_id, std::int64_t now) {
  auto it = nodes_.find(org_id);
  if (it == nodes_.end()) return;
  Node& node = it->second;
  node.expanded = !node.expanded;
  changed_ = true;
  if (node.expanded && node.children.empty() && node.data.sub_orgs_count.value_or(1) > 0) fetch_children(org_id, now);
}

void OrgTree::fetch_children(int org_id, std::int64_t now) {
  nodes_[org_id].loading = true;
  ++in_flight_;
  client_.sub_orgs(
      org_id,
      [this, org_id](api::Result<std::vector<OrgNode>> children) {
        --in_flight_;
        changed_ = true;
        Node& parent = nodes_[org_id];
        parent.loading = false;
        if (!children.ok()) {
          error_ = children.error;
          return;
        }
        parent.children.clear();
        for (auto& child : *children.value) {
          int id = child.org.id;
          if (nodes_.count(id)) continue;  // a malformed tree must not loop
          Node& node = nodes_[id];
          node.data = std::move(child);
          node.depth = parent.depth + 1;
          parent.children.push_back(id);
        }
      },
      now);
}

void OrgTree::collect(int id, std::vector<const Node*>& out) const {
  auto it = nodes_.find(id);
  if (it == nodes_.end()) return;
  out.push_back(&it->second);
  if (it->second.expanded)
    for (int child : it->second.children) collect(child, out);
}

const OrgTree::Node* OrgTree::find(int org_id) const {
  auto it = nodes_.find(org_id);
  return it == nodes_.end() ? nullptr : &it->second;
}

std::vector<const OrgTree::Node*> OrgTree::visible() const {
  std::vector<const Node*> out;
  if (root_) collect(root_, out);
  return out;
}

}  // namespace roster::store
