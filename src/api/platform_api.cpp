#include "api/platform_api.h"

#include "api/decode_json.h"
#include "api/url.h"
#include "model/json_read.h"
#include "model/locale/messages.h"

namespace roster::api {

namespace {

constexpr const char* kApi = "/api/v1/organization";

}  // namespace

ErrorKind error_kind_of_status(int status) {
  if (status >= 200 && status < 300) return ErrorKind::None;
  switch (status) {
    case 0: return ErrorKind::Network;
    case 401: return ErrorKind::Unauthorized;
    case 403: return ErrorKind::Forbidden;
    case 404: return ErrorKind::NotFound;
    case 409: return ErrorKind::Conflict;
    case 412: return ErrorKind::PreconditionFailed;
    case 429: return ErrorKind::RateLimited;
    default: return status >= 500 ? ErrorKind::Server : ErrorKind::Invalid;
  }
}

void add_users_params(Query& query, const UsersQuery& q, const UsersPage* page) {
  if (!q.text.empty()) query.add("query", q.text);
  if (page) query.add("page", page->page).add("size", page->size);
  if (!q.sort_label.empty()) {
    query.add("sortBy", q.sort_label);
    query.add("sortOrder", q.descending ? "DESC" : "ASC");
  }
  query.add("includeSubOrgUsers", q.preset == UserPreset::OrgMembers ? "false" : "true");
  if (q.preset == UserPreset::NoDevices) query.add("withNoDevices", "true");
  if (q.org_id) query.add("orgId", q.org_id);
  for (int r : q.role_ids) query.add("roleId", r);
  for (const auto& s : q.statuses) query.add("status", s);
  if (q.not_signed_in_days > 0) query.add("notSignedInForDays", q.not_signed_in_days);
}

HttpRequest users_page_request(const UsersQuery& q, long long page, int size) {
  Query query;
  const UsersPage where{page, size};
  add_users_params(query, q, &where);
  HttpRequest req;
  req.url = query.build(std::string(kApi) + (q.text.empty() ? "/users" : "/search/users"));
  return req;
}

Result<Page<User>> decode_users_page(const HttpResponse& r) {
  return decode_json<Page<User>>(
      r, [](const nlohmann::json& j, Page<User>& out, std::string& e) { return decode_page(j, out, e); });
}

HttpRequest user_request(long long user_id) {
  HttpRequest req;
  req.url = Query().add("userId", user_id).build(std::string(kApi) + "/user");
  return req;
}

Result<User> decode_user(const HttpResponse& r) {
  return decode_json<User>(r, [](const nlohmann::json& j, User& out, std::string& e) { return decode(j, out, e); });
}

HttpRequest session_request() {
  HttpRequest req;
  req.url = "/api/session";
  return req;
}

HttpRequest sign_out_request() {
  HttpRequest req;
  req.method = "DELETE";
  req.url = "/api/session";
  req.headers.push_back({"X-Requested-With", "roster"});
  return req;
}

Result<SessionInfo> decode_session(const HttpResponse& r) {
  return decode_json<SessionInfo>(r, [](const nlohmann::json& j, SessionInfo& out, std::string& e) {
    if (!j.is_object() || !j.contains("user") || !decode(j["user"], out.user, e)) {
      if (e.empty()) e = "missing 'user'";
      return false;
    }
    auto role = j.find("role");
    if (role != j.end()) {
      json_read::FieldReader r(*role, e, "role");
      r.optional("id", out.role_id).optional("name", out.role_name);
      if (!r.ok()) return false;
    }
    auto org = j.find("organization");
    if (org != j.end()) {
      json_read::FieldReader r(*org, e, "organization");
      r.optional("id", out.org_id).optional("name", out.org_name);
      if (!r.ok()) return false;
    }
    return true;
  });
}

namespace {

bool decode_org_node(const nlohmann::json& j, OrgNode& out, std::string& e) {
  if (!decode(j, out.org, e)) return false;
  json_read::FieldReader r(j, e, "organization");
  r.optional("usersCount", out.users_count)
      .optional("devicesCount", out.devices_count)
      .optional("subOrganizationsCount", out.sub_orgs_count);
  return r.ok();
}

}  // namespace

HttpRequest org_profile_request() {
  HttpRequest req;
  req.url = std::string(kApi) + "/profile";
  return req;
}

HttpRequest sub_orgs_request(int org_id) {
  HttpRequest req;
  req.url = Query().add("orgId", org_id).build(std::string(kApi) + "/sub-organizations");
  return req;
}

HttpRequest org_info_request(int org_id) {
  HttpRequest req;
  req.url = Query().add("orgId", org_id).build(kApi);
  return req;
}

Result<OrgNode> decode_org(const HttpResponse& r) { return decode_json<OrgNode>(r, decode_org_node); }

Result<std::vector<OrgNode>> decode_orgs(const HttpResponse& r) {
  return decode_json_array<OrgNode>(r, "sub-organizations", decode_org_node);
}

HttpRequest search_orgs_request(const std::string& query, long long page, int size) {
  HttpRequest req;
  req.url = Query()
                .add("query", query)
                .add("page", page)
                .add("size", size)
                .add("sortBy", "Name")
                .add("sortOrder", "ASC")
                .build(std::string(kApi) + "/search");
  return req;
}

Result<Page<OrgNode>> decode_orgs_page(const HttpResponse& r) {
  return decode_json<Page<OrgNode>>(r, [](const nlohmann::json& j, Page<OrgNode>& out, std::string& e) {
    json_read::FieldReader fields(j, e, "page");
    fields.required("totalElements", out.totalElements);
    if (!fields.ok()) return false;
    if (out.totalElements < 0) {
      e = "field 'totalElements' is negative";
      return false;
    }
    auto content = j.find("content");
    if (content == j.end() || !content->is_array()) {
      e = "field 'content' must be an array";
      return false;
    }
    for (std::size_t i = 0; i < content->size(); ++i) {
      OrgNode node;
      std::string item_error;
      if (!decode_org_node((*content)[i], node, item_error)) {
        e = "content[" + std::to_string(i) + "]: " + item_error;
        return false;
      }
      out.content.push_back(std::move(node));
    }
    return true;
  });
}

namespace {

void add_actions_filters(Query& query, long long user_id, const Interval& interval, const ActionsQuery& q) {
  query.add("userId", user_id).add("from", interval.from_ms).add("to", interval.to_ms);
  for (const auto& c : q.clients) query.add("client", c);
  if (!q.text.empty()) query.add("query", q.text);
}

}  // namespace

HttpRequest actions_log_request(long long user_id, const Interval& interval, const ActionsQuery& q, long long page,
                                int size) {
  Query query;
  add_actions_filters(query, user_id, interval, q);
  query.add("page", page).add("size", size);
  if (!q.sort_label.empty()) {
    query.add("sortBy", q.sort_label);
    query.add("sortOrder", q.descending ? "DESC" : "ASC");
  }
  HttpRequest req;
  req.url = query.build(std::string(kApi) + "/user/actions-log");
  return req;
}

std::string actions_export_url(long long user_id, const Interval& interval, const ActionsQuery& q) {
  Query query;
  add_actions_filters(query, user_id, interval, q);
  if (!q.sort_label.empty()) {
    query.add("sortBy", q.sort_label);
    query.add("sortOrder", q.descending ? "DESC" : "ASC");
  }
  return query.build(std::string(kApi) + "/user/actions-log/export.csv");
}

Result<Page<ActionLogEntry>> decode_actions_page(const HttpResponse& r) {
  return decode_json<Page<ActionLogEntry>>(
      r, [](const nlohmann::json& j, Page<ActionLogEntry>& out, std::string& e) { return decode_page(j, out, e); });
}

HttpRequest actions_histogram_request(long long user_id, const Interval& interval, const ActionsQuery& q, int buckets) {
  Query query;
  add_actions_filters(query, user_id, interval, q);
  query.add("buckets", buckets);
  HttpRequest req;
  req.url = query.build(std::string(kApi) + "/user/actions-log/histogram");
  return req;
}

Result<ActionsHistogram> decode_actions_histogram(const HttpResponse& r) {
  return decode_json<ActionsHistogram>(
      r, [](const nlohmann::json& j, ActionsHistogram& out, std::string& e) { return decode(j, out, e); });
}

HttpRequest devices_page_request(const DevicesQuery& q, long long page, int size) {
  Query query;
  std::string path = std::string(kApi) + "/devices";
  if (!q.owner_email.empty()) {
    query.add("ownerEmail", q.owner_email);
    path = std::string(kApi) + "/device/by-owner";
  } else if (!q.text.empty()) {
    query.add("query", q.text);
    path = std::string(kApi) + "/search/devices";
  }
  query.add("page", page).add("size", size);
  if (!q.sort_label.empty()) {
    query.add("sortBy", q.sort_label);
    query.add("sortOrder", q.descending ? "DESC" : "ASC");
  }
  if (q.owner_email.empty() && q.text.empty()) query.add("includeSubOrgDevices", "true");
  HttpRequest req;
  req.url = query.build(path);
  return req;
}

Result<Page<Device>> decode_devices_page(const HttpResponse& r) {
  return decode_json<Page<Device>>(
      r, [](const nlohmann::json& j, Page<Device>& out, std::string& e) { return decode_page(j, out, e); });
}

HttpRequest roles_request() {
  HttpRequest req;
  req.url = std::string(kApi) + "/roles";
  return req;
}

Result<std::vector<Role>> decode_roles(const HttpResponse& r) {
  return decode_json_array<Role>(r, "roles",
                                 [](const nlohmann::json& j, Role& out, std::string& e) { return decode(j, out, e); });
}

ErrorKind error_kind_of(const HttpResponse& r) {
  return r.timed_out ? ErrorKind::Timeout : error_kind_of_status(r.status);
}

ApiError error_of(const HttpResponse& r) {
  if (r.timed_out) return ApiError{tr(Msg::http_timed_out), ""};
  return decode_error(r.body, r.status);
}

}  // namespace roster::api
