#include "admin_helpers.h"

#include "model/password_hash.h"

#include <doctest/doctest.h>

#include <sstream>

namespace roster::test {

nlohmann::json create_user(const Caller& admin, const std::string& email, const std::string& password, int org,
                           int role, const std::string& name) {
  nlohmann::json body = {{"email", email},
                         {"passwordHash", roster::blynk_password_hash(email, password)},
                         {"name", name},
                         {"orgId", org},
                         {"roleId", role}};
  auto r = admin.post(kOrgApi + "/users/create-in-org", body.dump());
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json;
}

std::pair<int, int> level2_and_child(const Caller& admin) {
  auto subs = admin.get(kOrgApi + "/sub-organizations?orgId=1");
  REQUIRE(subs.status == 200);
  for (const auto& org : subs.json) {
    auto kids = admin.get(kOrgApi + "/sub-organizations?orgId=" + std::to_string(org["id"].get<int>()));
    if (!kids.json.empty()) return {org["id"], kids.json[0]["id"]};
  }
  FAIL("no level-3 organization");
  return {0, 0};
}

std::string issue_kiosk_token(const SeededDb& db, int org) {
  auto r = run_roster_server({"kiosk-token", "--db", db.path, "--org", std::to_string(org), "--ttl", "1"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("kiosk_", 0) == 0) return line;
  FAIL("no token printed");
  return {};
}

std::vector<nlohmann::json> all_rows(const Caller& caller, const std::string& path_and_query) {
  std::vector<nlohmann::json> out;
  const char sep = path_and_query.find('?') == std::string::npos ? '?' : '&';
  for (int page = 0;; ++page) {
    auto r = caller.get(path_and_query + sep + "size=1000&page=" + std::to_string(page));
    INFO(r.body);
    REQUIRE(r.status == 200);
    for (const auto& item : r.json["content"]) out.push_back(item);
    if (static_cast<std::int64_t>(out.size()) >= r.json["totalElements"].get<std::int64_t>() ||
        r.json["content"].empty())
      break;
  }
  return out;
}

}  // namespace roster::test
