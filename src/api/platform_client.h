// The console's typed Platform API client: one call per operation the console makes. Each builds its
// request, sends it through the ApiClient (base URL, credentials, retries) and hands the decoded
// value or the error, with its kind, to `done`. Callers deal only in model values and error kinds;
// nothing HTTP crosses this interface.
#pragma once

#include "api/admin_api.h"
#include "api/result.h"
#include "model/actions_histogram.h"
#include "model/actions_query.h"
#include "model/device.h"
#include "model/devices_query.h"
#include "model/organization.h"
#include "model/page.h"
#include "model/session.h"
#include "model/user.h"
#include "model/users_query.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace roster::api {

class ApiClient;

using CallId = std::uint64_t;

class PlatformClient {
 public:
  template <class T>
  using Done = std::function<void(Result<T>)>;
  struct Nothing {};  // the value of a call that answers no content

  explicit PlatformClient(ApiClient& http) : http_(http) {}

  // Pages take the ETag of the copy the caller holds, if any: a page that has not changed since then is
  // answered "not modified" (Result::not_modified), which costs the server and the client almost nothing.
  CallId users_page(const UsersQuery& query, long long page, int size, Done<Page<User>> done, std::int64_t now,
                    const std::string& if_none_match = "");
  CallId user(long long user_id, Done<User> done, std::int64_t now);
  CallId session(Done<SessionInfo> done, std::int64_t now);
  CallId sign_out(Done<Nothing> done, std::int64_t now);
  CallId org_profile(Done<OrgNode> done, std::int64_t now);
  CallId org_info(int org_id, Done<OrgNode> done, std::int64_t now);
  CallId sub_orgs(int org_id, Done<std::vector<OrgNode>> done, std::int64_t now);
  // "Search organizations": one page of the organizations whose name has `query`, by name.
  CallId search_orgs(const std::string& query, long long page, int size, Done<Page<OrgNode>> done, std::int64_t now);
  CallId roles(Done<std::vector<Role>> done, std::int64_t now);
  CallId actions_log(long long user_id, const Interval& interval, const ActionsQuery& query, long long page, int size,
                     Done<Page<ActionLogEntry>> done, std::int64_t now, const std::string& if_none_match = "");
  CallId actions_histogram(long long user_id, const Interval& interval, const ActionsQuery& query, int buckets,
                           Done<ActionsHistogram> done, std::int64_t now);
  CallId devices_page(const DevicesQuery& query, long long page, int size, Done<Page<Device>> done, std::int64_t now,
                      const std::string& if_none_match = "");

  // Administration (admin_api.h). Changes answer the user as the server now has them, with its ETag;
  // `if_match` is the ETag of the copy the change was decided on ("" for none: the last write wins).
  CallId change_user(UserAction action, long long user_id, const std::string& if_match, Done<User> done,
                     std::int64_t now);  // suspend, reactivate, resend the invitation
  CallId end_sessions(long long user_id, Done<int> done, std::int64_t now);  // how many ended
  CallId delete_user(long long user_id, const std::string& if_match, Done<NoContent> done, std::int64_t now);
  CallId set_role(long long user_id, int role_id, const std::string& if_match, Done<User> done, std::int64_t now);
  CallId edit_user(long long user_id, const UserEdit& edit, const std::string& if_match, Done<User> done,
                   std::int64_t now);
  CallId invite(const Invitation& invitation, Done<User> done, std::int64_t now);
  CallId transfer(long long user_id, int target_org_id, int role_id, Done<User> done, std::int64_t now);
  CallId invite_quota(int org_id, Done<InviteQuota> done, std::int64_t now);
  CallId org_tags(int org_id, Done<std::vector<Tag>> done, std::int64_t now);
  CallId bulk(const BulkChange& change, Done<BulkResult> done, std::int64_t now);

  // A call's `done` is not called once it is cancelled.
  void cancel(CallId id);
  void tick(std::int64_t now);  // sends the retries that are due
  std::size_t in_flight() const;
  std::int64_t next_due_at() const;  // a retry or a timeout; -1 when none is waiting
  const ServerHealth& health() const;
  int take_not_modified();
  bool take_unauthorized();  // a 401 came back since the last call (ApiClient::take_unauthorized)  // "not modified"
                             // answers delivered since the last call

 private:
  ApiClient& http_;
};

}  // namespace roster::api
