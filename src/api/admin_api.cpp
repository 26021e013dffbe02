#include "api/admin_api.h"

#include "api/decode_json.h"
#include "api/platform_api.h"
#include "api/url.h"
#include "model/json_read.h"

namespace roster::api {

namespace {

constexpr const char* kApi = "/api/v1/organization";

HttpRequest write(const char* method, const std::string& url, const std::string& if_match = "") {
  HttpRequest req;
  req.method = method;
  req.url = url;
  req.headers.push_back({"X-Requested-With", "roster"});
  if (!if_match.empty()) req.headers.push_back({"If-Match", if_match});
  return req;
}

HttpRequest with_json(HttpRequest req, const nlohmann::json& body) {
  req.headers.push_back({"Content-Type", "application/json"});
  req.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return req;
}

}  // namespace

HttpRequest user_action_request(UserAction action, long long user_id, const std::string& if_match) {
  const char* method = "POST";
  std::string path;
  switch (action) {
    case UserAction::Suspend: path = "/user/suspend"; break;
    case UserAction::Reactivate: path = "/user/reactivate"; break;
    case UserAction::EndSessions: path = "/user/logout"; break;
    case UserAction::ResendInvitation: path = "/users/invite/resend"; break;
    case UserAction::Delete:
      method = "DELETE";
      path = "/user";
      break;
  }
  // End sessions and resend take no If-Match (the contract's list): they change no field of the user.
  const bool guarded = action != UserAction::EndSessions && action != UserAction::ResendInvitation;
  return write(method, Query().add("userId", user_id).build(std::string(kApi) + path), guarded ? if_match : "");
}

HttpRequest set_role_request(long long user_id, int role_id, const std::string& if_match) {
  return write("PUT", Query().add("userId", user_id).add("roleId", role_id).build(std::string(kApi) + "/users/role"),
               if_match);
}

HttpRequest edit_user_request(long long user_id, const UserEdit& edit, const std::string& if_match) {
  nlohmann::json body = {{"name", edit.name},
                         {"nickName", edit.nick_name},
                         {"phoneNumber", edit.phone},
                         {"tz", edit.tz},
                         {"tags", edit.tag_ids}};
  return with_json(write("PUT", Query().add("userId", user_id).build(std::string(kApi) + "/user"), if_match), body);
}

HttpRequest invite_request(const Invitation& invitation) {
  nlohmann::json body = {{"email", invitation.email}, {"name", invitation.name}, {"roleId", invitation.role_id}};
  if (invitation.org_id) body["orgId"] = invitation.org_id;
  return with_json(write("POST", std::string(kApi) + "/users/invite"), body);
}

HttpRequest transfer_request(long long user_id, int target_org_id, int role_id) {
  nlohmann::json body = {{"userId", user_id}, {"targetOrgId", target_org_id}, {"roleId", role_id}};
  return with_json(write("POST", std::string(kApi) + "/users/transfer"), body);
}

HttpRequest invite_quota_request(int org_id) {
  HttpRequest req;
  Query query;
  if (org_id) query.add("orgId", org_id);
  req.url = query.build(std::string(kApi) + "/users/invite/quota");
  return req;
}

Result<InviteQuota> decode_invite_quota(const HttpResponse& response) {
  return decode_json<InviteQuota>(response, [](const nlohmann::json& j, InviteQuota& out, std::string& e) {
    json_read::FieldReader r(j, e, "invitation quota");
    r.required("orgId", out.org_id)
        .required("limit", out.limit)
        .required("usedToday", out.used_today)
        .required("left", out.left)
        .optional("resetsAt", out.resets_at);
    return r.ok();
  });
}

HttpRequest org_tags_request(int org_id) {
  HttpRequest req;
  req.url = Query().add("orgId", org_id).build(std::string(kApi) + "/tags");
  return req;
}

Result<std::vector<Tag>> decode_tags(const HttpResponse& response) {
  return decode_json_array<Tag>(response, "tags",
                                [](const nlohmann::json& j, Tag& t, std::string& e) { return decode(j, t, e); });
}

const char* bulk_action_key(BulkAction action) {
  switch (action) {
    case BulkAction::AddTags: return "addTags";
    case BulkAction::RemoveTags: return "removeTags";
    case BulkAction::SetRole: return "setRole";
    case BulkAction::Suspend: return "suspend";
    case BulkAction::Reactivate: return "reactivate";
    case BulkAction::Delete: return "delete";
    case BulkAction::EndSessions: return "endSessions";
  }
  return "";
}

nlohmann::json users_query_json(const UsersQuery& q) {
  nlohmann::json out = nlohmann::json::object();
  if (!q.text.empty()) out["query"] = q.text;
  if (!q.sort_label.empty()) {
    out["sortBy"] = q.sort_label;
    out["sortOrder"] = q.descending ? "DESC" : "ASC";
  }
  out["includeSubOrgUsers"] = q.preset != UserPreset::OrgMembers;
  if (q.preset == UserPreset::NoDevices) out["withNoDevices"] = true;
  if (q.org_id) out["orgId"] = q.org_id;
  if (!q.role_ids.empty()) out["roleId"] = q.role_ids;
  if (!q.statuses.empty()) out["status"] = q.statuses;
  if (q.not_signed_in_days > 0) out["notSignedInForDays"] = q.not_signed_in_days;
  return out;
}

HttpRequest bulk_request(const BulkChange& change) {
  nlohmann::json body = {{"action", bulk_action_key(change.action)}};
  if (change.action == BulkAction::SetRole) body["roleId"] = change.role_id;
  if (change.action == BulkAction::AddTags || change.action == BulkAction::RemoveTags) body["tagIds"] = change.tag_ids;
  const BulkSelection& s = change.selection;
  if (s.query)
    body["selection"] = {{"query", users_query_json(*s.query)}, {"except", s.except}};
  else
    body["selection"] = {{"userIds", s.user_ids}};
  HttpRequest req = with_json(write("POST", std::string(kApi) + "/users/bulk"), body);
  // A million users take the server a while: the console waits longer than for a page.
  req.timeout_ms = 120'000;
  return req;
}

Result<BulkResult> decode_bulk(const HttpResponse& response) {
  return decode_json<BulkResult>(response, [](const nlohmann::json& j, BulkResult& out, std::string& e) {
    json_read::FieldReader r(j, e, "bulk result");
    r.required("matched", out.matched).required("changed", out.changed);
    if (!r.ok()) return false;
    auto failed = j.find("failed");
    if (failed == j.end() || !failed->is_array()) {
      e = "bulk result: 'failed' must be an array";
      return false;
    }
    for (const auto& f : *failed) {
      BulkFailure one;
      json_read::FieldReader fr(f, e, "bulk failure");
      fr.required("userId", one.user_id).required("message", one.message);
      if (!fr.ok()) return false;
      out.failed.push_back(std::move(one));
    }
    return true;
  });
}

std::string users_export_url(const UsersQuery& q, const std::vector<long long>& user_ids,
                             const std::vector<long long>& except) {
  Query query;
  add_users_params(query, q);
  auto joined = [](const std::vector<long long>& ids) {
    std::string out;
    for (long long id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
    return out;
  };
  if (!user_ids.empty()) query.add("userIds", joined(user_ids));
  if (!except.empty()) query.add("except", joined(except));
  return query.build(std::string(kApi) + "/users/export.csv");
}

Result<NoContent> decode_no_content(const HttpResponse& response) {
  Result<NoContent> out;
  out.etag = response.header("ETag");
  out.kind = error_kind_of(response);
  if (out.kind == ErrorKind::None)
    out.value = NoContent{};
  else
    out.error = error_of(response);
  return out;
}

}  // namespace roster::api
