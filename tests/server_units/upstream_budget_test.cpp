// The proxy's rate budget's numbers and JSON depth guard, in-process: the bucket a rate makes, a
// Retry-After of any size held for at most the cap, and nesting counted outside strings.
#include "server/http/request_reply.h"
#include "server/proxy/upstream_budget.h"

#include <doctest/doctest.h>

using roster::server::json_depth_within;
using roster::server::proxy::UpstreamBudget;

TEST_CASE("the upstream budget's rule: a tenth at once, the rest refilled over the minute") {
  const auto r = UpstreamBudget::rule(600);  // a bucket of 60, then 540 over the minute: 9 a second
  CHECK(r.capacity == 60);
  CHECK(r.per_ms * 60'000 == doctest::Approx(540));
  CHECK(r.max_hold_ms == UpstreamBudget::kMaxHoldMs);
  CHECK(UpstreamBudget::rule(1).capacity == 1);  // at least one call at once
  // (The bucket itself is the store's, shared by every instance: tests/proxy_store checks it when the
  // clock goes back and under calls from several instances at once.)
}

TEST_CASE("a Retry-After up to the end of int64 holds for the cap, it does not overflow into no hold") {
  for (const char* header : {"9223372036854775807", "9223372036854776", "600000"}) {
    CAPTURE(header);
    CHECK(UpstreamBudget::hold_ms(header) == UpstreamBudget::kMaxHoldMs);
  }
  CHECK(UpstreamBudget::hold_ms("30") == 30'000);
  CHECK(UpstreamBudget::hold_ms("soon") == UpstreamBudget::kDefaultHoldMs);  // not a number: the default hold
  CHECK(UpstreamBudget::hold_ms("") == UpstreamBudget::kDefaultHoldMs);
  CHECK(UpstreamBudget::hold_ms("-5") == UpstreamBudget::kDefaultHoldMs);
}

TEST_CASE("JSON nesting is measured outside strings") {
  CHECK(json_depth_within(R"({"a":[{"b":[1,2]}]})", 4));
  CHECK_FALSE(json_depth_within(R"({"a":[{"b":[[1]]}]})", 4));
  CHECK(json_depth_within(R"({"a":"[[[[[[[[\"[[[["})", 1));  // brackets and an escaped quote in a string
  CHECK_FALSE(json_depth_within(std::string(100'000, '[') + std::string(100'000, ']')));
  CHECK(json_depth_within(std::string(64, '[') + std::string(64, ']')));
}
