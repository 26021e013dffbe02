// Organisations API: own profile, info, search, sub-organisations, tags; and the roles extension.
#include "model/validation.h"
#include "server/app/app.h"
#include "server/app/scope.h"

namespace roster::server {

namespace {

constexpr const char* kBase = "/api/v1/organization";

// The public organisation shape plus counts (extension fields the console's tree shows).
nlohmann::json org_json(const OrgSummary& summary) {
  auto j = encode(*summary.org);
  j["usersCount"] = summary.users;
  j["devicesCount"] = summary.devices;
  j["subOrganizationsCount"] = summary.sub_organizations;
  return j;
}

// The orgId parameter (the caller's own organisation by default), if the caller may see it; else
// nullptr and `failure`. Never an organisation that does not exist.
const Organization* visible_org_param(App& app, const Principal& who, Params& params, Reply& failure) {
  auto id = params.integer("orgId", who.org_id, 1, 2147483647);
  if (params.failed()) {
    failure = Reply::error(400, params.error());
    return nullptr;
  }
  const Organization* org = app.dir().org(static_cast<std::int32_t>(*id));
  if (!org || !can_see_org(app, who, org->id)) {
    failure = Reply::error(404, kOrgNotFound);
    return nullptr;
  }
  return org;
}

Reply search_orgs(App& app, const httplib::Request& req, const Principal& who) {
  Params params(req);
  auto query = params.text("query");
  if (!query) return Reply::error(400, "Parameter 'query' is required.");
  auto problem = validate_query(*query);
  if (!problem.empty()) return Reply::error(400, problem);
  std::int64_t page = 0, size = 0;
  bool descending = false;
  if (!read_paging(params, page, size) || !read_sort_order(params, descending))
    return Reply::error(400, params.error());
  std::string sort_by = params.text("sortBy").value_or("Organization Id");
  auto sort = org_sort(sort_by);
  if (!sort)
    return Reply::error(400, "Unknown sortBy '" + sort_by +
                                 "'; use one of: Organization Id, Name, Device Count, User Count, Sub Organizations.");
  // The caller's organisation may be missing (a user or client left pointing at a removed row): then
  // there is nothing to search, and saying so beats an empty page that looks like no match.
  if (!app.dir().org(who.org_id)) return Reply::error(404, kOrgNotFound);
  std::vector<std::int32_t> scope =
      who.self_only() ? std::vector<std::int32_t>{who.org_id} : app.dir().subtree(who.org_id);
  std::vector<OrgSummary> hits;
  auto total = app.orgs_repo().search(scope, *query, *sort, descending, page, size, hits);
  nlohmann::json content = nlohmann::json::array();
  for (const auto& hit : hits) content.push_back(org_json(hit));
  return Reply::ok({{"content", content}, {"totalElements", total}});
}

}  // namespace

void register_org_routes(App& app) {
  const std::string base = kBase;
  app.api("GET", base + "/profile", [&app](const httplib::Request&, const Principal& who) {
    const Organization* own = app.dir().org(who.org_id);
    if (!own) return Reply::error(404, kOrgNotFound);
    return Reply::ok(org_json(app.orgs_repo().summary(*own)));
  });
  app.api("GET", base, [&app](const httplib::Request& req, const Principal& who) {
    Params params(req);
    if (!params.has("orgId")) return Reply::error(400, "Parameter 'orgId' is required.");
    Reply failure;
    const Organization* org = visible_org_param(app, who, params, failure);
    return org ? Reply::ok(org_json(app.orgs_repo().summary(*org))) : failure;
  });
  app.api("GET", base + "/search",
          [&app](const httplib::Request& req, const Principal& who) { return search_orgs(app, req, who); });
  app.api("GET", base + "/sub-organizations", [&app](const httplib::Request& req, const Principal& who) {
    Params params(req);
    Reply failure;
    const Organization* org = visible_org_param(app, who, params, failure);
    if (!org) return failure;
    nlohmann::json out = nlohmann::json::array();
    if (!who.self_only())
      for (const auto& child : app.orgs_repo().children(org->id)) out.push_back(org_json(child));
    return Reply::ok(out);
  });
  app.api("GET", base + "/tags", [&app](const httplib::Request& req, const Principal& who) {
    Params params(req);
    Reply failure;
    const Organization* org = visible_org_param(app, who, params, failure);
    if (!org) return failure;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : app.dir().tags_of_org(org->id)) out.push_back(encode(t));
    return Reply::ok(out);
  });
  app.extension_api("GET", base + "/roles", [&app](const httplib::Request&, const Principal&) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : app.dir().roles()) out.push_back(encode(r));
    return Reply::ok(out);
  });
}

}  // namespace roster::server
