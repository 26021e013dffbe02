// Organizations, roles, tags, devices and the actions log over real HTTP.
#include "api_helpers.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

using namespace roster::test;
using nlohmann::json;

TEST_CASE("organizations: profile, info, search, sub-organizations form a three-level tree") {
  auto api = as_client(shared_server(), shared_db());
  auto profile = api.get("/api/v1/organization/profile");
  REQUIRE(profile.status == 200);
  CHECK(profile.json["id"] == 1);
  CHECK(profile.json["parentOrganizationId"] == 0);
  CHECK(profile.json["address"].contains("city"));
  CHECK(profile.json["usersCount"].get<int>() > 0);

  int depth = 1, orgs = 1;
  std::vector<int> level = {1};
  while (true) {
    std::vector<int> next;
    for (int id : level)
      for (const auto& child : api.get("/api/v1/organization/sub-organizations?orgId=" + std::to_string(id)).json) {
        CHECK(child["parentOrganizationId"] == id);
        next.push_back(child["id"]);
      }
    if (next.empty()) break;
    orgs += static_cast<int>(next.size());
    level = next;
    ++depth;
  }
  CHECK(depth == 3);
  CHECK(orgs == 12);

  CHECK(api.get("/api/v1/organization?orgId=5").json["id"] == 5);
  auto missing = api.get("/api/v1/organization?orgId=777");
  CHECK(missing.status == 404);
  CHECK(missing.message() == "Organization is not found or you don't have access to it.");

  auto search = api.get("/api/v1/organization/search?query=a&sortBy=Name&size=100");
  REQUIRE(search.status == 200);
  std::vector<std::string> names;
  for (const auto& o : search.json["content"]) names.push_back(o["name"]);
  CHECK(search.json["totalElements"].get<std::size_t>() == names.size());
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(api.get("/api/v1/organization/search?query=a&sortBy=Users").status == 400);
  CHECK(api.get("/api/v1/organization/search").status == 400);
}

TEST_CASE("roles and tags are plain arrays") {
  auto api = as_client(shared_server(), shared_db());
  auto roles = api.get("/api/v1/organization/roles");
  REQUIRE(roles.json.is_array());
  REQUIRE(roles.json.size() == 3);
  CHECK(roles.json[0]["name"] == "Admin");
  CHECK(roles.json[2]["name"] == "User");
  auto tags = api.get("/api/v1/organization/tags");
  REQUIRE(tags.json.is_array());
  CHECK(tags.json.size() == 5);
  CHECK(tags.json[0]["color"].get<std::string>().front() == '#');
}

TEST_CASE("devices: list, search, by owner, info and connection status") {
  auto api = as_client(shared_server(), shared_db());
  auto all = api.get("/api/v1/organization/devices?includeSubOrgDevices=true&size=1000");
  REQUIRE(all.status == 200);
  CHECK(all.json["totalElements"].get<int>() > 300);
  std::set<bool> states;
  for (const auto& d : all.json["content"]) {
    CHECK(d["token"].get<std::string>().size() == 32);  // an API client (admin) sees the credential
    CHECK(d.contains("model"));
    states.insert(d["connected"].get<bool>());
  }
  CHECK(states.size() == 2);  // some online, some offline

  auto mine = api.get("/api/v1/organization/device/by-owner?ownerEmail=admin%40roster.demo");
  REQUIRE(mine.status == 200);
  CHECK(mine.json["totalElements"] == 3);
  auto id = mine.json["content"][0]["id"].get<int>();
  auto info = api.get("/api/v1/organization/device?deviceId=" + std::to_string(id));
  REQUIRE(info.status == 200);
  CHECK(info.json["lifecycleStatus"]["name"].is_string());
  CHECK(info.json["hardwareInfo"]["boardType"].is_string());
  auto online = api.get("/api/v1/organization/device/online?deviceId=" + std::to_string(id));
  CHECK(online.json["connected"] == info.json["connected"]);
  CHECK(api.get("/api/v1/organization/device?deviceId=99999999").status == 404);
  CHECK(api.get("/api/v1/organization/device/by-owner?ownerEmail=nobody%40x.y").status == 404);

  auto search = api.get("/api/v1/organization/search/devices?query=THERMOSTAT&size=1000");
  REQUIRE(search.status == 200);
  CHECK(search.json["totalElements"].get<int>() > 0);
  for (const auto& d : search.json["content"])
    CHECK(d["name"].get<std::string>().find("Thermostat") != std::string::npos);
  CHECK(api.get("/api/v1/organization/search/devices?query=a&sortBy=Colour").status == 400);

  auto staff = as_session(shared_server(), "staff@roster.demo", "roster-demo");
  auto masked = staff.get("/api/v1/organization/device?deviceId=" + std::to_string(id));
  REQUIRE(masked.status == 200);
  CHECK(masked.json["token"].get<std::string>().find("\xE2\x80\xA6") != std::string::npos);
}

TEST_CASE("actions log: time window, clients, search, sorting and paging") {
  auto api = as_client(shared_server(), shared_db());
  const std::string base = "/api/v1/organization/user/actions-log?userId=1&from=0&to=99999999999999&size=1000";
  auto all = api.get(base);
  REQUIRE(all.status == 200);
  auto total = all.json["totalElements"].get<int>();
  CHECK(total >= 40);
  std::set<std::string> clients;
  std::vector<std::int64_t> ts;
  for (const auto& e : all.json["content"]) {
    clients.insert(e["client"]);
    ts.push_back(e["ts"]);
    CHECK(e["orgName"] == "Roster Demo Corp");
  }
  CHECK(clients.size() == 8);
  CHECK(std::is_sorted(ts.rbegin(), ts.rend()));  // newest first by default

  auto mid = ts[ts.size() / 2];
  auto window = api.get("/api/v1/organization/user/actions-log?userId=1&size=1000&from=0&to=" + std::to_string(mid));
  for (const auto& e : window.json["content"]) CHECK(e["ts"].get<std::int64_t>() <= mid);
  CHECK(window.json["totalElements"].get<int>() < total);

  auto alexa = api.get(base + "&client=Alexa&client=Google%20Home");
  for (const auto& e : alexa.json["content"]) CHECK((e["client"] == "Alexa" || e["client"] == "Google Home"));
  CHECK(alexa.json["totalElements"].get<int>() >= 10);

  auto login = api.get(base + "&query=login");
  for (const auto& e : login.json["content"])
    CHECK(e["actionCode"].get<std::string>().find("LOGIN") != std::string::npos);

  auto by_client = api.get(base + "&sortBy=Client");
  std::vector<std::string> names;
  for (const auto& e : by_client.json["content"]) names.push_back(e["client"]);
  CHECK(std::is_sorted(names.begin(), names.end()));

  auto paged = api.get("/api/v1/organization/user/actions-log?userId=1&from=0&to=99999999999999&size=7&page=1");
  CHECK(paged.json["content"].size() == 7);
  CHECK(paged.json["content"][0]["ts"] == all.json["content"][7]["ts"]);

  CHECK(api.get(base + "&client=Telegram").status == 400);
  CHECK(api.get(base + "&sortBy=Mood").status == 400);
  CHECK(api.get("/api/v1/organization/user/actions-log?userId=1&from=10&to=5").status == 400);
  CHECK(api.get("/api/v1/organization/user/actions-log").status == 400);
  // Default window: the last week.
  auto week = api.get("/api/v1/organization/user/actions-log?userId=1&size=1000");
  CHECK(week.json["totalElements"].get<int>() < total);
}
