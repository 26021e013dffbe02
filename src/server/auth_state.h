// Who is calling: OAuth2 access and refresh tokens (refresh tokens work once), console sessions
// (cookie ids), and the sign-in throttle (five failures from one address block it for ten minutes).
// In memory and thread-safe; a restart signs everyone out, which a reference server can afford.
#pragma once

#include <cstdint>
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
  AuthState(std::int64_t token_ttl_s, std::int64_t session_ttl_s) : token_ttl_s_(token_ttl_s), session_ttl_s_(session_ttl_s) {}

  IssuedTokens issue_tokens(const std::string& client_id, std::int32_t org_id, std::int64_t now);
  std::optional<TokenGrant> access(const std::string& token, std::int64_t now);
  // Consumes the refresh token: a second use finds nothing.
  std::optional<TokenGrant> redeem_refresh(const std::string& token, const std::string& client_id);

  std::string open_session(std::int64_t user_id, std::int64_t now);
  std::optional<Session> session(const std::string& id, std::int64_t now);
  void close_session(const std::string& id);
  std::int64_t session_ttl_s() const { return session_ttl_s_; }

  // Sign-in throttle by client address. seconds_blocked() > 0 means refuse without checking.
  std::int64_t seconds_blocked(const std::string& address, std::int64_t now);
  void record_failure(const std::string& address, std::int64_t now);
  void record_success(const std::string& address);

  static constexpr int kMaxFailures = 5;
  static constexpr std::int64_t kBlockMs = 10 * 60 * 1000;

 private:
  struct Failures {
    int count = 0;
    std::int64_t blocked_until = 0;
    std::int64_t last = 0;
  };

  std::mutex mutex_;
  std::int64_t token_ttl_s_, session_ttl_s_;
  std::unordered_map<std::string, TokenGrant> access_;
  std::unordered_map<std::string, TokenGrant> refresh_;
  std::unordered_map<std::string, Session> sessions_;
  std::unordered_map<std::string, Failures> failures_;
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
