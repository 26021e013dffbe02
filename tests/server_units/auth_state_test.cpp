// In-process tests of the sign-in throttle and of the expiry and caps of tokens and sessions.
#include "server/session/auth_state.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace roster::server;

namespace {

void failures(LoginThrottle& t, const std::string& account, const std::string& address, int n, std::int64_t now) {
  for (int i = 0; i < n; ++i) {
    REQUIRE(t.seconds_blocked(account, address, now) == 0);
    t.finish(account, address, false, now);
  }
}

}  // namespace

TEST_CASE("the throttle: per account and per address, a success clears only its own account, the window slides") {
  LoginThrottle t;
  const std::int64_t t0 = 1'000'000'000;
  failures(t, "admin", "10.0.0.1", LoginThrottle::kPerAccount - 1, t0);
  CHECK(t.seconds_blocked("admin", "10.0.0.1", t0 + 10) == 0);
  REQUIRE(t.seconds_blocked("staff", "10.0.0.1", t0 + 11) == 0);
  t.finish("staff", "10.0.0.1", true, t0 + 11);  // another account's success
  failures(t, "admin", "10.0.0.1", 1, t0 + 20);
  CHECK(t.seconds_blocked("admin", "10.0.0.1", t0 + 21) > 590);
  CHECK(t.seconds_blocked("admin", "10.0.0.2", t0 + 21) > 590);  // the account, from anywhere
  CHECK(t.seconds_blocked("staff", "10.0.0.1", t0 + 21) == 0);
  CHECK(t.seconds_blocked("admin", "10.0.0.1", t0 + 20 + LoginThrottle::kBlockMs) == 0);

  // Failures further apart than the window never add up.
  LoginThrottle slow;
  for (int i = 0; i < 10; ++i) failures(slow, "user", "10.0.0.3", 1, t0 + i * (LoginThrottle::kWindowMs + 1));
  CHECK(slow.seconds_blocked("user", "10.0.0.3", t0 + 10 * (LoginThrottle::kWindowMs + 1)) == 0);

  // Many accounts from one address block the address.
  LoginThrottle spray;
  for (int i = 0; i < LoginThrottle::kPerAddress; ++i) failures(spray, "u" + std::to_string(i), "10.0.0.4", 1, t0);
  CHECK(spray.seconds_blocked("fresh-account", "10.0.0.4", t0 + 1) > 590);
  CHECK(spray.seconds_blocked("fresh-account", "10.0.0.5", t0 + 1) == 0);

  spray.sweep(t0 + LoginThrottle::kWindowMs + LoginThrottle::kBlockMs + 1);
  CHECK(spray.entries() == 0);
}

// The primitive only: that sign-ins use it, so that concurrent guesses cannot pass the limit, is
// shown over HTTP by tests/server/sign_in_turns_test.cpp (which fails if the turn is left out).
TEST_CASE("the throttle: one_at_a_time() on one account waits for the turn held before it") {
  LoginThrottle t;
  auto mine = t.one_at_a_time("admin");
  std::atomic<int> state{0};
  std::atomic<bool> started{false};
  std::thread same([&] {
    started = true;
    auto turn = t.one_at_a_time("admin");
    state = 1;
  });
  while (!started) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(state == 0);  // waits while the first attempt is being checked
  mine.unlock();
  same.join();
  CHECK(state == 1);
}

TEST_CASE("the throttle keeps counting when full: the least recently failed entry makes room") {
  LoginThrottle t;
  const std::int64_t t0 = 1'000'000'000;
  failures(t, "victim", "10.1.0.1", LoginThrottle::kPerAccount, t0);
  REQUIRE(t.seconds_blocked("victim", "10.1.0.2", t0 + 1) > 0);
  // Fill the table with other names, from many addresses (so that no address is blocked).
  for (std::size_t i = 0; i + 1 < LoginThrottle::kMaxEntries; ++i)
    failures(t, "n" + std::to_string(i), "10.2." + std::to_string(i / 250 % 250) + "." + std::to_string(i % 250), 1,
             t0 + 2);
  CHECK(t.seconds_blocked("victim", "10.1.0.2", t0 + 3) > 0);  // still held: the table had room for it
  failures(t, "newcomer", "10.3.0.1", LoginThrottle::kPerAccount, t0 + 4);
  CHECK(t.seconds_blocked("newcomer", "10.3.0.2", t0 + 5) > 0);  // counted although the table was full
  CHECK(t.seconds_blocked("victim", "10.1.0.2", t0 + 5) == 0);   // the least recently failed made room
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

TEST_CASE("tokens are capped per OAuth client: the oldest are revoked first, other clients keep theirs") {
  AuthState auth(3600, 3600);
  const std::int64_t t0 = 1'000'000'000;
  auto other = auth.issue_tokens("other", 2, t0);
  auto first = auth.issue_tokens("busy", 1, t0);
  for (std::size_t i = 0; i < AuthState::kMaxTokensPerClient + 50; ++i) auth.issue_tokens("busy", 1, t0 + 1);
  CHECK(auth.sizes().access_tokens == AuthState::kMaxTokensPerClient + 1);
  CHECK(auth.sizes().refresh_tokens == AuthState::kMaxTokensPerClient + 1);
  CHECK_FALSE(auth.access(first.access_token, t0 + 2));
  CHECK_FALSE(auth.redeem_refresh(first.refresh_token, "busy", t0 + 2));
  CHECK(auth.access(other.access_token, t0 + 2));
}

TEST_CASE("end_user_sessions ends every session of that user only, at once") {
  roster::server::AuthState auth(3600, 3600);
  auto a = auth.open_session(7, 1000), b = auth.open_session(7, 1000), other = auth.open_session(8, 1000);
  CHECK(auth.end_user_sessions(7) == 2);
  CHECK_FALSE(auth.session(a, 1001));
  CHECK_FALSE(auth.session(b, 1001));
  CHECK(auth.session(other, 1001));
  CHECK(auth.end_user_sessions(7) == 0);
  // A new sign-in after it works as before.
  auto c = auth.open_session(7, 1002);
  CHECK(auth.session(c, 1003));
}
