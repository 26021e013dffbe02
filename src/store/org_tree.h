// The Organizations screen's state: the caller's organization and the sub-organizations under it,
// fetched a level at a time as nodes are expanded ("Organizations → Select Organization → Users").
// The organization picker's search (org_search.h) holds a tree of its own, expanded apart.
#pragma once

#include "api/platform_client.h"
#include "model/organization.h"

#include <map>
#include <optional>
#include <vector>

namespace roster::store {

class OrgTree {
 public:
  struct Node {
    OrgNode data;
    int depth = 0;
    bool expanded = false;
    bool loading = false;
    std::vector<int> children;
  };

  explicit OrgTree(api::PlatformClient& client) : client_(client) {}

  void load(std::int64_t now);  // the root, once; then its first level
  void toggle(int org_id, std::int64_t now);
  // Depth-first order of the nodes on screen (expanded branches only).
  std::vector<const Node*> visible() const;
  const Node* find(int org_id) const;    // a node fetched so far, expanded or not
  int root_id() const { return root_; }  // the caller's organization once known; else 0
  const std::optional<ApiError>& error() const { return error_; }
  bool loaded() const { return root_ != 0; }
  bool loading() const { return in_flight_ > 0; }
  bool take_changed() {
    bool c = changed_;
    changed_ = false;
    return c;
  }

 private:
  void fetch_children(int org_id, std::int64_t now);
  void collect(int id, std::vector<const Node*>& out) const;

  api::PlatformClient& client_;
  std::map<int, Node> nodes_;
  int root_ = 0;
  bool requested_ = false;
  int in_flight_ = 0;
  std::optional<ApiError> error_;
  bool changed_ = false;
};

}  // namespace roster::store
