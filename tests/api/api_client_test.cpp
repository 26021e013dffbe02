// ApiClient: credentials, retries with backoff, 401 -> refresh -> retry once, cancellation.
#include "api/api_client.h"
#include "api/platform_api.h"
#include "fake_transport.h"

#include <doctest/doctest.h>

using namespace roster;
using roster::test::FakeTransport;

TEST_CASE("requests carry the base URL, the bearer token and the anti-forgery header on writes") {
  FakeTransport t;
  api::ApiClient client(t, "https://api.example");
  client.set_bearer("tok");
  client.send(api::user_request(42), nullptr, 0);
  CHECK(t.last().request.url == "https://api.example/api/v1/organization/user?userId=42");
  CHECK(t.last().request.headers[0] == std::make_pair(std::string("Authorization"), std::string("Bearer tok")));
  client.send(api::sign_out_request(), nullptr, 0);
  bool has_xrw = false;
  for (const auto& h : t.last().request.headers) has_xrw = has_xrw || h.first == "X-Requested-With";
  CHECK(has_xrw);
}

TEST_CASE("no answer, 429 and 503 are retried with backoff, then reported") {
  FakeTransport t;
  api::ApiClient client(t, "");
  int calls = 0, status = -1;
  client.send(
      api::roles_request(),
      [&](const api::HttpResponse& r) {
        ++calls;
        status = r.status;
      },
      1000);
  REQUIRE(t.respond("/roles", 0, ""));
  CHECK(calls == 0);
  CHECK(client.next_due_at() == 1400);
  client.tick(1399);
  CHECK(t.pending() == 0);
  client.tick(1400);
  CHECK(t.pending() == 1);
  REQUIRE(t.respond("/roles", 429, "{}", {{"Retry-After", "3"}}));
  CHECK(client.next_due_at() == 1400 + 3000);
  client.tick(4400);
  REQUIRE(t.respond("/roles", 503, R"({"error":{"message":"down"}})"));
  CHECK(calls == 1);  // three attempts used
  CHECK(status == 503);
  CHECK(client.in_flight() == 0);
}

TEST_CASE("400 and 404 are reported at once, without retries") {
  FakeTransport t;
  api::ApiClient client(t, "");
  int status = 0;
  client.send(
      api::user_request(1), [&](const api::HttpResponse& r) { status = r.status; }, 0);
  t.respond("/user", 404, R"({"error":{"message":"User with identifier 1 is not found"}})");
  CHECK(status == 404);
  CHECK(t.sent.size() == 1);
}

TEST_CASE("401 asks the refresher once and repeats the request once with the new token") {
  FakeTransport t;
  api::ApiClient client(t, "");
  client.set_bearer("old");
  int refreshes = 0;
  client.set_refresher([&](std::function<void(bool)> done) {
    ++refreshes;
    client.set_bearer("new");
    done(true);
  });
  int status = 0;
  client.send(
      api::roles_request(), [&](const api::HttpResponse& r) { status = r.status; }, 0);
  t.respond("/roles", 401, "{}");
  CHECK(refreshes == 1);
  REQUIRE(t.sent.size() == 2);
  CHECK(t.sent[1].request.headers[0].second == "Bearer new");
  // Still 401 after the refresh: reported, not refreshed again.
  t.respond("/roles", 401, "{}");
  CHECK(refreshes == 1);
  CHECK(status == 401);
}

TEST_CASE("a failed refresh reports the original 401") {
  FakeTransport t;
  api::ApiClient client(t, "");
  client.set_refresher([](std::function<void(bool)> done) { done(false); });
  int status = 0;
  client.send(
      api::roles_request(), [&](const api::HttpResponse& r) { status = r.status; }, 0);
  t.respond("/roles", 401, "{}");
  CHECK(status == 401);
  CHECK(t.sent.size() == 1);
}

TEST_CASE("a cancelled request never calls back, even when its answer arrives") {
  FakeTransport t;
  api::ApiClient client(t, "");
  bool called = false;
  auto id = client.send(
      api::roles_request(), [&](const api::HttpResponse&) { called = true; }, 0);
  client.cancel(id);
  CHECK(t.sent[0].cancelled);
  t.respond("/roles", 200, "[]");
  CHECK_FALSE(called);
}

TEST_CASE("decoders turn malformed and wrongly typed bodies into readable errors") {
  auto bad_json = api::decode_users_page({200, "{not json", {}});
  CHECK_FALSE(bad_json.ok());
  CHECK(bad_json.error.message.find("not JSON") != std::string::npos);
  auto wrong = api::decode_users_page({200, R"({"content":[{"id":"x"}],"totalElements":1})", {}});
  CHECK_FALSE(wrong.ok());
  CHECK(wrong.error.message.find("content[0]") != std::string::npos);
  auto huge = api::decode_users_page({200, std::string(5'000'000, '['), {}});
  CHECK_FALSE(huge.ok());
  auto html = api::decode_users_page({502, "<html>bad gateway</html>", {}});
  CHECK(html.error.message == "Bad gateway (HTTP 502)");
  auto ok = api::decode_users_page(
      {200, R"({"content":[{"id":7,"name":"Ann","email":"a@b.c","roleId":1,"orgId":1}],"totalElements":1})", {}});
  REQUIRE(ok.ok());
  CHECK(ok.value->content[0].name == "Ann");
}

TEST_CASE("users requests: list or search endpoint, filters, sort and scope") {
  UsersQuery q;
  CHECK(api::users_page_request(q, 2, 100).url == "/api/v1/organization/users?page=2&size=100&includeSubOrgUsers=true");
  q.text = "Олена K";
  q.sort_label = "Registered At";
  q.descending = true;
  q.role_ids = {1, 2};
  q.statuses = {"Active"};
  q.preset = UserPreset::NoDevices;
  auto url = api::users_page_request(q, 0, 50).url;
  CHECK(url.rfind("/api/v1/organization/search/users?query=%D0%9E%D0%BB%D0%B5%D0%BD%D0%B0%20K&", 0) == 0);
  CHECK(url.find("sortBy=Registered%20At&sortOrder=DESC") != std::string::npos);
  CHECK(url.find("withNoDevices=true") != std::string::npos);
  CHECK(url.find("roleId=1&roleId=2&status=Active") != std::string::npos);
  q.preset = UserPreset::OrgMembers;
  q.org_id = 7;
  CHECK(api::users_page_request(q, 0, 50).url.find("includeSubOrgUsers=false&orgId=7") != std::string::npos);
}
