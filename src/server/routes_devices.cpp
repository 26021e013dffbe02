// Devices API (list, search, by owner, info, connection status) and the user actions log extension.
#include "model/device.h"
#include "model/page.h"
#include "model/validation.h"
#include "server/app.h"
#include "server/scope.h"
#include "server/sql_text.h"
#include "server/users_repo.h"

#include <algorithm>

namespace roster::server {

namespace {

constexpr const char* kBase = "/api/v1/organization";
constexpr std::int64_t kWeekMs = 7LL * 86'400'000;

const char* const kDeviceColumns =
    "d.id, d.template_id, d.org_id, d.name, d.token, d.activated_at, d.owner_user_id, d.fw_version, d.online,"
    " d.first_connect_time, d.connect_time, d.disconnect_time, d.last_received_event_at, d.lifecycle_event_id,"
    " d.lifecycle_name, d.lifecycle_color";

Device read_device(const Statement& st, const Directory& dir, bool show_token) {
  Device d;
  d.id = st.int32(0);
  d.templateId = st.int32(1);
  d.orgId = st.int32(2);
  d.name = st.text(3);
  // The token is a credential: only an administrator (or an API client) gets it whole.
  d.token = show_token ? st.text(4) : mask_token(st.text(4));
  d.activatedAt = st.int64(5);
  d.ownerUserId = st.int64(6);
  d.hardwareInfo = {{"boardType", dir.board_type(d.templateId)}, {"version", st.text(7)}, {"blynkVersion", "1.3.2"}};
  d.connected = st.int32(8) != 0;
  d.firstConnectTime = st.int64(9);
  d.connectTime = st.int64(10);
  d.disconnectTime = st.int64(11);
  d.lastReceivedEventAt = st.int64(12);
  d.lifecycleStatus = LifecycleStatus{st.int32(13), st.text(14), "", st.text(15)};
  d.model = dir.template_name(d.templateId);
  return d;
}

std::string device_not_found(std::int64_t id) {
  return "Device with identifier " + std::to_string(id) + " is not found or belong to another organization.";
}

// Runs "SELECT <devices> <where> ORDER BY ... LIMIT/OFFSET" plus its count; binds are text (query) or ids.
Reply device_page(App& app, const Principal& who, const std::string& where, const std::vector<std::string>& text_binds,
                  std::int64_t owner_bind, const std::string& order, std::int64_t page, std::int64_t size) {
  auto bind = [&](Statement& st) {
    int i = 1;
    for (const auto& t : text_binds) st.bind(i++, t);
    if (owner_bind) st.bind(i++, owner_bind);
    return i;
  };
  // Totals are cached like the users list's (dropped on any change): counting a million devices for
  // every page would cost more than the page itself.
  std::string key = "devices|" + where + "|" + std::to_string(owner_bind);
  for (const auto& t : text_binds) key += "|" + std::to_string(t.size()) + ":" + t;
  Page<Device> result;
  if (!app.cached_count(key, result.totalElements)) {
    const auto counted_at = app.data_version();
    auto count = app.db().prepare("SELECT count(*) FROM devices d" + where);
    bind(count);
    if (!count.step()) return Reply::failure("The device query failed.", count.error());
    result.totalElements = count.int64(0);
    app.store_count(key, result.totalElements, counted_at);
  }
  auto st = app.db().prepare(std::string("SELECT ") + kDeviceColumns + " FROM devices d" + where + order +
                             " LIMIT ? OFFSET ?");
  int next = bind(st);
  st.bind(next, size).bind(next + 1, page * size);
  bool show_token = who.can("users.edit");
  while (st.step()) result.content.push_back(read_device(st, app.dir(), show_token));
  return Reply::ok(encode_page(result, [](const Device& d) { return encode(d); }));
}

std::optional<std::string> device_sort(Params& params) {
  static const std::pair<const char*, const char*> kColumns[] = {{"Device Id", "d.id"},
                                                                 {"Name", "d.name"},
                                                                 {"Template", "d.template_id"},
                                                                 {"Owner", "d.owner_user_id"},
                                                                 {"Activated At", "d.activated_at"},
                                                                 {"Last Reported At", "d.last_received_event_at"},
                                                                 {"Status", "d.online"}};
  bool descending = false;
  if (!read_sort_order(params, descending)) return std::nullopt;
  std::string column = "d.id";
  if (auto label = params.text("sortBy")) {
    auto it = std::find_if(std::begin(kColumns), std::end(kColumns), [&](const auto& c) { return *label == c.first; });
    if (it == std::end(kColumns)) {
      params.fail("Unknown sortBy '" + *label +
                  "'; use one of: Device Id, Name, Template, Owner, Activated At, "
                  "Last Reported At, Status.");
      return std::nullopt;
    }
    column = it->second;
  }
  const char* dir = descending ? " DESC" : " ASC";
  return " ORDER BY " + column + dir + (column == "d.id" ? "" : std::string(", d.id") + dir);
}

std::string scope_condition(const Principal& who, const std::vector<std::int32_t>& org_ids) {
  std::string where;
  if (!org_ids.empty()) where += " WHERE d.org_id IN (" + id_list(org_ids) + ")";
  if (who.self_only())
    where += std::string(where.empty() ? " WHERE" : " AND") + " d.owner_user_id = " + std::to_string(who.user_id);
  return where;
}

Reply list_devices(App& app, const httplib::Request& req, const Principal& who, bool search) {
  if (!who.can("devices.view") && !who.self_only()) return Reply::error(403, "Your role does not allow this action.");
  Params params(req);
  std::vector<std::string> text_binds;
  std::string query_condition;
  if (search) {
    auto query = params.text("query");
    if (!query) return Reply::error(400, "Parameter 'query' is required.");
    auto problem = validate_query(*query);
    if (!problem.empty()) return Reply::error(400, problem);
    query_condition = "instr(roster_fold(d.name), roster_fold(?)) > 0";
    text_binds.push_back(*query);
  }
  std::vector<std::int32_t> org_ids;
  Reply failure;
  if (!resolve_org_scope(app, who, params, "includeSubOrgDevices", search, org_ids, failure)) return failure;
  std::int64_t page = 0, size = 0;
  if (!read_paging(params, page, size)) return Reply::error(400, params.error());
  auto order = device_sort(params);
  if (!order) return Reply::error(400, params.error());
  std::string where = scope_condition(who, org_ids);
  if (!query_condition.empty()) where += (where.empty() ? " WHERE " : " AND ") + query_condition;
  return device_page(app, who, where, text_binds, 0, *order, page, size);
}

Reply devices_by_owner(App& app, const httplib::Request& req, const Principal& who) {
  Params params(req);
  auto email = params.text("ownerEmail");
  if (!email || email->empty()) return Reply::error(400, "Parameter 'ownerEmail' is required.");
  std::int64_t page = 0, size = 0;
  if (!read_paging(params, page, size)) return Reply::error(400, params.error());
  auto owner = load_user_by_email(app, *email);
  if (!owner || !app.dir().in_subtree(who.org_id, owner->orgId) || (who.self_only() && owner->id != who.user_id))
    return Reply::error(404, "User with email " + *email + " is not found or belong to another organization.");
  if (params.has("orgId")) {
    std::vector<std::int32_t> org_ids;
    Reply failure;
    if (!resolve_org_scope(app, who, params, "includeSubOrgDevices", true, org_ids, failure)) return failure;
  }
  return device_page(app, who, " WHERE d.owner_user_id = ?", {}, owner->id, " ORDER BY d.id ASC", page, size);
}

std::optional<Device> visible_device(App& app, const Principal& who, Params& params, Reply& failure) {
  auto id = params.integer("deviceId", std::nullopt, 1, 2147483647);
  if (params.failed()) {
    failure = Reply::error(400, params.error());
    return std::nullopt;
  }
  auto st = app.db().prepare(std::string("SELECT ") + kDeviceColumns + " FROM devices d WHERE d.id = ?");
  st.bind(1, *id);
  if (st.step()) {
    Device d = read_device(st, app.dir(), who.can("users.edit"));
    if (app.dir().in_subtree(who.org_id, d.orgId) && (!who.self_only() || d.ownerUserId == who.user_id)) return d;
  }
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
  auto user = load_user(app, *user_id);
  if (!user || !app.dir().in_subtree(who.org_id, user->orgId) || (who.self_only() && user->id != who.user_id))
    return Reply::error(404, user_not_found(*user_id));

  std::string where = " WHERE a.user_id = ? AND a.ts >= ? AND a.ts <= ?";
  std::vector<std::string> texts;
  auto clients = params.list("client");
  if (!clients.empty()) {
    where += " AND a.client IN (";
    for (std::size_t i = 0; i < clients.size(); ++i) {
      if (!is_action_client(clients[i]))
        return Reply::error(400, "Unknown client '" + clients[i] +
                                     "'; use Android, iOS, Web, HTTPS API, Automation, Alexa, Google Home or Other.");
      where += i ? ",?" : "?";
      texts.push_back(clients[i]);
    }
    where += ")";
  }
  if (auto q = params.text("query")) {
    auto problem = validate_query(*q);
    if (!problem.empty()) return Reply::error(400, problem);
    where +=
        " AND (instr(roster_fold(a.action_name), roster_fold(?)) > 0 OR instr(roster_fold(a.action_code), "
        "roster_fold(?)) > 0)";
    texts.push_back(*q);
    texts.push_back(*q);
  }
  std::string order = " ORDER BY a.ts DESC, a.id DESC";  // newest first unless asked otherwise
  if (auto label = params.text("sortBy")) {
    static const std::pair<const char*, const char*> kColumns[] = {{"Time", "a.ts"},
                                                                   {"Organization Name", "o.name"},
                                                                   {"Client", "a.client"},
                                                                   {"Action Name", "a.action_name"},
                                                                   {"Action Code", "a.action_code"}};
    auto it = std::find_if(std::begin(kColumns), std::end(kColumns), [&](const auto& c) { return *label == c.first; });
    if (it == std::end(kColumns))
      return Reply::error(400, "Unknown sortBy '" + *label +
                                   "'; use one of: Time, Organization Name, Client, Action Name, Action Code.");
    const char* dir = descending ? " DESC" : " ASC";
    order = std::string(" ORDER BY ") + it->second + dir + ", a.ts" + dir + ", a.id" + dir;
  }
  auto bind = [&](Statement& st) {
    st.bind(1, *user_id).bind(2, *from).bind(3, *to);
    int i = 4;
    for (const auto& t : texts) st.bind(i++, t);
    return i;
  };
  const std::string from_clause = " FROM actions_log a LEFT JOIN orgs o ON o.id = a.org_id";
  auto count = app.db().prepare("SELECT count(*)" + from_clause + where);
  bind(count);
  if (!count.step()) return Reply::failure("The actions log query failed.", count.error());
  Page<ActionLogEntry> result;
  result.totalElements = count.int64(0);
  auto st = app.db().prepare("SELECT a.ts, a.org_id, coalesce(o.name, ''), a.client, a.action_name, a.action_code" +
                             from_clause + where + order + " LIMIT ? OFFSET ?");
  int next = bind(st);
  st.bind(next, size).bind(next + 1, page * size);
  while (st.step())
    result.content.push_back({st.int64(0), st.int32(1), st.text(2), st.text(3), st.text(4), st.text(5)});
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
