// Who is calling: OAuth2 access and refresh tokens (refresh tokens work once) and console sessions
// (cookie ids, at most kMaxSessionsPerUser a user: the oldest is signed out first), with the sign-in
// throttle beside them. In memory and thread-safe; sweep() drops what has expired, so a server that
// runs for months does not grow. A restart signs everyone out, which a reference server can afford.
#pragma once

#include "server/session/login_throttle.h"

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace roster::server {

struct TokenGrant {
  std::string client_id;
  std::int32_t org_id = 0;
  std::int64_t expires_at_ms = 0;
};

struct Session {
  std::int64_t user_id = 0;
  std::int64_t expires_at_ms = 0;
};

struct IssuedTokens {
  std::string access_token, refresh_token;
  std::int64_t expires_in_s = 0;
};

class AuthState {
 public:
  AuthState(std::int64_t token_ttl_s, std::int64_t session_ttl_s)
      : token_ttl_s_(token_ttl_s), session_ttl_s_(session_ttl_s) {}

  IssuedTokens issue_tokens(const std::string& client_id, std::int32_t org_id, std::int64_t now);
  std::optional<TokenGrant> access(const std::string& token, std::int64_t now);
  // Consumes the refresh token: a second use finds nothing.
  std::optional<TokenGrant> redeem_refresh(const std::string& token, const std::string& client_id, std::int64_t now);

  std::string open_session(std::int64_t user_id, std::int64_t now);
  std::optional<Session> session(const std::string& id, std::int64_t now);
  void close_session(const std::string& id);
  // Ends every session of the user at once (suspended, deleted, or "End sessions"); the count ended.
  // Bearer tokens belong to OAuth clients and kiosks, never to a user, so there are none to end here.
  std::size_t end_user_sessions(std::int64_t user_id);
  std::int64_t session_ttl_s() const { return session_ttl_s_; }

  LoginThrottle& throttle() { return throttle_; }

  // Removes expired access and refresh tokens, ended sessions and stale throttle entries.
  void sweep(std::int64_t now);
  struct Sizes {
    std::size_t access_tokens, refresh_tokens, sessions, throttle_entries;
  };
  Sizes sizes();

  static constexpr std::size_t kMaxSessionsPerUser = 10;
  // Live access tokens and refresh tokens per OAuth client; the oldest are revoked first.
  static constexpr std::size_t kMaxTokensPerClient = 100;
  static constexpr std::int64_t kRefreshTtlMs = 30LL * 86400 * 1000;

 private:
  std::mutex mutex_;
  std::int64_t token_ttl_s_, session_ttl_s_;
  std::unordered_map<std::string, TokenGrant> access_;
  std::unordered_map<std::string, TokenGrant> refresh_;
  std::unordered_map<std::string, Session> sessions_;
  // Each client's live access and refresh tokens, oldest first.
  std::unordered_map<std::string, std::deque<std::string>> client_access_, client_refresh_;
  // Each user's live session ids, oldest first.
  std::unordered_map<std::int64_t, std::deque<std::string>> user_sessions_;
  LoginThrottle throttle_;
};

// 10,000 requests a minute per organisation (configurable), in fixed one-minute windows.
class RateLimiter {
 public:
  explicit RateLimiter(std::int64_t per_minute) : per_minute_(per_minute) {}
  // 0 when allowed, else the seconds to wait (for Retry-After).
  std::int64_t acquire(std::int32_t org_id, std::int64_t now);

 private:
  struct Window {
    std::int64_t start = 0;
    std::int64_t count = 0;
  };
  std::mutex mutex_;
  std::int64_t per_minute_;
  std::unordered_map<std::int32_t, Window> windows_;
};

}  // namespace roster::server
