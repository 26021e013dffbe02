// Requests and decoders for the administration calls (api-contract section 7, and the public invite,
// role change and transfer of section 3): the wire format of each. Pure functions, as platform_api.h.
// Every write carries X-Requested-With (the session cookie's rule against cross-site writes) and,
// where the console holds the user's ETag, If-Match (a 412 then says someone else changed the user).
#pragma once

#include "api/http.h"
#include "api/result.h"
#include "model/tag.h"
#include "model/user.h"
#include "model/users_query.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roster::api {

// One user, one change, with no body: the calls a row menu or a profile header offers.
enum class UserAction { Suspend, Reactivate, EndSessions, ResendInvitation, Delete };

HttpRequest user_action_request(UserAction action, long long user_id, const std::string& if_match);
HttpRequest set_role_request(long long user_id, int role_id, const std::string& if_match);
// The edit extension: name, nickname, phone, time zone and tag ids of one user.
struct UserEdit {
  std::string name, nick_name, phone, tz;
  std::vector<int> tag_ids;
};
HttpRequest edit_user_request(long long user_id, const UserEdit& edit, const std::string& if_match);

struct Invitation {
  std::string email, name;
  int role_id = 3;
  int org_id = 0;  // 0: the caller's organization
};
HttpRequest invite_request(const Invitation& invitation);
HttpRequest transfer_request(long long user_id, int target_org_id, int role_id);

// The day's invitations of an organization (an extension: the console shows them before the limit).
struct InviteQuota {
  int org_id = 0, limit = 0, used_today = 0, left = 0;
  std::int64_t resets_at = 0;
};
HttpRequest invite_quota_request(int org_id);
Result<InviteQuota> decode_invite_quota(const HttpResponse& response);

HttpRequest org_tags_request(int org_id);
Result<std::vector<Tag>> decode_tags(const HttpResponse& response);

// A bulk change: the selection is either explicit ids, or every user the list's query shows minus
// `except` ("all 1,000,000 matching" in one call).
enum class BulkAction { AddTags, RemoveTags, SetRole, Suspend, Reactivate, Delete, EndSessions };
const char* bulk_action_key(BulkAction action);  // "addTags", ...
struct BulkSelection {
  std::vector<long long> user_ids;  // when !all_matching
  std::optional<UsersQuery> query;  // when all matching
  std::vector<long long> except;    // with query
};
struct BulkChange {
  BulkAction action = BulkAction::AddTags;
  int role_id = 0;           // SetRole
  std::vector<int> tag_ids;  // AddTags, RemoveTags
  BulkSelection selection;
};
struct BulkFailure {
  std::int64_t user_id = 0;
  std::string message;
};
struct BulkResult {
  std::int64_t matched = 0, changed = 0;
  std::vector<BulkFailure> failed;
};
HttpRequest bulk_request(const BulkChange& change);
Result<BulkResult> decode_bulk(const HttpResponse& response);
// The list's query as the contract's JSON selection query (repeatable filters as arrays).
nlohmann::json users_query_json(const UsersQuery& query);

// Download: the list's CSV for its query, or a selection of it (only `user_ids`, or all but `except`),
// which the browser fetches itself; the actions log's is actions_export_url in platform_api.h.
std::string users_export_url(const UsersQuery& query, const std::vector<long long>& user_ids = {},
                             const std::vector<long long>& except = {});

// An answer with no value the console needs beyond "it worked" (204, or a count).
struct NoContent {};
Result<NoContent> decode_no_content(const HttpResponse& response);

}  // namespace roster::api
