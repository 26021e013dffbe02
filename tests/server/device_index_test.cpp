// The device list and device search served by the in-memory device index: every query shape (one
// and two characters, a space nearly every name holds, no match, Cyrillic, upper case), every sortBy
// label in both directions (and none), first, middle and last pages, over the whole tree, a subtree
// and one organisation alone, each compared with a brute force over the full device list; then the
// answers right after writes (an owner's edit, a transfer with the user's devices, an invitation, a
// role change): orders, filters and organisations' counts follow at once. On a database of its own,
// since it writes.
#include "api_helpers.h"
#include "model/utf8.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

using namespace roster::test;
using nlohmann::json;

namespace {

const std::string kBase = "/api/v1/organization";
const char* const kLabels[] = {"Device Id",        "Name",   "Template",   "Owner", "Activated At",
                               "Last Reported At", "Status", "Owner Name", "Model", "Organization Name",
                               "Last Updated"};

const SeededDb& db() {
  static SeededDb d = seed_db("device-index", 2500, 8, 31);
  return d;
}

ServerProcess& server() {
  static ServerProcess s(db().path);
  return s;
}

Caller admin() { return as_client(server(), db()); }

std::vector<json> all_devices() {
  std::vector<json> out;
  for (int page = 0;; ++page) {
    auto r = admin().get(kBase + "/devices?includeSubOrgDevices=true&size=1000&page=" + std::to_string(page));
    REQUIRE(r.status == 200);
    for (const auto& d : r.json["content"]) out.push_back(d);
    if (r.json["content"].size() < 1000) break;
  }
  return out;
}

// What a label sorts by, from the item's fields (read from SQLite for each page, not from the index).
std::pair<std::int64_t, std::string> key_of(const std::string& label, const json& d) {
  if (label == "Device Id") return {d["id"].get<std::int64_t>(), ""};
  if (label == "Name") return {0, d["name"]};
  if (label == "Template") return {d["templateId"].get<std::int64_t>(), ""};
  if (label == "Owner") return {d["ownerUserId"].get<std::int64_t>(), ""};
  if (label == "Activated At") return {d["activatedAt"].get<std::int64_t>(), ""};
  if (label == "Last Reported At" || label == "Last Updated") return {d["lastReceivedEventAt"].get<std::int64_t>(), ""};
  if (label == "Status") return {d["connected"].get<bool>() ? 1 : 0, ""};
  if (label == "Owner Name") return {0, roster::utf8::to_lower(d.value("ownerName", std::string()))};
  if (label == "Model") return {0, d["model"]};
  if (label == "Organization Name") return {0, d["orgName"]};
  FAIL("no such label " << label);
  return {};
}

std::vector<std::int64_t> expected(const std::vector<json>& devices, const std::function<bool(const json&)>& keep,
                                   const std::string& label, bool descending) {
  std::vector<std::pair<std::pair<std::int64_t, std::string>, std::int64_t>> keyed;
  for (const auto& d : devices)
    if (keep(d)) keyed.push_back({key_of(label, d), d["id"].get<std::int64_t>()});
  std::sort(keyed.begin(), keyed.end());
  if (descending) std::reverse(keyed.begin(), keyed.end());
  std::vector<std::int64_t> ids;
  for (const auto& k : keyed) ids.push_back(k.second);
  return ids;
}

std::vector<std::int64_t> ids_of(const json& page) {
  std::vector<std::int64_t> ids;
  for (const auto& d : page["content"]) ids.push_back(d["id"].get<std::int64_t>());
  return ids;
}

std::vector<std::int64_t> slice(const std::vector<std::int64_t>& all, std::size_t page, std::size_t size) {
  if (page * size >= all.size()) return {};
  return {all.begin() + static_cast<std::ptrdiff_t>(page * size),
          all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), (page + 1) * size))};
}

std::vector<int> subtree_of(int org) {
  std::vector<int> out = {org};
  for (std::size_t i = 0; i < out.size(); ++i)
    for (const auto& child : admin().get(kBase + "/sub-organizations?orgId=" + std::to_string(out[i])).json)
      out.push_back(child["id"]);
  return out;
}

bool name_has(const json& d, const std::string& query) {
  return roster::utf8::to_lower(d["name"].get<std::string>()).find(roster::utf8::to_lower(query)) != std::string::npos;
}

// `path` (with its query string) against the brute force of the devices `keep` holds: each label in
// both directions and no sortBy, the first, a middle and the last page of `size`.
void check_pages(const std::string& path, const std::vector<json>& devices,
                 const std::function<bool(const json&)>& keep, std::size_t size = 37) {
  auto api = admin();
  for (int l = -1; l < 11; ++l) {
    for (bool desc : {false, true}) {
      if (l < 0 && desc) continue;
      const std::string label = l < 0 ? "Device Id" : kLabels[l];
      const auto want = expected(devices, keep, label, desc);
      const std::size_t last = want.empty() ? 0 : (want.size() - 1) / size;
      for (std::size_t page : {std::size_t{0}, last / 2, last}) {
        const std::string sort = l < 0 ? "" : "&sortBy=" + url_encode(label) + "&sortOrder=" + (desc ? "DESC" : "ASC");
        auto r = api.get(path + "&size=" + std::to_string(size) + "&page=" + std::to_string(page) + sort);
        REQUIRE_MESSAGE(r.status == 200, path);
        INFO(path, " by ", label, desc ? " DESC" : " ASC", " page ", page);
        CHECK(r.json["totalElements"].get<std::size_t>() == want.size());
        CHECK(ids_of(r.json) == slice(want, page, size));
      }
    }
  }
}

// Every query shape over the whole tree, a subtree and an organisation alone.
void check_all_shapes(const std::vector<json>& devices, int org) {
  const auto tree = subtree_of(org);
  auto in_tree = [&](const json& d) { return std::count(tree.begin(), tree.end(), d["orgId"].get<int>()) > 0; };
  auto alone = [&](const json& d) { return d["orgId"].get<int>() == org; };
  const std::string o = std::to_string(org);
  check_pages(kBase + "/devices?includeSubOrgDevices=true", devices, [](const json&) { return true; });
  check_pages(kBase + "/devices?includeSubOrgDevices=true&orgId=" + o, devices, in_tree);
  check_pages(kBase + "/devices?includeSubOrgDevices=false&orgId=" + o, devices, alone);
  for (const std::string q : {"a", "\xD0\xBE", "pl", " ", "zzqx", "PLUG", "e", "ht"}) {
    auto has = [&](const json& d) { return name_has(d, q); };
    const std::string search = kBase + "/search/devices?query=" + url_encode(q);
    check_pages(search, devices, has);
    check_pages(search + "&includeSubOrgDevices=true&orgId=" + o, devices,
                [&](const json& d) { return has(d) && in_tree(d); });
  }
}

}  // namespace

TEST_CASE("device index: every query shape, label, order, page and scope equals the brute force") {
  const auto devices = all_devices();
  REQUIRE(devices.size() > 3000);
  // Shapes that must hold: the space is in nearly every name, "zzqx" in none.
  std::size_t spaced = 0;
  for (const auto& d : devices) spaced += name_has(d, " ") ? 1 : 0;
  CHECK(spaced * 10 > devices.size() * 9);
  check_all_shapes(devices, 2);
}

TEST_CASE("device index: writes are seen by the next request, in every order and count") {
  auto api = admin();
  auto before = all_devices();
  // An owner with several devices, outside organisation 3.
  std::map<std::int64_t, std::vector<json>> by_owner;
  for (const auto& d : before) by_owner[d["ownerUserId"].get<std::int64_t>()].push_back(d);
  std::int64_t owner = 0;
  for (const auto& [id, mine] : by_owner)
    if (id > 3 && mine.size() >= 3 && mine[0]["orgId"] != 3) owner = id;
  REQUIRE(owner != 0);
  const std::string uid = std::to_string(owner);

  // The owner's edit: their devices carry the new name and move in the Owner Name order at once.
  auto edit = api.put(kBase + "/user?userId=" + uid, R"({"name":"AAAA Zyxwvu Owner"})");
  REQUIRE_MESSAGE(edit.status == 200, edit.body);
  auto first = api.get(kBase + "/devices?includeSubOrgDevices=true&size=" + std::to_string(by_owner[owner].size()) +
                       "&sortBy=Owner%20Name");
  REQUIRE(first.status == 200);
  for (const auto& d : first.json["content"]) {
    CHECK(d["ownerUserId"].get<std::int64_t>() == owner);
    CHECK(d["ownerName"] == "AAAA Zyxwvu Owner");
  }

  // A transfer to organisation 3: the devices follow, in the filter, the order and the counts.
  auto org_count = [&](int org) { return api.get(kBase + "?orgId=" + std::to_string(org)).json["devicesCount"]; };
  const int from = by_owner[owner][0]["orgId"];
  const std::int64_t from_before = org_count(from), to_before = org_count(3);
  auto moved = api.post(kBase + "/users/transfer", json{{"userId", owner}, {"targetOrgId", 3}, {"roleId", 3}}.dump());
  REQUIRE_MESSAGE(moved.status == 201, moved.body);
  const auto n = static_cast<std::int64_t>(by_owner[owner].size());
  CHECK(org_count(3).get<std::int64_t>() == to_before + n);
  CHECK(org_count(from).get<std::int64_t>() == from_before - n);
  auto in_three = api.get(kBase + "/devices?includeSubOrgDevices=false&orgId=3&size=1000");
  std::set<std::int64_t> ids;
  for (auto id : ids_of(in_three.json)) ids.insert(id);
  for (const auto& d : by_owner[owner]) CHECK(ids.count(d["id"].get<std::int64_t>()) == 1);

  // More writes that touch no device (an invitation, a role change, a sign-in): nothing moves.
  json invite = {{"email", "device.index.invitee@example.org"}, {"name", "Ivy Invitee"}, {"roleId", 3}, {"orgId", 3}};
  REQUIRE(api.post(kBase + "/users/invite", invite.dump()).status == 201);
  REQUIRE(api.put(kBase + "/users/role?userId=" + uid + "&roleId=2").status == 200);
  as_session(server(), "admin@roster.demo", "roster-demo");

  // Everything equals the brute force over the devices as they are now.
  const auto after = all_devices();
  REQUIRE(after.size() == before.size());
  for (const auto& d : after)
    if (d["ownerUserId"].get<std::int64_t>() == owner) {
      CHECK(d["orgId"] == 3);
      CHECK(d["ownerName"] == "AAAA Zyxwvu Owner");
    }
  check_all_shapes(after, 3);
}
