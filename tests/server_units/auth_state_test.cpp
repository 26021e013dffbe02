#include "server/auth_state.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace roster::server;

TEST_CASE("the throttle: per account and per address, a success clears only its own account, the window slides") {
  LoginThrottle t;
  const std::int64_t t0 = 1'000'000'000;
  for (int i = 0; i < LoginThrottle::kPerAccount - 1; ++i) t.record_failure("admin", "10.0.0.1", t0 + i);
  CHECK(t.seconds_blocked("admin", "10.0.0.1", t0 + 10) == 0);
  t.record_success("staff");  // another account's success
  t.record_failure("admin", "10.0.0.1", t0 + 20);
  CHECK(t.seconds_blocked("admin", "10.0.0.1", t0 + 21) > 590);
  CHECK(t.seconds_blocked("admin", "10.0.0.2", t0 + 21) > 590);  // the account, from anywhere
  CHECK(t.seconds_blocked("staff", "10.0.0.1", t0 + 21) == 0);
  CHECK(t.seconds_blocked("admin", "10.0.0.1", t0 + 20 + LoginThrottle::kBlockMs) == 0);

  // Failures further apart than the window never add up.
  LoginThrottle slow;
  for (int i = 0; i < 10; ++i) slow.record_failure("user", "10.0.0.3", t0 + i * (LoginThrottle::kWindowMs + 1));
  CHECK(slow.seconds_blocked("user", "10.0.0.3", t0 + 10 * (LoginThrottle::kWindowMs + 1)) == 0);

  // Many accounts from one address block the address.
  LoginThrottle spray;
  for (int i = 0; i < LoginThrottle::kPerAddress; ++i) spray.record_failure("u" + std::to_string(i), "10.0.0.4", t0);
  CHECK(spray.seconds_blocked("fresh-account", "10.0.0.4", t0 + 1) > 590);
  CHECK(spray.seconds_blocked("fresh-account", "10.0.0.5", t0 + 1) == 0);

  spray.sweep(t0 + LoginThrottle::kWindowMs + LoginThrottle::kBlockMs + 1);
  CHECK(spray.entries() == 0);
}

TEST_CASE("expired tokens, used and expired refresh tokens, ended sessions are swept") {
  AuthState auth(60, 3600);
  const std::int64_t t0 = 1'000'000'000;
  auto issued = auth.issue_tokens("client", 1, t0);
  auth.issue_tokens("client", 1, t0);
  auto s1 = auth.open_session(7, t0);
  CHECK(auth.sizes().access_tokens == 2);
  CHECK(auth.redeem_refresh(issued.refresh_token, "client", t0));
  CHECK_FALSE(auth.redeem_refresh(issued.refresh_token, "client", t0));
  CHECK(auth.sizes().refresh_tokens == 1);  // a used refresh token is gone at once
  auth.sweep(t0 + 30'000);
  CHECK(auth.sizes().access_tokens == 2);
  auth.sweep(t0 + 61'000);
  CHECK(auth.sizes().access_tokens == 0);
  CHECK(auth.sizes().sessions == 1);
  auth.sweep(t0 + 3'601'000);
  CHECK(auth.sizes().sessions == 0);
  CHECK_FALSE(auth.session(s1, t0 + 3'601'000));
  CHECK(auth.sizes().refresh_tokens == 1);
  auth.sweep(t0 + AuthState::kRefreshTtlMs + 1);
  CHECK(auth.sizes().refresh_tokens == 0);
}

TEST_CASE("live sessions are capped per user, oldest signed out first; other users keep theirs") {
  AuthState auth(60, 3600);
  const std::int64_t t0 = 1'000'000'000;
  std::vector<std::string> ids;
  auto other = auth.open_session(2, t0);
  for (std::size_t i = 0; i < AuthState::kMaxSessionsPerUser + 2; ++i) ids.push_back(auth.open_session(1, t0 + 1));
  CHECK_FALSE(auth.session(ids[0], t0 + 2));
  CHECK_FALSE(auth.session(ids[1], t0 + 2));
  for (std::size_t i = 2; i < ids.size(); ++i) CHECK(auth.session(ids[i], t0 + 2));
  CHECK(auth.session(other, t0 + 2));
  auth.close_session(ids[5]);
  CHECK(auth.sizes().sessions == AuthState::kMaxSessionsPerUser);  // 9 of user 1 and user 2's one
}
