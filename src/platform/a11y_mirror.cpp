#include "platform/a11y_mirror.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <unordered_map>
#include <utility>

namespace roster::platform {

namespace {

// Only what is said goes on the wire: most nodes carry a role, a name and a rectangle.
nlohmann::json node_json(const ui::A11yNode& n) {
  nlohmann::json j{{"id", n.id}, {"role", n.role}};
  if (!n.parent.empty()) j["parent"] = n.parent;
  if (!n.name.empty()) j["name"] = n.name;
  if (!n.value.empty()) j["value"] = n.value;
  // Whole device pixels: sub-pixel jitter would be a change nobody can see.
  j["rect"] = {std::lround(n.x0), std::lround(n.y0), std::lround(n.x1 - n.x0), std::lround(n.y1 - n.y0)};
  auto state = [&](const char* key, int v) {
    if (v >= 0) j[key] = v != 0;
  };
  state("selected", n.selected);
  state("expanded", n.expanded);
  state("checked", n.checked);
  state("disabled", n.disabled);
  state("modal", n.modal);
  if (!n.sort.empty()) j["sort"] = n.sort;
  if (!n.current.empty()) j["current"] = n.current;
  if (n.row_index) j["rowindex"] = n.row_index;
  if (n.row_count) j["rowcount"] = n.row_count;
  if (n.col_index) j["colindex"] = n.col_index;
  if (n.col_count) j["colcount"] = n.col_count;
  if (n.level) j["level"] = n.level;
  if (!n.live.empty()) j["live"] = n.live;
  if (n.intent || n.clicks) j["action"] = true;
  return j;
}

}  // namespace

std::string A11yMirror::update(ui::A11yTree& now) {
  const auto& before = shown_.nodes();
  const auto& after = now.nodes();
  std::unordered_map<std::string_view, const ui::A11yNode*> old;
  old.reserve(before.size());
  for (const auto& n : before) old.emplace(n.id, &n);

  nlohmann::json set = nlohmann::json::array(), removed = nlohmann::json::array();
  bool same_order = before.size() == after.size();
  for (std::size_t i = 0; i < after.size(); ++i) {
    const auto& n = after[i];
    auto it = old.find(n.id);
    if (it == old.end() || !it->second->same_as(n)) set.push_back(node_json(n));
    if (it != old.end()) old.erase(it);
    if (same_order && before[i].id != n.id) same_order = false;
  }
  for (const auto& n : before)
    if (old.count(n.id)) removed.push_back(n.id);

  std::string out;
  if (!set.empty() || !removed.empty() || !same_order) {
    nlohmann::json j{{"set", std::move(set)}, {"remove", std::move(removed)}};
    if (!same_order) {
      nlohmann::json order = nlohmann::json::array();
      for (const auto& n : after) order.push_back(n.id);
      j["order"] = std::move(order);
    }
    out = j.dump();
  }
  std::swap(shown_, now);
  return out;
}

}  // namespace roster::platform
