#include "server/db/directory.h"

#include <algorithm>

namespace roster::server {

bool Directory::load(Database& db, std::string& error) {
  auto orgs = db.prepare(
      "SELECT id, name, description, parent_id, tz, unit_system, phone, full_address, city, country, state, zip,"
      " last_modified_ts FROM orgs ORDER BY id");
  if (!orgs.ok()) {
    error = orgs.error();
    return false;
  }
  while (orgs.step()) {
    Organization o;
    o.id = orgs.int32(0);
    o.name = orgs.text(1);
    o.description = orgs.text(2);
    o.parentOrganizationId = orgs.int32(3);
    o.tz = orgs.text(4);
    o.unitSystem = orgs.text(5);
    o.phoneNumber = orgs.text(6);
    o.address = {orgs.text(7), orgs.text(8), orgs.text(9), orgs.text(10), orgs.text(11)};
    o.lastModifiedTs = orgs.int64(12);
    if (o.parentOrganizationId != 0) children_[o.parentOrganizationId].push_back(o.id);
    orgs_.emplace(o.id, std::move(o));
  }
  auto roles = db.prepare("SELECT id, name, permissions FROM roles ORDER BY id");
  while (roles.step()) {
    Role r;
    r.id = roles.int32(0);
    r.name = roles.text(1);
    auto perms = nlohmann::json::parse(roles.text(2), nullptr, false);
    if (perms.is_array())
      for (const auto& p : perms)
        if (p.is_string()) r.permissions.push_back(p.get<std::string>());
    roles_.push_back(std::move(r));
  }
  auto tags = db.prepare("SELECT id, org_id, name, color FROM tags");
  while (tags.step()) {
    tags_[tags.int32(0)] = Tag{tags.int32(0), tags.text(2), tags.text(3)};
    tag_org_[tags.int32(0)] = tags.int32(1);
  }
  auto templates = db.prepare("SELECT id, name, board_type FROM templates");
  while (templates.step()) templates_[templates.int32(0)] = {templates.text(1), templates.text(2)};
  if (orgs_.empty()) {
    error = "the database has no organisations";
    return false;
  }
  return true;
}

const Organization* Directory::org(std::int32_t id) const {
  auto it = orgs_.find(id);
  return it == orgs_.end() ? nullptr : &it->second;
}

std::vector<std::int32_t> Directory::subtree(std::int32_t root) const {
  std::vector<std::int32_t> out;
  if (!org(root)) return out;
  out.push_back(root);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto it = children_.find(out[i]);
    if (it != children_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }
  return out;
}

bool Directory::in_subtree(std::int32_t root, std::int32_t id) const {
  for (const Organization* o = org(id); o; o = org(o->parentOrganizationId))
    if (o->id == root) return true;
  return false;
}

std::vector<const Organization*> Directory::children(std::int32_t id) const {
  std::vector<const Organization*> out;
  auto it = children_.find(id);
  if (it != children_.end())
    for (auto child : it->second) out.push_back(org(child));
  return out;
}

const Role* Directory::role(std::int32_t id) const {
  for (const auto& r : roles_)
    if (r.id == id) return &r;
  return nullptr;
}

const Tag* Directory::tag(std::int32_t id) const {
  std::shared_lock<std::shared_mutex> lock(tags_mutex_);
  auto it = tags_.find(id);
  return it == tags_.end() ? nullptr : &it->second;
}

std::int32_t Directory::tag_org(std::int32_t id) const {
  std::shared_lock<std::shared_mutex> lock(tags_mutex_);
  auto it = tag_org_.find(id);
  return it == tag_org_.end() ? 0 : it->second;
}

void Directory::add_tag(const Tag& tag, std::int32_t org_id) {
  std::unique_lock<std::shared_mutex> lock(tags_mutex_);
  tags_[tag.id] = tag;
  tag_org_[tag.id] = org_id;
}

std::vector<Tag> Directory::tags_of_org(std::int32_t org_id) const {
  std::shared_lock<std::shared_mutex> lock(tags_mutex_);
  std::vector<Tag> out;
  for (const auto& [id, org] : tag_org_)
    if (org == org_id) out.push_back(tags_.at(id));
  std::sort(out.begin(), out.end(), [](const Tag& a, const Tag& b) { return a.id < b.id; });
  return out;
}

std::string Directory::template_name(std::int32_t id) const {
  auto it = templates_.find(id);
  return it == templates_.end() ? std::string() : it->second.first;
}

std::string Directory::board_type(std::int32_t id) const {
  auto it = templates_.find(id);
  return it == templates_.end() ? std::string() : it->second.second;
}

}  // namespace roster::server
