// The proxy's rate budget and JSON depth guard, in-process: a wall or test clock that goes back
// must not shut the budget for as long as it went back, and nesting is counted outside strings.
#include "server/http/request_reply.h"
#include "server/proxy/upstream_budget.h"

#include <doctest/doctest.h>

using roster::server::json_depth_within;
using roster::server::proxy::UpstreamBudget;

TEST_CASE("the upstream budget refills again at once after its clock went back") {
  UpstreamBudget budget(600);  // a bucket of 60, then 540 over the minute: 9 a second
  const std::int64_t t = 5'000'000'000;
  int granted = 0;
  while (budget.acquire(t) == 0) ++granted;
  CHECK(granted == 60);
  const std::int64_t back = t - 3'600'000;  // an hour earlier
  CHECK(budget.acquire(back) >= 1);
  CHECK(budget.acquire(back + 1'000) == 0);  // a second later there are tokens again, not an hour later
}

TEST_CASE("an upstream hold is never longer than its cap, even after the clock went back") {
  UpstreamBudget budget(600);
  const std::int64_t t = 5'000'000'000;
  budget.hold_off("30", t);
  CHECK(budget.held_for_s(t) == 30);
  CHECK(budget.held_for_s(t - 3'600'000) <= UpstreamBudget::kMaxHoldMs / 1000);
  CHECK(budget.acquire(t - 3'600'000 + UpstreamBudget::kMaxHoldMs + 1) == 0);
}

TEST_CASE("a Retry-After up to the end of int64 holds for the cap, it does not overflow into no hold") {
  const std::int64_t t = 5'000'000'000;
  for (const char* header : {"9223372036854775807", "9223372036854776", "600000"}) {
    CAPTURE(header);
    UpstreamBudget budget(600);
    budget.hold_off(header, t);
    CHECK(budget.held_for_s(t) == UpstreamBudget::kMaxHoldMs / 1000);
    CHECK(budget.acquire(t + 1'000) > 0);
  }
  UpstreamBudget junk(600);
  junk.hold_off("soon", t);  // not a number: the default hold
  CHECK(junk.held_for_s(t) == UpstreamBudget::kDefaultHoldMs / 1000);
}

TEST_CASE("JSON nesting is measured outside strings") {
  CHECK(json_depth_within(R"({"a":[{"b":[1,2]}]})", 4));
  CHECK_FALSE(json_depth_within(R"({"a":[{"b":[[1]]}]})", 4));
  CHECK(json_depth_within(R"({"a":"[[[[[[[[\"[[[["})", 1));  // brackets and an escaped quote in a string
  CHECK_FALSE(json_depth_within(std::string(100'000, '[') + std::string(100'000, ']')));
  CHECK(json_depth_within(std::string(64, '[') + std::string(64, ']')));
}
