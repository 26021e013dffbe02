#include "server/app/user_query.h"

#include "model/validation.h"
#include "server/app/scope.h"
#include "server/base/clock.h"

namespace roster::server {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

}  // namespace

bool read_user_query(App& app, const Principal& who, const httplib::Request& req, bool search, UserFilter& filter,
                     UserSort& sort, Reply& failure) {
  Params params(req);
  if (search) {
    if (!params.has("query")) return failure = Reply::error(400, "Parameter 'query' is required."), false;
    auto query = params.text("query");
    auto problem = validate_query(*query);
    if (!problem.empty()) return failure = Reply::error(400, problem), false;
    filter.query = *query;
  }
  // "Get all users" covers the caller's own organisation unless asked for more; search covers the tree.
  if (!resolve_org_scope(app, who, params, "includeSubOrgUsers", search, filter.org_ids, failure)) return false;
  bool descending = false;
  if (!read_sort_order(params, descending)) return failure = Reply::error(400, params.error()), false;
  sort.descending = descending;
  if (auto label = params.text("sortBy")) {
    auto key = user_sort_key(*label);
    if (!key)
      return failure =
                 Reply::error(400, "Unknown sortBy '" + *label + "'; use one of: " + user_sort_labels_text() + "."),
             false;
    sort.key = *key;
  }
  const bool extensions = !app.options().public_api_only;  // the public API knows none of these filters
  for (const auto& r : extensions ? params.list("roleId") : std::vector<std::string>{}) {
    std::int64_t id = 0;
    // Range first: 4294967297 is not role 1.
    if (!parse_int64(r, id) || id < 1 || id > 2147483647)
      return failure = Reply::error(400, "Parameter 'roleId' must be a whole number between 1 and 2147483647."), false;
    if (!app.dir().role(static_cast<std::int32_t>(id)))
      return failure = Reply::error(400, "Unknown roleId '" + r + "'."), false;
    filter.role_ids.push_back(static_cast<std::int32_t>(id));
  }
  for (const auto& s : extensions ? params.list("status") : std::vector<std::string>{}) {
    if (!parse_user_status(s))
      return failure = Reply::error(400, "Unknown status '" + s + "'; use Pending, Active, Inactive or Suspended."),
             false;
    filter.statuses.push_back(s);
  }
  auto no_devices = params.boolean("withNoDevices", false);
  // Section 7: last login older than N days, or never. The cut is taken to the minute, so that paging
  // through one answer asks the index the same question.
  std::optional<std::int64_t> days = std::int64_t{0};
  if (extensions && params.has("notSignedInForDays")) days = params.integer("notSignedInForDays", 0, 1, 36500);
  if (params.failed()) return failure = Reply::error(400, params.error()), false;
  filter.no_devices = extensions && *no_devices;
  if (*days > 0) filter.login_before = now_ms() / 60000 * 60000 - *days * kDayMs;
  if (who.self_only()) filter.only_user_id = who.user_id;
  return true;
}

bool request_from_json_params(const nlohmann::json& params, httplib::Request& out, std::string& error) {
  if (!params.is_object()) return error = "'selection.query' must be an object of the list's parameters.", false;
  auto text = [](const nlohmann::json& v, std::string& t) {
    if (v.is_string())
      t = v.get<std::string>();
    else if (v.is_boolean())
      t = v.get<bool>() ? "true" : "false";
    else if (v.is_number_integer())
      t = std::to_string(v.get<std::int64_t>());
    else
      return false;
    return true;
  };
  for (auto it = params.begin(); it != params.end(); ++it) {
    if (it.key() == "page" || it.key() == "size") continue;  // a selection is every matching user
    const auto values = it->is_array() ? *it : nlohmann::json::array({*it});
    for (const auto& v : values) {
      std::string t;
      if (!text(v, t))
        return error = "'selection.query." + it.key() + "' must be a string, a whole number, true or false.", false;
      out.params.emplace(it.key(), t);
    }
  }
  return true;
}

nlohmann::json user_detail_json(const App& app, User user) {
  if (app.options().public_api_only) {  // the public detail has no extension fields
    user.orgName.reset();
    user.country.reset();
    user.city.reset();
    user.tags.reset();
    user.devicesCount.reset();
  }
  return encode_detail(user);
}

std::string user_detail_etag(const App& app, const User& user) {
  return etag_for(safe_dump(user_detail_json(app, user)));
}

}  // namespace roster::server
