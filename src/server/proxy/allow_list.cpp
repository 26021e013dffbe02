#include "server/proxy/allow_list.h"

#include "server/base/percent_encode.h"

#include <algorithm>
#include <cctype>

namespace roster::server::proxy {

namespace {

const std::string kApi = "/api/v1/organization";

// The console's list filters (extensions the public API ignores) travel with the lists.
const std::vector<std::string> kUserListParams = {
    "page", "size", "includeSubOrgUsers", "sortBy", "sortOrder", "orgId", "roleId", "status", "withNoDevices"};

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

const std::vector<AllowedCall>& allowed_calls() {
  static const std::vector<AllowedCall> calls = {
      {"GET", kApi + "/users", kUserListParams, "users.view", "", ""},
      {"GET", kApi + "/search/users", with(kUserListParams, {"query"}), "users.view", "", ""},
      {"GET", kApi + "/user", {"userId"}, "users.view", "userId", ""},
      {"GET", kApi + "/profile", {}, "orgs.view", "", ""},
      {"GET", kApi, {"orgId"}, "orgs.view", "orgId", ""},
      {"GET", kApi + "/sub-organizations", {"orgId"}, "orgs.view", "", ""},
      {"GET", kApi + "/search", {"query", "page", "size", "sortBy", "sortOrder"}, "orgs.view", "", ""},
      {"GET",
       kApi + "/devices",
       {"page", "size", "includeSubOrgDevices", "orgId", "sortBy", "sortOrder"},
       "devices.view",
       "",
       ""},
      {"GET", kApi + "/search/devices", {"query", "page", "size", "sortBy", "sortOrder"}, "devices.view", "", ""},
      {"GET",
       kApi + "/device/by-owner",
       {"ownerEmail", "page", "size", "orgId", "sortBy", "sortOrder"},
       "devices.view",
       "",
       ""},
      {"PUT", kApi + "/users/role", {"userId", "roleId"}, "users.edit", "", "userId"},
      {"POST", kApi + "/users/invite", {}, "users.invite", "", ""},
      // An admin operator's other public calls (contract section 3); the section 7 extensions do not
      // exist upstream. A transfer's user is named in its body.
      {"POST", kApi + "/users/create-in-org", {}, "users.invite", "", ""},
      {"POST", kApi + "/users/transfer", {}, "users.edit", "", kUserIdInBody},
  };
  return calls;
}

const AllowedCall* find_allowed_call(const httplib::Request& req) {
  // HEAD is served as GET by the router; it is not a call the console makes.
  for (const auto& call : allowed_calls()) {
    if (call.method != req.method || call.path != req.path) continue;
    for (const auto& [key, value] : req.params) {
      if (std::find(call.params.begin(), call.params.end(), key) == call.params.end()) return nullptr;
      // Each at most once: servers differ on which of two values they take, and the answer cache
      // is keyed by the parameters, so ?userId=1&userId=2 could file user 2 under user 1.
      if (req.params.count(key) > 1) return nullptr;
    }
    return &call;
  }
  return nullptr;
}

std::string encoded_query(const httplib::Request& req) {
  std::string out;
  for (const auto& [key, value] : req.params) {
    out += out.empty() ? "?" : "&";
    out += percent_encode(key) + "=" + percent_encode(value);
  }
  return out;
}

}  // namespace roster::server::proxy
