// Organisations with users and devices counted per organisation, and the search over their names.
#include "server/db/orgs_repository.h"

#include "model/utf8.h"

#include <algorithm>
#include <utility>

namespace roster::server {

namespace {

std::int64_t total_of(const std::unordered_map<std::int32_t, std::int64_t>& totals, std::int32_t org_id) {
  auto it = totals.find(org_id);
  return it == totals.end() ? 0 : it->second;
}

}  // namespace

std::optional<OrgSort> org_sort(const std::string& label) {
  static const std::pair<const char*, OrgSort> kLabels[] = {{"Organization Id", OrgSort::kId},
                                                            {"Name", OrgSort::kName},
                                                            {"Device Count", OrgSort::kDevices},
                                                            {"User Count", OrgSort::kUsers},
                                                            {"Sub Organizations", OrgSort::kSubOrganizations}};
  for (const auto& [name, sort] : kLabels)
    if (label == name) return sort;
  return std::nullopt;
}

OrgsRepository::Counts OrgsRepository::counts() const { return {users_.per_org(), devices_.per_org()}; }

OrgSummary OrgsRepository::summary(const Organization& org, const Counts& counts) const {
  return {&org, total_of(counts.users, org.id), total_of(counts.devices, org.id), dir_.children(org.id).size()};
}

OrgSummary OrgsRepository::summary(const Organization& org) { return summary(org, counts()); }

std::vector<OrgSummary> OrgsRepository::children(std::int32_t org_id) {
  auto all = counts();
  std::vector<OrgSummary> out;
  for (const Organization* child : dir_.children(org_id)) out.push_back(summary(*child, all));
  return out;
}

std::size_t OrgsRepository::search(const std::vector<std::int32_t>& scope, const std::string& query, OrgSort sort,
                                   bool descending, std::int64_t page, std::int64_t size,
                                   std::vector<OrgSummary>& out) {
  auto all = counts();
  const std::string needle = utf8::to_lower(query);
  // Each match with its sort key, worked out once rather than at every comparison.
  using Key = std::pair<std::string, std::int64_t>;
  std::vector<std::pair<Key, const Organization*>> hits;
  for (auto id : scope) {
    const Organization* o = dir_.org(id);
    if (!o) continue;  // a scope names only organisations that exist; this keeps it so if one does not
    std::string name = utf8::to_lower(o->name);
    if (name.find(needle) == std::string::npos) continue;
    Key key;
    switch (sort) {
      case OrgSort::kName: key = {std::move(name), 0}; break;
      case OrgSort::kDevices: key = {"", total_of(all.devices, o->id)}; break;
      case OrgSort::kUsers: key = {"", total_of(all.users, o->id)}; break;
      case OrgSort::kSubOrganizations: key = {"", static_cast<std::int64_t>(dir_.children(o->id).size())}; break;
      case OrgSort::kId: key = {"", o->id}; break;
    }
    hits.push_back({std::move(key), o});
  }
  std::stable_sort(hits.begin(), hits.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return descending ? b.first < a.first : a.first < b.first;
    return a.second->id < b.second->id;
  });
  for (std::size_t i = static_cast<std::size_t>(page * size);
       i < hits.size() && i < static_cast<std::size_t>((page + 1) * size); ++i)
    out.push_back(summary(*hits[i].second, all));
  return hits.size();
}

}  // namespace roster::server
