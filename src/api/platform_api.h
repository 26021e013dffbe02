// Requests and decoders for the Platform API calls the console makes. Pure functions: no state, no
// I/O. Every decoder turns a response into a value or an error a person can read; none can abort.
#pragma once

#include "api/http.h"
#include "model/api_error.h"
#include "model/page.h"
#include "model/user.h"
#include "model/organization.h"

#include <optional>
#include <string>
#include <vector>

namespace roster::api {

template <class T>
struct Result {
  std::optional<T> value;
  ApiError error;  // set when value is empty
  int status = 0;
  bool ok() const { return value.has_value(); }
};

// What a users table shows: the search text, sorting, filters and scope presets of Blynk.Console.
enum class UserPreset { OrgMembers, AllWithSubOrgs, NoDevices };
const char* preset_key(UserPreset preset);  // "members" | "all" | "nodevices"
std::optional<UserPreset> parse_preset(const std::string& key);

struct UsersQuery {
  std::string text;        // empty: the list endpoint; else search
  std::string sort_label;  // a sortBy label ("Name"); empty: server default
  bool descending = false;
  std::vector<int> role_ids;
  std::vector<std::string> statuses;
  UserPreset preset = UserPreset::AllWithSubOrgs;
  int org_id = 0;  // 0: the caller's organization
  bool operator==(const UsersQuery& o) const;
  bool operator!=(const UsersQuery& o) const { return !(*this == o); }
};

HttpRequest users_page_request(const UsersQuery& query, long long page, int size);
Result<Page<User>> decode_users_page(const HttpResponse& response);

HttpRequest user_request(long long user_id);
Result<User> decode_user(const HttpResponse& response);

struct SessionInfo {
  User user;
  int role_id = 0;
  std::string role_name;
  int org_id = 0;
  std::string org_name;
};
HttpRequest session_request();
HttpRequest sign_out_request();
Result<SessionInfo> decode_session(const HttpResponse& response);

// An organization with the counts the reference server adds (absent on the public API).
struct OrgNode {
  Organization org;
  std::optional<std::int64_t> users_count, devices_count, sub_orgs_count;
};
HttpRequest org_profile_request();
HttpRequest sub_orgs_request(int org_id);
Result<OrgNode> decode_org(const HttpResponse& response);
Result<std::vector<OrgNode>> decode_orgs(const HttpResponse& response);

HttpRequest roles_request();
Result<std::vector<Role>> decode_roles(const HttpResponse& response);

// Turns any non-2xx (or undecodable 2xx) response into an error value.
ApiError error_of(const HttpResponse& response);

}  // namespace roster::api
