// Codecs: every entity survives encode -> text -> parse -> decode, and bad input is an error value.
#include "model/api_error.h"
#include "model/device.h"
#include "model/oauth_token.h"
#include "model/organization.h"
#include "model/page.h"
#include "model/user.h"

#include <doctest/doctest.h>

using namespace roster;
using nlohmann::json;

namespace {

json reparse(const json& j) { return json::parse(j.dump()); }

User full_user() {
  User u;
  u.id = 9007199254740000LL;
  u.name = "Олена Коваль";
  u.email = "olena@example.com";
  u.roleId = 2;
  u.orgId = 7;
  u.isDev = true;
  u.title = "Engineer";
  u.nickName = "olena-k";
  u.phoneNumber = "+380441234567";
  u.tz = "Europe/Kyiv";
  u.locale = "uk_UA";
  u.status = "Active";
  u.lastModifiedTs = 1700000000000;
  u.lastLoggedAt = 1700000100000;
  u.registeredAt = 1600000000000;
  u.orgName = "Kyiv Lab";
  u.country = "Ukraine";
  u.city = "Kyiv";
  u.tags = std::vector<Tag>{{1, "VIP", "#FF0000"}, {2, "Beta", "#00FF00"}};
  u.devicesCount = 3;
  return u;
}

}  // namespace

TEST_CASE("user detail round-trips every field, including 64-bit ids and Cyrillic") {
  User in = full_user(), out;
  std::string error;
  REQUIRE(decode(reparse(encode_detail(in)), out, error));
  CHECK(error.empty());
  CHECK(out.id == in.id);
  CHECK(out.name == in.name);
  CHECK(out.isDev);
  CHECK(out.tz == in.tz);
  CHECK(out.lastLoggedAt == in.lastLoggedAt);
  CHECK(out.tags->size() == 2);
  CHECK((*out.tags)[1] == Tag{2, "Beta", "#00FF00"});
  CHECK(out.devicesCount == 3);
}

TEST_CASE("public summary carries only the six documented fields; extensions stay absent") {
  json j = reparse(encode_summary(full_user()));
  CHECK(j.size() == 6);
  User out;
  std::string error;
  REQUIRE(decode(j, out, error));
  CHECK_FALSE(out.status.has_value());
  CHECK_FALSE(out.tags.has_value());
  CHECK_FALSE(out.lastLoggedAt.has_value());
}

TEST_CASE("extended summary adds list columns but not detail-only fields") {
  json j = encode_extended_summary(full_user());
  CHECK(j.contains("status"));
  CHECK(j.contains("tags"));
  CHECK(j.contains("devicesCount"));
  CHECK_FALSE(j.contains("locale"));
  CHECK_FALSE(j.contains("title"));
}

TEST_CASE("user decoding rejects wrong types and missing fields with the field's name") {
  std::string error;
  User u;
  CHECK_FALSE(decode(json::parse(R"({"id":"1","name":"A","email":"a@b.c","roleId":1,"orgId":1})"), u, error));
  CHECK(error.find("'id'") != std::string::npos);
  error.clear();
  CHECK_FALSE(decode(json::parse(R"({"id":1,"email":"a@b.c","roleId":1,"orgId":1})"), u, error));
  CHECK(error.find("'name'") != std::string::npos);
  error.clear();
  CHECK_FALSE(decode(json::parse(R"([1,2])"), u, error));
  CHECK(error.find("object") != std::string::npos);
  error.clear();
  // roleId beyond int32 is an error, not a silent wrap-around.
  CHECK_FALSE(decode(json::parse(R"({"id":1,"name":"A","email":"a@b.c","roleId":4294967297,"orgId":1})"), u, error));
  error.clear();
  // 5.0 is accepted as 5; 5.5 is not.
  CHECK(decode(json::parse(R"({"id":5.0,"name":"A","email":"a@b.c","roleId":1,"orgId":1})"), u, error));
  CHECK(u.id == 5);
  CHECK_FALSE(decode(json::parse(R"({"id":5.5,"name":"A","email":"a@b.c","roleId":1,"orgId":1})"), u, error));
}

TEST_CASE("a page decodes its items and names the bad one") {
  Page<User> page;
  page.totalElements = 1234567;
  page.content = {full_user()};
  std::string error;
  Page<User> out;
  REQUIRE(decode_page(reparse(encode_page(page, encode_extended_summary)), out, error));
  CHECK(out.totalElements == 1234567);
  REQUIRE(out.content.size() == 1);
  CHECK(out.content[0].name == "Олена Коваль");

  auto bad =
      json::parse(R"({"content":[{"id":1,"name":"A","email":"a","roleId":1,"orgId":1},{"id":2}],"totalElements":2})");
  CHECK_FALSE(decode_page(bad, out, error));
  CHECK(error.rfind("content[1]", 0) == 0);
  CHECK_FALSE(decode_page(json::parse(R"({"content":{},"totalElements":2})"), out, error));
  CHECK_FALSE(decode_page(json::parse(R"({"content":[],"totalElements":-1})"), out, error));
  CHECK_FALSE(decode_page(json::parse(R"({"content":[]})"), out, error));
}

TEST_CASE("organization, role, device and action log entries round-trip") {
  Organization org;
  org.id = 3;
  org.name = "Ωmega Labs";
  org.parentOrganizationId = 1;
  org.tz = "Europe/Athens";
  org.unitSystem = "IMPERIAL";
  org.address.city = "Athens";
  org.address.country = "Greece";
  Organization org_out;
  std::string error;
  REQUIRE(decode(reparse(encode(org)), org_out, error));
  CHECK(org_out.name == "Ωmega Labs");
  CHECK(org_out.parentOrganizationId == 1);
  CHECK(org_out.address.country == "Greece");

  Role role{2, "Staff", {"users.view", "devices.view"}}, role_out;
  REQUIRE(decode(reparse(encode(role)), role_out, error));
  CHECK(role_out.permissions.size() == 2);

  Device d;
  d.id = 11;
  d.name = "Greenhouse";
  d.token = "abcdefghijklmnopqrstuvwxyz012345";
  d.ownerUserId = 42;
  d.hardwareInfo = {{"boardType", "ESP32"}};
  d.lifecycleStatus = LifecycleStatus{1, "Installed", "check", "#00FF00"};
  d.connected = true;
  d.lastReceivedEventAt = 17;
  Device d_out;
  REQUIRE(decode(reparse(encode(d)), d_out, error));
  CHECK(d_out.hardwareInfo["boardType"] == "ESP32");
  CHECK(d_out.lifecycleStatus->name == "Installed");
  CHECK(d_out.connected == true);
  CHECK(d_out.lastReceivedEventAt == 17);

  ActionLogEntry e{1700000000000, 3, "Ωmega Labs", "Google Home", "Device control", "DEVICE_CONTROL"}, e_out;
  REQUIRE(decode(reparse(encode(e)), e_out, error));
  CHECK(e_out.client == "Google Home");
  CHECK(is_action_client(e_out.client));
  CHECK_FALSE(is_action_client("Telegram"));
}

TEST_CASE("device tokens are masked for display") {
  CHECK(mask_token("abcdefghijklmnopqrstuvwxyz012345") ==
        "abcd\xE2\x80\xA6"
        "2345");
  CHECK(mask_token("short") == "********");
  CHECK(mask_token("").empty());
}

TEST_CASE("OAuth token responses: refresh token may be null, expires_in must be positive") {
  OAuthToken t, out;
  t.access_token = "abc";
  t.expires_in = 86400;
  std::string error;
  json j = reparse(encode(t));
  CHECK(j["refresh_token"].is_null());
  REQUIRE(decode(j, out, error));
  CHECK_FALSE(out.refresh_token.has_value());
  CHECK(out.expires_in == 86400);
  CHECK_FALSE(decode(json::parse(R"({"access_token":"a","expires_in":0})"), out, error));
  CHECK_FALSE(decode(json::parse(R"({"access_token":"","expires_in":10})"), out, error));
  CHECK_FALSE(decode(json::parse(R"({"access_token":"a","expires_in":"300"})"), out, error));
}

TEST_CASE("error bodies of every shape give a readable message") {
  CHECK(decode_error(R"({"error":{"message":"User with identifier 5 is not found"}})", 404).message ==
        "User with identifier 5 is not found");
  CHECK(decode_error(R"({"message":"flat"})", 400).message == "flat");
  CHECK(decode_error(R"({"error":"plain"})", 400).message == "plain");
  auto oauth = decode_error(R"({"error":"invalid_grant","error_description":"Refresh token was used"})", 400);
  CHECK(oauth.code == "invalid_grant");
  CHECK(oauth.message == "Refresh token was used");
  CHECK(decode_error("<html>Bad gateway</html>", 502).message == "Bad gateway (HTTP 502)");
  CHECK(decode_error("", 0).message == "The server could not be reached (HTTP 0)");
  CHECK(decode_error(R"({"error":{"message":42}})", 500).message == "The server failed (HTTP 500)");
}
