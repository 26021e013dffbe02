// OAuth2 tokens and console sessions over real HTTP.
#include "api_helpers.h"
#include "model/sha256.h"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

using namespace roster::test;
using nlohmann::json;

namespace {

std::string client_id() { return shared_db().info["oauthClient"]["clientId"]; }
std::string client_secret() { return shared_db().info["oauthClient"]["clientSecret"]; }

Response token_call(const ServerProcess& s, const std::string& query, httplib::Headers h = {}) {
  return to_response(s.client()->Post(("/oauth2/token?" + query).c_str(), h, "", "text/plain"));
}

}  // namespace

TEST_CASE("client_credentials with query parameters or HTTP Basic returns a token that works") {
  auto& s = shared_server();
  auto r =
      token_call(s, "grant_type=client_credentials&client_id=" + client_id() + "&client_secret=" + client_secret());
  REQUIRE(r.status == 200);
  CHECK(r.json["token_type"] == "Bearer");
  CHECK(r.json["expires_in"] == 86400);
  CHECK(r.json["access_token"].get<std::string>().size() >= 32);
  CHECK(r.json["refresh_token"].is_string());

  auto basic = roster::base64_encode(client_id() + ":" + client_secret());
  auto b = token_call(s, "grant_type=client_credentials", {{"Authorization", "Basic " + basic}});
  REQUIRE(b.status == 200);
  CHECK(b.json["access_token"] != r.json["access_token"]);
  Caller caller(s, "Bearer " + b.json["access_token"].get<std::string>());
  CHECK(caller.get("/api/v1/organization/profile").json["id"] == 1);
}

TEST_CASE("token endpoint errors use the OAuth error shape") {
  auto& s = shared_server();
  auto wrong = token_call(s, "grant_type=client_credentials&client_id=" + client_id() + "&client_secret=nope");
  CHECK(wrong.status == 400);
  CHECK(wrong.json["error"] == "invalid_client");
  CHECK(wrong.json["error_description"].is_string());
  CHECK(token_call(s, "grant_type=client_credentials&client_id=unknown&client_secret=x").json["error"] ==
        "invalid_client");
  CHECK(token_call(s, "grant_type=client_credentials").json["error"] == "invalid_client");
  CHECK(token_call(s, "client_id=" + client_id() + "&client_secret=" + client_secret()).json["error"] ==
        "invalid_request");
  CHECK(token_call(s, "grant_type=password&client_id=" + client_id() + "&client_secret=" + client_secret())
            .json["error"] == "unsupported_grant_type");
}

TEST_CASE("a refresh token works exactly once") {
  auto& s = shared_server();
  auto first = fetch_token(s, shared_db());
  std::string creds = "&client_id=" + client_id() + "&client_secret=" + client_secret();
  auto refreshed =
      token_call(s, "grant_type=refresh_token&refresh_token=" + first["refresh_token"].get<std::string>() + creds);
  REQUIRE(refreshed.status == 200);
  CHECK(refreshed.json["access_token"] != first["access_token"]);
  auto again =
      token_call(s, "grant_type=refresh_token&refresh_token=" + first["refresh_token"].get<std::string>() + creds);
  CHECK(again.status == 400);
  CHECK(again.json["error"] == "invalid_grant");
  // The new refresh token is good for one more round.
  auto next = token_call(
      s, "grant_type=refresh_token&refresh_token=" + refreshed.json["refresh_token"].get<std::string>() + creds);
  CHECK(next.status == 200);
}

TEST_CASE("missing, unknown and expired bearer tokens get 401") {
  auto& s = shared_server();
  auto none = to_response(s.client()->Get("/api/v1/organization/users"));
  CHECK(none.status == 401);
  CHECK_FALSE(none.message().empty());
  CHECK(Caller(s, "Bearer not-a-token").get("/api/v1/organization/users").status == 401);

  ServerProcess short_lived(shared_db().path, {"--token-ttl", "1"});
  auto token = fetch_token(short_lived, shared_db());
  CHECK(token["expires_in"] == 1);
  Caller caller(short_lived, "Bearer " + token["access_token"].get<std::string>());
  CHECK(caller.get("/api/v1/organization/profile").status == 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  auto expired = caller.get("/api/v1/organization/profile");
  CHECK(expired.status == 401);
  CHECK(expired.header("WWW-Authenticate").find("invalid_token") != std::string::npos);
}

TEST_CASE("sessions: sign in sets a strict HttpOnly cookie, says who is signed in, and signs out") {
  auto& s = shared_server();
  json body = {{"email", "ADMIN@roster.demo"}, {"password", "roster-demo"}};
  auto r = to_response(s.client()->Post("/api/session", body.dump(), "application/json"));
  REQUIRE(r.status == 200);
  auto cookie = r.header("Set-Cookie");
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(r.json["user"]["email"] == "admin@roster.demo");
  CHECK(r.json["role"]["name"] == "Admin");
  CHECK(r.json["organization"]["id"] == 1);

  std::string jar = cookie.substr(0, cookie.find(';'));
  auto who = to_response(s.client()->Get("/api/session", {{"Cookie", jar}}));
  CHECK(who.status == 200);
  CHECK(who.json["user"]["id"] == 1);

  // Sign-out needs the custom header too.
  CHECK(to_response(s.client()->Delete("/api/session", {{"Cookie", jar}})).status == 403);
  auto out = to_response(s.client()->Delete("/api/session", {{"Cookie", jar}, {"X-Requested-With", "t"}}));
  CHECK(out.status == 204);
  CHECK(out.header("Set-Cookie").find("Max-Age=0") != std::string::npos);
  CHECK(to_response(s.client()->Get("/api/session", {{"Cookie", jar}})).status == 401);
  CHECK(to_response(s.client()->Get("/api/v1/organization/users", {{"Cookie", jar}})).status == 401);
}

TEST_CASE("sign-in refuses wrong passwords, forms and malformed bodies") {
  auto& s = shared_server();
  auto post = [&](const std::string& body, const char* type) {
    return to_response(s.client()->Post("/api/session", body, type));
  };
  CHECK(post(R"({"email":"admin@roster.demo","password":"wrong"})", "application/json").status == 401);
  CHECK(post("email=admin%40roster.demo&password=roster-demo", "application/x-www-form-urlencoded").status == 415);
  CHECK(post("{not json", "application/json").status == 400);
  auto typed = post(R"({"email":"admin@roster.demo","password":42})", "application/json");
  CHECK(typed.status == 400);
  CHECK(typed.message().find("password") != std::string::npos);
  // A successful sign-in clears this account's failure count (not the address's) for the tests that follow.
  as_session(s, "admin@roster.demo", "roster-demo");
}

TEST_CASE("five failed sign-ins block the account for ten minutes, even with the right password") {
  ServerProcess s(shared_db().path);
  auto post = [&](const char* password) {
    json body = {{"email", "staff@roster.demo"}, {"password", password}};
    return to_response(s.client()->Post("/api/session", body.dump(), "application/json"));
  };
  for (int i = 0; i < 4; ++i) CHECK(post("wrong").status == 401);
  auto fifth = post("wrong");
  CHECK(fifth.status == 429);
  auto blocked = post("roster-demo");
  CHECK(blocked.status == 429);
  CHECK(blocked.message().find("10 minutes") != std::string::npos);
  CHECK(std::stoi(blocked.header("Retry-After")) > 590);
}

TEST_CASE("session mutations need X-Requested-With; bearer calls do not") {
  auto& s = shared_server();
  auto admin = as_session(s, "admin@roster.demo", "roster-demo");
  auto forged = admin.put("/api/v1/organization/users/role?userId=10&roleId=2", "", {{"X-Requested-With", ""}});
  // An empty header counts as absent.
  CHECK(forged.status == 403);
  CHECK(as_client(s, shared_db()).put("/api/v1/organization/users/role?userId=10&roleId=3").status == 200);
}
