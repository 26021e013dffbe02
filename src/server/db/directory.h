// The slowly-changing reference data of a database, held in memory: the organisation tree, roles,
// tags and device templates. Loaded once at start; only tags change afterwards (Create a tag), so
// they alone are read under a lock.
#pragma once

#include "model/organization.h"
#include "model/tag.h"
#include "server/sqlite/sqlite_db.h"

#include <cstdint>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace roster::server {

class Directory {
 public:
  bool load(Database& db, std::string& error);

  const Organization* org(std::int32_t id) const;
  // The organisation and everything below it, the organisation first.
  std::vector<std::int32_t> subtree(std::int32_t root) const;
  bool in_subtree(std::int32_t root, std::int32_t id) const;
  std::vector<const Organization*> children(std::int32_t id) const;
  std::size_t org_count() const { return orgs_.size(); }

  const Role* role(std::int32_t id) const;
  const std::vector<Role>& roles() const { return roles_; }

  // Tags are never removed nor changed, so a pointer stays valid (a node of an unordered_map).
  const Tag* tag(std::int32_t id) const;
  std::vector<Tag> tags_of_org(std::int32_t org_id) const;
  // The organisation of a tag, 0 for none.
  std::int32_t tag_org(std::int32_t id) const;
  // A tag just committed to the database (tags_repository).
  void add_tag(const Tag& tag, std::int32_t org_id);

  std::string template_name(std::int32_t id) const;
  std::string board_type(std::int32_t id) const;

 private:
  std::unordered_map<std::int32_t, Organization> orgs_;
  std::unordered_map<std::int32_t, std::vector<std::int32_t>> children_;
  std::vector<Role> roles_;
  mutable std::shared_mutex tags_mutex_;
  std::unordered_map<std::int32_t, Tag> tags_;
  std::unordered_map<std::int32_t, std::int32_t> tag_org_;
  std::unordered_map<std::int32_t, std::pair<std::string, std::string>> templates_;
};

}  // namespace roster::server
