// A session that ends on the server: the first 401 signs the console out once, telling the host page
// why (in the console's words, and the server's when they say more) and which route to return to.
#include "api/api_client.h"
#include "fake_transport.h"
#include "store/route.h"
#include "store/state_report.h"
#include "store/store.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace roster;
using roster::test::FakeTransport;

namespace {

// The console's own sentences, in English (no locale is chosen in these tests).
const char* kSessionEnded = "Your session has ended. Sign in again to continue.";
const char* kTokenRefused = "The console's access token is no longer accepted.";

const char* kSession = R"({"user":{"id":1,"name":"Ann","email":"a@b.c","roleId":1,"orgId":1},"orgName":"Acme"})";

std::vector<store::Event> signed_out_events(store::Store& s) {
  std::vector<store::Event> out;
  for (auto& e : s.take_events())
    if (e.name == "signedOut") out.push_back(e);
  return out;
}

}  // namespace

TEST_CASE("session: a 401 on a call signs out once with the reason and keeps the route") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::Store s(client);
  s.start(store::parse_route("#/users?q=ann&sort=Email"), true, 0);
  t.respond("/api/session", 200, kSession);
  s.tick(10);
  REQUIRE(s.session().has_value());
  s.take_events();
  // The session ends on the server; the next page's answer is a 401 with the generic words.
  t.respond("/search/users", 401,
            R"({"error":{"message":"Sign in, or send an access token (Authorization: Bearer ...)."}})");
  s.tick(20);
  auto events = signed_out_events(s);
  REQUIRE(events.size() == 1);
  auto j = nlohmann::json::parse(events[0].json);
  CHECK(j["reason"] == kSessionEnded);  // the developer wording is not repeated
  CHECK(j["route"] == "#/users?q=ann&sort=Email&order=asc");
  CHECK(s.signed_out());
  CHECK_FALSE(s.session().has_value());
  auto state = store::state_report(s, 0, 0);
  CHECK(state["signedIn"] == false);
  CHECK(state["signedOutReason"] == kSessionEnded);
  // Further 401s (other requests in flight) do not sign out again.
  t.respond("/roles", 401, "{}");
  s.tick(30);
  CHECK(signed_out_events(s).empty());
}

TEST_CASE("session: the server's words are added when they say more") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  store::Store s(client);
  s.start(store::parse_route("#/users"), true, 0);
  t.respond("/api/session", 401, R"({"error":{"message":"Your account was suspended by an administrator."}})");
  s.tick(10);
  auto events = signed_out_events(s);
  REQUIRE(events.size() == 1);
  auto j = nlohmann::json::parse(events[0].json);
  CHECK(j["reason"] ==
        std::string(kSessionEnded) + " The server said: Your account was suspended by an administrator.");
  CHECK(j["serverMessage"] == "Your account was suspended by an administrator.");
}

TEST_CASE("session: with a host's token, a 401 tells the host the token was refused") {
  FakeTransport t;
  api::ApiClient http(t, "");
  http.set_bearer("tok");
  api::PlatformClient client(http);
  store::Store s(client);
  s.start(store::parse_route("#/devices"), false, 0);
  t.respond("/devices", 401, R"({"error":{"message":"The access token is missing, unknown or expired."}})");
  s.tick(10);
  auto events = signed_out_events(s);
  REQUIRE(events.size() == 1);
  auto j = nlohmann::json::parse(events[0].json);
  CHECK(j["reason"] ==
        std::string(kTokenRefused) + " The server said: The access token is missing, unknown or expired.");
  CHECK(j["route"] == "#/devices");
}
