// Test support for the administration suites (admin, bulk, CSV export): users made with a known
// password, a kiosk token, and every row of a list read through its pages (the brute force the
// bulk selections and the exports are compared with).
#pragma once

#include "api_helpers.h"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace roster::test {

inline const std::string kOrgApi = "/api/v1/organization";

// A new user through "Create user in organization"; returns the detail.
nlohmann::json create_user(const Caller& admin, const std::string& email, const std::string& password, int org,
                           int role, const std::string& name = "Test Person");
// A child of the root with a child of its own.
std::pair<int, int> level2_and_child(const Caller& admin);
// A kiosk token for `org` issued by `roster-server kiosk-token`.
std::string issue_kiosk_token(const SeededDb& db, int org);
// Every item of a list or search, page after page (`path_and_query` without page and size).
std::vector<nlohmann::json> all_rows(const Caller& caller, const std::string& path_and_query);

}  // namespace roster::test
