// Devices API: list, search, by owner (with the sort extension), info and connection status. List
// items carry the owner and organisation extension fields unless the server plays the public API.
#include "model/device.h"
#include "model/page.h"
#include "model/validation.h"
#include "server/app/app.h"
#include "server/app/scope.h"

namespace roster::server {

namespace {

constexpr const char* kBase = "/api/v1/organization";

std::string device_not_found(std::int64_t id) {
  return "Device with identifier " + std::to_string(id) + " is not found or belong to another organization.";
}

Reply device_page(App& app, const Principal& who, const DeviceFilter& filter, const DeviceSort& sort, std::int64_t page,
                  std::int64_t size) {
  Page<Device> result;
  std::string error;
  DeviceView view;
  // The token is a credential: only an administrator (or an API client) gets it whole.
  view.show_tokens = who.can("users.edit");
  view.owner_fields = !app.options().public_api_only;
  if (!app.devices_repo().page(filter, sort, page, size, view, result, error))
    return Reply::failure("The device query failed.", error);
  return Reply::ok(encode_page(result, [](const Device& d) { return encode(d); }));
}

std::optional<DeviceSort> device_sort(Params& params) {
  DeviceSort sort;
  if (!read_sort_order(params, sort.descending)) return std::nullopt;
  if (auto label = params.text("sortBy")) {
    auto key = device_sort_key(*label);
    if (!key) {
      params.fail("Unknown sortBy '" + *label + "'; use one of: " + device_sort_labels_text() + ".");
      return std::nullopt;
    }
    sort.key = *key;
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
  // Sorting the owner's devices is an extension: the public API takes neither parameter.
  DeviceSort sort;
  if (!app.options().public_api_only) {
    auto asked = device_sort(params);
    if (!asked) return Reply::error(400, params.error());
    sort = *asked;
  }
  DeviceFilter filter;
  filter.owner_user_id = owner->id;
  return device_page(app, who, filter, sort, page, size);
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
}

}  // namespace roster::server
