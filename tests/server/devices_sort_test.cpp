// Device items with their owner and organization (the extension), and every devices sortBy label
// checked against a brute-force sort of all the caller's devices, on deep pages: over the whole tree,
// one organization's subtree and searches broad and narrow (each of which the server pages a
// different way), by owner, and for a plain User. On a database of its own, big enough that a
// subtree and a broad search hold more than 5,000 devices.
#include "api_helpers.h"
#include "model/utf8.h"
#include "sql_edit.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

using namespace roster::test;
using nlohmann::json;

namespace {

const std::string kBase = "/api/v1/organization";
const char* const kLabels[] = {"Device Id",        "Name",   "Template",   "Owner", "Activated At",
                               "Last Reported At", "Status", "Owner Name", "Model", "Organization Name",
                               "Last Updated"};

// Devices 5 and 6 have no owner and device 7's owner is gone, which no API call can arrange.
const SeededDb& db() {
  static SeededDb d = [] {
    SeededDb seeded = seed_db("devices-sort", 9000, 3, 11);
    auto error = run_sql(seeded.path,
                         "UPDATE devices SET owner_user_id = 0 WHERE id IN (5, 6);"
                         " UPDATE devices SET owner_user_id = 88888888 WHERE id = 7;");
    INFO(error);
    REQUIRE(error.empty());
    return seeded;
  }();
  return d;
}

ServerProcess& server() {
  static ServerProcess s(db().path);
  return s;
}

Caller admin() { return as_client(server(), db()); }

// Every item of a list, page by page (`path` has its query string).
std::vector<json> all_items(const Caller& api, const std::string& path) {
  std::vector<json> out;
  for (int page = 0;; ++page) {
    auto r = api.get(path + "&size=1000&page=" + std::to_string(page));
    REQUIRE(r.status == 200);
    for (const auto& item : r.json["content"]) out.push_back(item);
    if (r.json["content"].size() < 1000) break;
  }
  return out;
}

const std::vector<json>& all_devices() {
  static std::vector<json> devices = all_items(admin(), kBase + "/devices?includeSubOrgDevices=true");
  return devices;
}

const std::map<std::int64_t, json>& users_by_id() {
  static std::map<std::int64_t, json> users = [] {
    std::map<std::int64_t, json> out;
    for (const auto& u : all_items(admin(), kBase + "/users?includeSubOrgUsers=true"))
      out[u["id"].get<std::int64_t>()] = u;
    return out;
  }();
  return users;
}

std::string org_name(int id) {
  static std::map<int, std::string> names;
  if (!names.count(id)) {
    auto r = admin().get(kBase + "?orgId=" + std::to_string(id));
    REQUIRE(r.status == 200);
    names[id] = r.json["name"];
  }
  return names[id];
}

// What a label sorts by, from sources independent of the item where there are some (the owner's
// name from the users list, the organization's from "Organization info"): a number or a string.
std::pair<std::int64_t, std::string> key_of(const std::string& label, const json& d) {
  if (label == "Device Id") return {d["id"].get<std::int64_t>(), ""};
  if (label == "Name") return {0, d["name"]};
  if (label == "Template") return {d["templateId"].get<std::int64_t>(), ""};
  if (label == "Owner") return {d["ownerUserId"].get<std::int64_t>(), ""};
  if (label == "Activated At") return {d["activatedAt"].get<std::int64_t>(), ""};
  if (label == "Last Reported At" || label == "Last Updated") return {d["lastReceivedEventAt"].get<std::int64_t>(), ""};
  if (label == "Status") return {d["connected"].get<bool>() ? 1 : 0, ""};
  if (label == "Owner Name") {
    auto it = users_by_id().find(d["ownerUserId"].get<std::int64_t>());
    return {0, it == users_by_id().end() ? "" : roster::utf8::to_lower(it->second["name"].get<std::string>())};
  }
  if (label == "Model") return {0, d["model"]};
  if (label == "Organization Name") return {0, org_name(d["orgId"].get<int>())};
  FAIL("no such label " << label);
  return {};
}

// `devices` sorted as the label and direction say, ties by id in the same direction; their ids.
std::vector<std::int64_t> brute_force(std::vector<json> devices, const std::string& label, bool descending) {
  std::vector<std::pair<std::pair<std::pair<std::int64_t, std::string>, std::int64_t>, std::int64_t>> keyed;
  for (const auto& d : devices) keyed.push_back({{key_of(label, d), d["id"].get<std::int64_t>()}, 0});
  std::sort(keyed.begin(), keyed.end());
  if (descending) std::reverse(keyed.begin(), keyed.end());
  std::vector<std::int64_t> ids;
  for (const auto& k : keyed) ids.push_back(k.first.second);
  return ids;
}

std::vector<std::int64_t> ids_of(const json& page) {
  std::vector<std::int64_t> ids;
  for (const auto& d : page["content"]) ids.push_back(d["id"].get<std::int64_t>());
  return ids;
}

// For every label and both directions, a deep page (the last full one) and a middle one equal the
// brute-force order of `expected` (the devices the list should hold).
void check_sorts(const Caller& api, const std::string& path, const std::vector<json>& expected, int size) {
  REQUIRE(expected.size() > static_cast<std::size_t>(2 * size));
  const int deep = static_cast<int>(expected.size()) / size - 1, middle = deep / 2;
  for (const char* label : kLabels)
    for (bool descending : {false, true}) {
      auto order = brute_force(expected, label, descending);
      for (int page : {deep, middle}) {
        INFO(path << " sortBy=" << label << (descending ? " DESC" : " ASC") << " page " << page);
        auto r = api.get(path + "&size=" + std::to_string(size) + "&page=" + std::to_string(page) +
                         "&sortBy=" + url_encode(label) + "&sortOrder=" + (descending ? "DESC" : "ASC"));
        REQUIRE(r.status == 200);
        CHECK(r.json["totalElements"].get<std::size_t>() == expected.size());
        std::vector<std::int64_t> want(order.begin() + page * size, order.begin() + (page + 1) * size);
        CHECK(ids_of(r.json) == want);
      }
    }
}

std::vector<int> subtree_of(int org) {
  std::vector<int> out = {org};
  for (std::size_t i = 0; i < out.size(); ++i)
    for (const auto& child : admin().get(kBase + "/sub-organizations?orgId=" + std::to_string(out[i])).json)
      out.push_back(child["id"]);
  return out;
}

bool name_contains(const json& d, const std::string& query) {
  return roster::utf8::to_lower(d["name"].get<std::string>()).find(roster::utf8::to_lower(query)) != std::string::npos;
}

}  // namespace

TEST_CASE("device items carry their owner's name and email and the organization's name") {
  REQUIRE(all_devices().size() > 10000);
  std::set<std::string> models;
  for (const auto& d : all_devices()) {
    const auto id = d["id"].get<std::int64_t>();
    INFO("device " << id);
    auto owner = users_by_id().find(d["ownerUserId"].get<std::int64_t>());
    if (owner == users_by_id().end()) {
      CHECK((id == 5 || id == 6 || id == 7));
      CHECK_FALSE(d.contains("ownerName"));
      CHECK_FALSE(d.contains("ownerEmail"));
    } else {
      CHECK(d["ownerName"] == owner->second["name"]);
      CHECK(d["ownerEmail"] == owner->second["email"]);
    }
    CHECK(d["orgName"] == org_name(d["orgId"].get<int>()));
    REQUIRE(d["model"].is_string());
    models.insert(d["model"].get<std::string>());
    CHECK(d["connected"].is_boolean());
    CHECK(d["lastReceivedEventAt"].is_number_integer());
  }
  CHECK(models.size() > 3);
  CHECK_FALSE(models.count(""));

  // Search and by-owner items carry the same fields, equal to the list's.
  std::map<std::int64_t, json> by_id;
  for (const auto& d : all_devices()) by_id[d["id"].get<std::int64_t>()] = d;
  // The answer is held by a name: a range-for over a temporary's ["content"] would outlive it.
  const auto plugs = admin().get(kBase + "/search/devices?query=plug&size=200");
  REQUIRE(!plugs.json["content"].empty());
  for (const auto& d : plugs.json["content"]) CHECK(d == by_id[d["id"].get<std::int64_t>()]);
  auto mine = admin().get(kBase + "/device/by-owner?ownerEmail=admin%40roster.demo");
  REQUIRE(mine.json["content"].size() == 3);
  for (const auto& d : mine.json["content"]) {
    CHECK(d["ownerName"] == "Olena Koval");
    CHECK(d["ownerEmail"] == "admin@roster.demo");
    CHECK(d == by_id[d["id"].get<std::int64_t>()]);
  }
}

TEST_CASE("device sortBy labels over the whole tree, a subtree and searches match a brute-force sort") {
  auto api = admin();
  check_sorts(api, kBase + "/devices?includeSubOrgDevices=true", all_devices(), 100);

  // Org 2 and its child hold about two thirds of the devices.
  auto tree = subtree_of(2);
  std::vector<json> in_subtree;
  for (const auto& d : all_devices())
    if (std::find(tree.begin(), tree.end(), d["orgId"].get<int>()) != tree.end()) in_subtree.push_back(d);
  REQUIRE(in_subtree.size() > 5000);
  check_sorts(api, kBase + "/devices?includeSubOrgDevices=true&orgId=2", in_subtree, 100);

  // A broad search (more than 5,000 matches) and a narrow one.
  for (const std::string query : {"o", "THERMO"}) {
    std::vector<json> matches;
    for (const auto& d : all_devices())
      if (name_contains(d, query)) matches.push_back(d);
    check_sorts(api, kBase + "/search/devices?query=" + url_encode(query), matches, query == "o" ? 100 : 20);
  }
}

TEST_CASE("devices by owner take sortBy and sortOrder; a plain User's own devices sort too") {
  std::map<std::int64_t, std::vector<json>> by_owner;
  for (const auto& d : all_devices()) by_owner[d["ownerUserId"].get<std::int64_t>()].push_back(d);
  std::int64_t owner = 0;
  for (const auto& [id, devices] : by_owner)
    if (devices.size() >= 5 && users_by_id().count(id)) owner = id;
  REQUIRE(owner != 0);
  const std::string email = users_by_id().at(owner)["email"];
  auto api = admin();
  check_sorts(api, kBase + "/device/by-owner?ownerEmail=" + url_encode(email), by_owner[owner], 2);

  auto bad = api.get(kBase + "/device/by-owner?ownerEmail=" + url_encode(email) + "&sortBy=Colour");
  CHECK(bad.status == 400);
  CHECK(bad.message() ==
        "Unknown sortBy 'Colour'; use one of: Device Id, Name, Template, Owner, Activated At, Last Reported At, "
        "Status, Owner Name, Model, Organization Name, Last Updated.");
  CHECK(api.get(kBase + "/device/by-owner?ownerEmail=" + url_encode(email) + "&sortOrder=UP").status == 400);
  CHECK(api.get(kBase + "/devices?sortBy=Colour").message() == bad.message());
  CHECK(api.get(kBase + "/search/devices?query=a&sortBy=Colour").message() == bad.message());

  // The demo User sees only their own three devices, sorted as asked.
  auto user = as_session(server(), "user@roster.demo", "roster-demo");
  for (const char* label : kLabels) {
    auto r = user.get(kBase + "/devices?size=10&sortOrder=DESC&sortBy=" + url_encode(label));
    REQUIRE(r.status == 200);
    CHECK(ids_of(r.json) == brute_force(by_owner[3], label, true));
  }
}

TEST_CASE("--public-api-only: device items as the public API has them; by-owner ignores sortBy") {
  ServerProcess plain(db().path, {"--public-api-only"});
  auto api = as_client(plain, db());
  const std::set<std::string> public_keys = {"id",
                                             "templateId",
                                             "orgId",
                                             "name",
                                             "token",
                                             "activatedAt",
                                             "ownerUserId",
                                             "hardwareInfo",
                                             "lifecycleStatus",
                                             "firstConnectTime",
                                             "connectTime",
                                             "disconnectTime",
                                             "lastReceivedEventAt",
                                             "model",
                                             "connected"};
  for (const std::string path : {"/devices?includeSubOrgDevices=true&size=20", "/search/devices?query=plug&size=20",
                                 "/device/by-owner?ownerEmail=admin%40roster.demo"}) {
    auto r = api.get(kBase + path);
    REQUIRE(r.status == 200);
    REQUIRE_FALSE(r.json["content"].empty());
    for (const auto& d : r.json["content"]) {
      std::set<std::string> keys;
      for (const auto& [k, v] : d.items()) keys.insert(k);
      CHECK(keys == public_keys);
    }
  }
  auto ignored = api.get(kBase + "/device/by-owner?ownerEmail=admin%40roster.demo&sortBy=Colour&sortOrder=DESC");
  CHECK(ignored.status == 200);
  CHECK(ids_of(ignored.json) == brute_force(
                                    [&] {
                                      std::vector<json> mine;
                                      for (const auto& d : all_devices())
                                        if (d["ownerUserId"] == 1) mine.push_back(d);
                                      return mine;
                                    }(),
                                    "Device Id", false));
}
