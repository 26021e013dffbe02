// Devices API (list, search, by owner, info, connection status) and the user actions log extension.
#include "model/device.h"
#include "model/page.h"
#include "model/validation.h"
#include "server/app.h"
#include "server/scope.h"

#include <algorithm>

namespace roster::server {

namespace {

constexpr const char* kBase = "/api/v1/organization";
constexpr std::int64_t kWeekMs = 7LL * 86'400'000;

std::string device_not_found(std::int64_t id) {
  return "Device with identifier " + std::to_string(id) + " is not found or belong to another organization.";
}

Reply device_page(App& app, const Principal& who, const DeviceFilter& filter, const DeviceSort& sort, std::int64_t page,
                  std::int64_t size) {
  Page<Device> result;
  std::string error;
  // The token is a credential: only an administrator (or an API client) gets it whole.
  if (!app.devices_repo().page(filter, sort, page, size, who.can("users.edit"), result, error))
    return Reply::failure("The device query failed.", error);
  return Reply::ok(encode_page(result, [](const Device& d) { return encode(d); }));
}

std::optional<DeviceSort> device_sort(Params& params) {
  DeviceSort sort;
  if (!read_sort_order(params, sort.descending)) return std::nullopt;
  if (auto label = params.text("sortBy")) {
    auto column = device_sort_column(*label);
    if (!column) {
      params.fail("Unknown sortBy '" + *label +
                  "'; use one of: Device Id, Name, Template, Owner, Activated At, "
                  "Last Reported At, Status.");
      return std::nullopt;
    }
    sort.column = *column;
  }
  return sort;
}

Reply list_devices(App& app, const httplib::Request& req, const Principal& who, bool search) {
  if (!who.can("devices.view") && !who.self_only()) return Reply::error(403, "Your role does not allow this action.");
  Params params(req);
  DeviceFilter filter;
  if (search) {
    auto query = params.text("query");
    if (!query) return Reply::error(400, "Parameter 'query' is required.");
    auto problem = validate_query(*query);
    if (!problem.empty()) return Reply::error(400, problem);
    filter.query = *query;
  }
  Reply failure;
  if (!resolve_org_scope(app, who, params, "includeSubOrgDevices", search, filter.org_ids, failure)) return failure;
  std::int64_t page = 0, size = 0;
  if (!read_paging(params, page, size)) return Reply::error(400, params.error());
  auto sort = device_sort(params);
  if (!sort) return Reply::error(400, params.error());
  if (who.self_only()) filter.owner_user_id = who.user_id;
  return device_page(app, who, filter, *sort, page, size);
}

Reply devices_by_owner(App& app, const httplib::Request& req, const Principal& who) {
  Params params(req);
  auto email = params.text("ownerEmail");
  if (!email || email->empty()) return Reply::error(400, "Parameter 'ownerEmail' is required.");
  std::int64_t page = 0, size = 0;
  if (!read_paging(params, page, size)) return Reply::error(400, params.error());
  auto owner = app.users_repo().load_by_email(*email);
  if (!owner || !app.dir().in_subtree(who.org_id, owner->orgId) || (who.self_only() && owner->id != who.user_id))
    return Reply::error(404, "User with email " + *email + " is not found or belong to another organization.");
  if (params.has("orgId")) {
    std::vector<std::int32_t> org_ids;
    Reply failure;
    if (!resolve_org_scope(app, who, params, "includeSubOrgDevices", true, org_ids, failure)) return failure;
  }
  DeviceFilter filter;
  filter.owner_user_id = owner->id;
  return device_page(app, who, filter, DeviceSort{}, page, size);
}

std::optional<Device> visible_device(App& app, const Principal& who, Params& params, Reply& failure) {
  auto id = params.integer("deviceId", std::nullopt, 1, 2147483647);
  if (params.failed()) {
    failure = Reply::error(400, params.error());
    return std::nullopt;
  }
  auto d = app.devices_repo().find(*id, who.can("users.edit"));
  if (d && app.dir().in_subtree(who.org_id, d->orgId) && (!who.self_only() || d->ownerUserId == who.user_id)) return d;
  failure = Reply::error(404, device_not_found(*id));
  return std::nullopt;
}

Reply actions_log(App& app, const httplib::Request& req, const Principal& who) {
  Params params(req);
  auto user_id = params.integer("userId", std::nullopt, 1, INT64_MAX);
  auto to = params.integer("to", now_ms(), 0, INT64_MAX);
  std::int64_t default_from = to ? std::max<std::int64_t>(0, *to - kWeekMs) : 0;
  auto from = params.integer("from", default_from, 0, INT64_MAX);
  std::int64_t page = 0, size = 0;
  bool descending = false;
  if (!read_paging(params, page, size) || !read_sort_order(params, descending))
    return Reply::error(400, params.error());
  if (*from > *to) return Reply::error(400, "'from' must not be later than 'to'.");
  auto user = app.users_repo().load(*user_id);
  if (!user || !app.dir().in_subtree(who.org_id, user->orgId) || (who.self_only() && user->id != who.user_id))
    return Reply::error(404, user_not_found(*user_id));

  ActionsLogQuery q;
  q.user_id = *user_id;
  q.from = *from;
  q.to = *to;
  q.descending = descending;
  for (const auto& client : params.list("client")) {
    if (!is_action_client(client))
      return Reply::error(400, "Unknown client '" + client +
                                   "'; use Android, iOS, Web, HTTPS API, Automation, Alexa, Google Home or Other.");
    q.clients.push_back(client);
  }
  if (auto text = params.text("query")) {
    auto problem = validate_query(*text);
    if (!problem.empty()) return Reply::error(400, problem);
    q.query = *text;
  }
  if (auto label = params.text("sortBy")) {  // newest first unless asked otherwise
    auto column = actions_log_sort_column(*label);
    if (!column)
      return Reply::error(400, "Unknown sortBy '" + *label +
                                   "'; use one of: Time, Organization Name, Client, Action Name, Action Code.");
    q.sort_column = *column;
  }
  Page<ActionLogEntry> result;
  std::string error;
  if (!app.devices_repo().actions_log(q, page, size, result, error))
    return Reply::failure("The actions log query failed.", error);
  return Reply::ok(encode_page(result, [](const ActionLogEntry& e) { return encode(e); }));
}

}  // namespace

void register_device_routes(App& app) {
  const std::string base = kBase;
  app.api("GET", base + "/devices",
          [&app](const httplib::Request& req, const Principal& who) { return list_devices(app, req, who, false); });
  app.api("GET", base + "/search/devices",
          [&app](const httplib::Request& req, const Principal& who) { return list_devices(app, req, who, true); });
  app.api("GET", base + "/device/by-owner",
          [&app](const httplib::Request& req, const Principal& who) { return devices_by_owner(app, req, who); });
  app.api("GET", base + "/device", [&app](const httplib::Request& req, const Principal& who) {
    Params params(req);
    Reply failure;
    auto d = visible_device(app, who, params, failure);
    return d ? Reply::ok(encode(*d)) : failure;
  });
  app.api("GET", base + "/device/online", [&app](const httplib::Request& req, const Principal& who) {
    Params params(req);
    Reply failure;
    auto d = visible_device(app, who, params, failure);
    return d ? Reply::ok({{"connected", d->connected.value_or(false)}}, false) : failure;
  });
  app.extension_api("GET", base + "/user/actions-log",
                    [&app](const httplib::Request& req, const Principal& who) { return actions_log(app, req, who); });
}

}  // namespace roster::server
