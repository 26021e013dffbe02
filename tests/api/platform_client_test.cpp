// PlatformClient: each call decodes its answer into a model value, or an error with its kind, so the
// store never looks at HTTP statuses.
#include "api/api_client.h"
#include "api/platform_client.h"
#include "fake_transport.h"

#include <doctest/doctest.h>

#include <optional>

using namespace roster;
using roster::test::FakeTransport;

namespace {

// The kind of error "Get user info" reports for an answer with `status` and `body`.
api::ErrorKind kind_for(int status, const std::string& body) {
  FakeTransport t;
  api::ApiClient http(t, "");
  http.set_max_attempts(1);
  api::PlatformClient client(http);
  std::optional<api::Result<User>> got;
  client.user(
      7, [&](api::Result<User> r) { got = std::move(r); }, 0);
  REQUIRE(t.respond("/user?userId=7", status, body));
  REQUIRE(got.has_value());
  CHECK_FALSE(got->ok());
  CHECK_FALSE(got->error.message.empty());
  return got->kind;
}

}  // namespace

TEST_CASE("an answer decodes into the model value") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  std::optional<api::Result<User>> got;
  client.user(
      7, [&](api::Result<User> r) { got = std::move(r); }, 0);
  REQUIRE(t.respond("/user?userId=7", 200, R"({"id":7,"name":"Ann","email":"a@b.c","roleId":1,"orgId":1})"));
  REQUIRE(got.has_value());
  REQUIRE(got->ok());
  CHECK(got->kind == api::ErrorKind::None);
  CHECK(got->value->name == "Ann");
}

TEST_CASE("every failure has its kind") {
  CHECK(kind_for(0, "") == api::ErrorKind::Network);
  CHECK(kind_for(401, R"({"error":{"message":"Sign in"}})") == api::ErrorKind::Unauthorized);
  CHECK(kind_for(403, "{}") == api::ErrorKind::Forbidden);
  CHECK(kind_for(404, R"({"error":{"message":"User with identifier 7 is not found"}})") == api::ErrorKind::NotFound);
  CHECK(kind_for(409, "{}") == api::ErrorKind::Conflict);
  CHECK(kind_for(400, "{}") == api::ErrorKind::Invalid);
  CHECK(kind_for(429, "{}") == api::ErrorKind::RateLimited);
  CHECK(kind_for(503, "{}") == api::ErrorKind::Server);
  CHECK(kind_for(200, "not json") == api::ErrorKind::Malformed);
  CHECK(kind_for(200, R"({"id":"seven"})") == api::ErrorKind::Malformed);
}

TEST_CASE("a cancelled call never reports") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  bool called = false;
  auto id = client.roles([&](api::Result<std::vector<Role>>) { called = true; }, 0);
  client.cancel(id);
  t.respond("/roles", 200, "[]");
  CHECK_FALSE(called);
  CHECK(client.in_flight() == 0);
}
