#include "api/platform_client.h"

#include "api/api_client.h"
#include "api/decode_json.h"
#include "api/platform_api.h"

namespace roster::api {

namespace {

// Sends `request`; its final response goes through `decode` to `done`.
template <class T, class Decode>
CallId send_decoded(ApiClient& http, const HttpRequest& request, Decode decode, PlatformClient::Done<T> done,
                    std::int64_t now) {
  return http.send(
      request, [decode, done = std::move(done)](const HttpResponse& r) { done(decode(r)); }, now);
}

HttpRequest conditional(HttpRequest request, const std::string& if_none_match) {
  if (!if_none_match.empty()) request.headers.push_back({"If-None-Match", if_none_match});
  return request;
}

}  // namespace

CallId PlatformClient::users_page(const UsersQuery& query, long long page, int size, Done<Page<User>> done,
                                  std::int64_t now, const std::string& if_none_match) {
  return send_decoded<Page<User>>(http_, conditional(users_page_request(query, page, size), if_none_match),
                                  decode_users_page, std::move(done), now);
}

CallId PlatformClient::change_user(UserAction action, long long user_id, const std::string& if_match, Done<User> done,
                                   std::int64_t now) {
  return send_decoded<User>(http_, user_action_request(action, user_id, if_match), decode_user, std::move(done), now);
}

CallId PlatformClient::end_sessions(long long user_id, Done<int> done, std::int64_t now) {
  auto decode = [](const HttpResponse& r) {
    return decode_json<int>(r, [](const nlohmann::json& j, int& out, std::string& e) {
      auto n = j.find("sessionsEnded");
      if (!j.is_object() || n == j.end() || !n->is_number_integer()) {
        e = "'sessionsEnded' must be a whole number";
        return false;
      }
      out = n->get<int>();
      return true;
    });
  };
  return send_decoded<int>(http_, user_action_request(UserAction::EndSessions, user_id, ""), decode, std::move(done),
                           now);
}

CallId PlatformClient::delete_user(long long user_id, const std::string& if_match, Done<NoContent> done,
                                   std::int64_t now) {
  return send_decoded<NoContent>(http_, user_action_request(UserAction::Delete, user_id, if_match), decode_no_content,
                                 std::move(done), now);
}

CallId PlatformClient::set_role(long long user_id, int role_id, const std::string& if_match, Done<User> done,
                                std::int64_t now) {
  return send_decoded<User>(http_, set_role_request(user_id, role_id, if_match), decode_user, std::move(done), now);
}

CallId PlatformClient::edit_user(long long user_id, const UserEdit& edit, const std::string& if_match, Done<User> done,
                                 std::int64_t now) {
  return send_decoded<User>(http_, edit_user_request(user_id, edit, if_match), decode_user, std::move(done), now);
}

CallId PlatformClient::invite(const Invitation& invitation, Done<User> done, std::int64_t now) {
  return send_decoded<User>(http_, invite_request(invitation), decode_user, std::move(done), now);
}

CallId PlatformClient::transfer(long long user_id, int target_org_id, int role_id, Done<User> done, std::int64_t now) {
  return send_decoded<User>(http_, transfer_request(user_id, target_org_id, role_id), decode_user, std::move(done),
                            now);
}

CallId PlatformClient::invite_quota(int org_id, Done<InviteQuota> done, std::int64_t now) {
  return send_decoded<InviteQuota>(http_, invite_quota_request(org_id), decode_invite_quota, std::move(done), now);
}

CallId PlatformClient::org_tags(int org_id, Done<std::vector<Tag>> done, std::int64_t now) {
  return send_decoded<std::vector<Tag>>(http_, org_tags_request(org_id), decode_tags, std::move(done), now);
}

CallId PlatformClient::bulk(const BulkChange& change, Done<BulkResult> done, std::int64_t now) {
  return send_decoded<BulkResult>(http_, bulk_request(change), decode_bulk, std::move(done), now);
}

CallId PlatformClient::user(long long user_id, Done<User> done, std::int64_t now) {
  return send_decoded<User>(http_, user_request(user_id), decode_user, std::move(done), now);
}

CallId PlatformClient::session(Done<SessionInfo> done, std::int64_t now) {
  return send_decoded<SessionInfo>(http_, session_request(), decode_session, std::move(done), now);
}

CallId PlatformClient::sign_out(Done<Nothing> done, std::int64_t now) {
  auto decode = [](const HttpResponse& r) {
    Result<Nothing> out;
    out.kind = error_kind_of(r);
    if (out.kind == ErrorKind::None)
      out.value = Nothing{};
    else
      out.error = error_of(r);
    return out;
  };
  return send_decoded<Nothing>(http_, sign_out_request(), decode, std::move(done), now);
}

CallId PlatformClient::org_profile(Done<OrgNode> done, std::int64_t now) {
  return send_decoded<OrgNode>(http_, org_profile_request(), decode_org, std::move(done), now);
}

CallId PlatformClient::org_info(int org_id, Done<OrgNode> done, std::int64_t now) {
  return send_decoded<OrgNode>(http_, org_info_request(org_id), decode_org, std::move(done), now);
}

CallId PlatformClient::sub_orgs(int org_id, Done<std::vector<OrgNode>> done, std::int64_t now) {
  return send_decoded<std::vector<OrgNode>>(http_, sub_orgs_request(org_id), decode_orgs, std::move(done), now);
}

CallId PlatformClient::search_orgs(const std::string& query, long long page, int size, Done<Page<OrgNode>> done,
                                   std::int64_t now) {
  return send_decoded<Page<OrgNode>>(http_, search_orgs_request(query, page, size), decode_orgs_page, std::move(done),
                                     now);
}

CallId PlatformClient::roles(Done<std::vector<Role>> done, std::int64_t now) {
  return send_decoded<std::vector<Role>>(http_, roles_request(), decode_roles, std::move(done), now);
}

CallId PlatformClient::actions_log(long long user_id, const Interval& interval, const ActionsQuery& query,
                                   long long page, int size, Done<Page<ActionLogEntry>> done, std::int64_t now,
                                   const std::string& if_none_match) {
  return send_decoded<Page<ActionLogEntry>>(
      http_, conditional(actions_log_request(user_id, interval, query, page, size), if_none_match), decode_actions_page,
      std::move(done), now);
}

CallId PlatformClient::actions_histogram(long long user_id, const Interval& interval, const ActionsQuery& query,
                                         int buckets, Done<ActionsHistogram> done, std::int64_t now) {
  return send_decoded<ActionsHistogram>(http_, actions_histogram_request(user_id, interval, query, buckets),
                                        decode_actions_histogram, std::move(done), now);
}

CallId PlatformClient::devices_page(const DevicesQuery& query, long long page, int size, Done<Page<Device>> done,
                                    std::int64_t now, const std::string& if_none_match) {
  return send_decoded<Page<Device>>(http_, conditional(devices_page_request(query, page, size), if_none_match),
                                    decode_devices_page, std::move(done), now);
}

void PlatformClient::cancel(CallId id) { http_.cancel(id); }
void PlatformClient::tick(std::int64_t now) { http_.tick(now); }
std::size_t PlatformClient::in_flight() const { return http_.in_flight(); }
std::int64_t PlatformClient::next_due_at() const { return http_.next_due_at(); }
const ServerHealth& PlatformClient::health() const { return http_.health(); }
int PlatformClient::take_not_modified() { return http_.take_not_modified(); }
bool PlatformClient::take_unauthorized() { return http_.take_unauthorized(); }

}  // namespace roster::api
