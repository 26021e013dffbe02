// Organisations API: own profile, info, search, sub-organisations, tags; and the roles extension.
#include "model/utf8.h"
#include "model/validation.h"
#include "server/app.h"
#include "server/scope.h"

#include <algorithm>
#include <unordered_map>

namespace roster::server {

namespace {

constexpr const char* kBase = "/api/v1/organization";

struct OrgCounts {
  std::unordered_map<std::int32_t, std::int64_t> users, devices;
};

// Users and devices per organisation: one GROUP BY each, cached until data changes.
OrgCounts org_counts(App& app) {
  static std::mutex mutex;
  static std::int64_t version = -1;
  static OrgCounts cached;
  std::lock_guard<std::mutex> lock(mutex);
  if (version == app.data_version()) return cached;
  OrgCounts c;
  auto users = app.db().prepare("SELECT org_id, count(*) FROM users GROUP BY org_id");
  while (users.step()) c.users[users.int32(0)] = users.int64(1);
  auto devices = app.db().prepare("SELECT org_id, count(*) FROM devices GROUP BY org_id");
  while (devices.step()) c.devices[devices.int32(0)] = devices.int64(1);
  cached = std::move(c);
  version = app.data_version();
  return cached;
}

// The public organisation shape plus counts (extension fields the console's tree shows).
nlohmann::json org_json(App& app, const Organization& org, const OrgCounts& counts) {
  auto j = encode(org);
  auto u = counts.users.find(org.id);
  auto d = counts.devices.find(org.id);
  j["usersCount"] = u == counts.users.end() ? 0 : u->second;
  j["devicesCount"] = d == counts.devices.end() ? 0 : d->second;
  j["subOrganizationsCount"] = app.dir().children(org.id).size();
  return j;
}

std::optional<std::int32_t> visible_org_param(App& app, const Principal& who, Params& params, Reply& failure) {
  auto id = params.integer("orgId", who.org_id, 1, 2147483647);
  if (params.failed()) {
    failure = Reply::error(400, params.error());
    return std::nullopt;
  }
  if (!can_see_org(app, who, static_cast<std::int32_t>(*id))) {
    failure = Reply::error(404, kOrgNotFound);
    return std::nullopt;
  }
  return static_cast<std::int32_t>(*id);
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
  static const char* kLabels[] = {"Organization Id", "Name", "Device Count", "User Count", "Sub Organizations"};
  if (std::find_if(std::begin(kLabels), std::end(kLabels), [&](const char* l) { return sort_by == l; }) ==
      std::end(kLabels))
    return Reply::error(400, "Unknown sortBy '" + sort_by +
                                 "'; use one of: Organization Id, Name, Device Count, User Count, Sub Organizations.");

  auto counts = org_counts(app);
  std::string needle = utf8::to_lower(*query);
  std::vector<const Organization*> hits;
  std::vector<std::int32_t> scope =
      who.self_only() ? std::vector<std::int32_t>{who.org_id} : app.dir().subtree(who.org_id);
  for (auto id : scope) {
    const Organization* o = app.dir().org(id);
    if (utf8::to_lower(o->name).find(needle) != std::string::npos) hits.push_back(o);
  }
  auto key = [&](const Organization* o) -> std::pair<std::string, std::int64_t> {
    if (sort_by == "Name") return {utf8::to_lower(o->name), 0};
    if (sort_by == "Device Count") return {"", counts.devices[o->id]};
    if (sort_by == "User Count") return {"", counts.users[o->id]};
    if (sort_by == "Sub Organizations") return {"", static_cast<std::int64_t>(app.dir().children(o->id).size())};
    return {"", o->id};
  };
  std::stable_sort(hits.begin(), hits.end(), [&](const Organization* a, const Organization* b) {
    auto ka = key(a), kb = key(b);
    if (ka != kb) return descending ? kb < ka : ka < kb;
    return a->id < b->id;
  });
  nlohmann::json content = nlohmann::json::array();
  for (std::size_t i = static_cast<std::size_t>(page * size);
       i < hits.size() && i < static_cast<std::size_t>((page + 1) * size); ++i)
    content.push_back(org_json(app, *hits[i], counts));
  return Reply::ok({{"content", content}, {"totalElements", hits.size()}});
}

}  // namespace

void register_org_routes(App& app) {
  const std::string base = kBase;
  app.api("GET", base + "/profile", [&app](const httplib::Request&, const Principal& who) {
    return Reply::ok(org_json(app, *app.dir().org(who.org_id), org_counts(app)));
  });
  app.api("GET", base, [&app](const httplib::Request& req, const Principal& who) {
    Params params(req);
    if (!params.has("orgId")) return Reply::error(400, "Parameter 'orgId' is required.");
    Reply failure;
    auto id = visible_org_param(app, who, params, failure);
    return id ? Reply::ok(org_json(app, *app.dir().org(*id), org_counts(app))) : failure;
  });
  app.api("GET", base + "/search",
          [&app](const httplib::Request& req, const Principal& who) { return search_orgs(app, req, who); });
  app.api("GET", base + "/sub-organizations", [&app](const httplib::Request& req, const Principal& who) {
    Params params(req);
    Reply failure;
    auto id = visible_org_param(app, who, params, failure);
    if (!id) return failure;
    auto counts = org_counts(app);
    nlohmann::json out = nlohmann::json::array();
    if (!who.self_only())
      for (const Organization* child : app.dir().children(*id)) out.push_back(org_json(app, *child, counts));
    return Reply::ok(out);
  });
  app.api("GET", base + "/tags", [&app](const httplib::Request& req, const Principal& who) {
    Params params(req);
    Reply failure;
    auto id = visible_org_param(app, who, params, failure);
    if (!id) return failure;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : app.dir().tags_of_org(*id)) out.push_back(encode(t));
    return Reply::ok(out);
  });
  app.extension_api("GET", base + "/roles", [&app](const httplib::Request&, const Principal&) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : app.dir().roles()) out.push_back(encode(r));
    return Reply::ok(out);
  });
}

}  // namespace roster::server
