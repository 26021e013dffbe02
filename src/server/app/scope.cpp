#include "server/app/scope.h"

#include "model/validation.h"

namespace roster::server {

const char* const kOrgNotFound = "Organization is not found or you don't have access to it.";

std::string user_not_found(std::int64_t id) {
  return "User with identifier " + std::to_string(id) + " is not found or belong to another organization.";
}

bool can_see_org(const App& app, const Principal& who, std::int32_t org_id) {
  // An organisation that does not exist is seen by nobody, not even a caller whose own organisation it
  // names (a user or client left pointing at a removed row): every lookup after this one may rely on it.
  if (!app.dir().org(org_id)) return false;
  if (who.self_only()) return org_id == who.org_id;
  return app.dir().in_subtree(who.org_id, org_id);
}

bool resolve_org_scope(const App& app, const Principal& who, Params& params, const char* include_sub_param,
                       bool include_sub_default, std::vector<std::int32_t>& org_ids, Reply& failure) {
  auto include_sub = params.boolean(include_sub_param, include_sub_default);
  auto org = params.integer("orgId", who.org_id, 1, 2147483647);
  if (params.failed()) {
    failure = Reply::error(400, params.error());
    return false;
  }
  auto org_id = static_cast<std::int32_t>(*org);
  if (!can_see_org(app, who, org_id)) {
    failure = Reply::error(404, kOrgNotFound);
    return false;
  }
  if (!*include_sub || who.self_only()) {
    org_ids = {org_id};
    return true;
  }
  org_ids = app.dir().subtree(org_id);
  if (org_ids.empty()) {  // cannot happen for a visible organisation; an empty list would mean "all"
    failure = Reply::error(404, kOrgNotFound);
    return false;
  }
  if (org_ids.size() == app.dir().org_count()) org_ids.clear();  // the whole tree: no filter needed
  return true;
}

bool read_paging(Params& params, std::int64_t& page, std::int64_t& size) {
  auto p = params.integer("page", 0, 0, 100000000);
  auto s = params.integer("size", kDefaultPageSize, 1, kMaxPageSize);
  if (params.failed()) return false;
  page = *p;
  size = *s;
  return true;
}

bool read_sort_order(Params& params, bool& descending) {
  auto order = params.text("sortOrder").value_or("ASC");
  if (order == "ASC" || order == "asc")
    descending = false;
  else if (order == "DESC" || order == "desc")
    descending = true;
  else {
    params.fail("Parameter 'sortOrder' must be ASC or DESC.");
    return false;
  }
  return true;
}

}  // namespace roster::server
