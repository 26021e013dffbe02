// Every request has a deadline: a server that takes the connection and never answers gets a timed-out
// answer with words, at once and without retries, and the transport's own limit frees the connection
// a little later. Conditional requests: a 304 decodes to "not modified", and the health note says
// whether the server answers at all.
#include "api/api_client.h"
#include "api/platform_api.h"
#include "api/platform_client.h"
#include "fake_transport.h"

#include <doctest/doctest.h>

using namespace roster;
using roster::test::FakeTransport;

TEST_CASE("a request that never answers times out in words, once, and frees the transport") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  std::optional<api::Result<std::vector<Role>>> got;
  client.roles([&](api::Result<std::vector<Role>> r) { got = std::move(r); }, 1000);
  REQUIRE(t.sent.size() == 1);
  CHECK(t.sent[0].request.timeout_ms == api::ApiClient::kRequestTimeoutMs + api::ApiClient::kTransportGraceMs);
  CHECK(client.next_due_at() == 1000 + api::ApiClient::kRequestTimeoutMs);

  client.tick(1000 + api::ApiClient::kRequestTimeoutMs - 1);
  CHECK_FALSE(got);
  client.tick(1000 + api::ApiClient::kRequestTimeoutMs);
  REQUIRE(got);
  CHECK(got->kind == api::ErrorKind::Timeout);
  CHECK(got->error.message.find("not answering") != std::string::npos);
  CHECK(t.sent[0].cancelled);  // its answer, should it come after all, is dropped
  CHECK(t.sent.size() == 1);   // no retry: the person (or the kiosk) decides
  CHECK(client.in_flight() == 0);
  CHECK(client.next_due_at() == -1);
  CHECK(client.health().failing_since == 1000 + api::ApiClient::kRequestTimeoutMs);
  CHECK(client.health().last_failure_timed_out);

  // A late answer to the abandoned request changes nothing.
  t.answer(t.sent[0], 200, "[]");
  t.deliver();
  CHECK(got->kind == api::ErrorKind::Timeout);
}

TEST_CASE("the deadline is per attempt: a retried request gets a fresh one") {
  FakeTransport t;
  api::ApiClient http(t, "");
  int calls = 0;
  http.send(
      api::roles_request(), [&](const api::HttpResponse&) { ++calls; }, 0);
  REQUIRE(t.respond("/roles", 503, ""));
  CHECK(http.next_due_at() == 400);  // the retry, not a deadline
  http.tick(400);
  REQUIRE(t.sent.size() == 2);
  CHECK(http.next_due_at() == 400 + api::ApiClient::kRequestTimeoutMs);
  http.tick(400 + api::ApiClient::kRequestTimeoutMs);
  CHECK(calls == 1);
}

TEST_CASE("health: any answer is the server answering; no answer, timeouts and 5xx are failures; 401 is noted") {
  FakeTransport t;
  api::ApiClient http(t, "");
  http.set_max_attempts(1);
  auto send = [&](std::int64_t at) {
    http.send(
        api::roles_request(), [](const api::HttpResponse&) {}, at);
  };
  send(100);
  REQUIRE(t.respond("/roles", 0, ""));
  CHECK(http.health().failing_since == 100);
  send(200);
  REQUIRE(t.respond("/roles", 500, R"({"error":{"message":"boom"}})"));
  CHECK(http.health().failing_since == 100);  // the outage began at the first failure
  CHECK(http.health().failures == 2);
  send(300);
  REQUIRE(t.respond("/roles", 404, ""));
  CHECK(http.health().failing_since == -1);
  send(400);
  REQUIRE(t.respond("/roles", 401, R"({"error":{"message":"This kiosk token was revoked."}})"));
  CHECK(http.health().refused == "This kiosk token was revoked.");
  send(500);
  REQUIRE(t.respond("/roles", 200, "[]"));
  CHECK(http.health().refused.empty());
}

TEST_CASE("a conditional page request: If-None-Match goes out, a 304 is not modified, the ETag comes back") {
  FakeTransport t;
  api::ApiClient http(t, "");
  api::PlatformClient client(http);
  std::optional<api::Result<Page<User>>> got;
  client.users_page(
      UsersQuery{}, 0, 100, [&](api::Result<Page<User>> r) { got = std::move(r); }, 0, "\"abc\"");
  bool conditional = false;
  for (const auto& h : t.last().request.headers)
    conditional = conditional || (h.first == "If-None-Match" && h.second == "\"abc\"");
  CHECK(conditional);
  REQUIRE(t.respond("/users", 304, "", {{"ETag", "\"abc\""}}));
  REQUIRE(got);
  CHECK(got->not_modified);
  CHECK_FALSE(got->ok());
  CHECK(got->kind == api::ErrorKind::None);
  CHECK(http.take_not_modified() == 1);
  CHECK(http.take_not_modified() == 0);

  got.reset();
  client.users_page(
      UsersQuery{}, 0, 100, [&](api::Result<Page<User>> r) { got = std::move(r); }, 0);
  for (const auto& h : t.last().request.headers) CHECK(h.first != "If-None-Match");
  REQUIRE(t.respond("/users", 200, R"({"content":[],"totalElements":0})", {{"ETag", "\"def\""}}));
  REQUIRE(got);
  CHECK(got->ok());
  CHECK(got->etag == "\"def\"");
}
