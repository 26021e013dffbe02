#include "server/auth_state.h"

#include "server/http_util.h"

namespace roster::server {

IssuedTokens AuthState::issue_tokens(const std::string& client_id, std::int32_t org_id, std::int64_t now) {
  IssuedTokens out{random_token(24), random_token(24), token_ttl_s_};
  std::lock_guard<std::mutex> lock(mutex_);
  // Drop expired grants now and then so that a long-running server does not grow without bound.
  if (access_.size() > 10000)
    for (auto it = access_.begin(); it != access_.end();) it = it->second.expires_at_ms <= now ? access_.erase(it) : ++it;
  access_[out.access_token] = {client_id, org_id, now + token_ttl_s_ * 1000};
  // Refresh tokens outlive access tokens (30 days) but are single-use.
  refresh_[out.refresh_token] = {client_id, org_id, now + 30LL * 86400 * 1000};
  return out;
}

std::optional<TokenGrant> AuthState::access(const std::string& token, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = access_.find(token);
  if (it == access_.end()) return std::nullopt;
  if (it->second.expires_at_ms <= now) {
    access_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

std::optional<TokenGrant> AuthState::redeem_refresh(const std::string& token, const std::string& client_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = refresh_.find(token);
  if (it == refresh_.end() || it->second.client_id != client_id) return std::nullopt;
  TokenGrant grant = it->second;
  refresh_.erase(it);
  if (grant.expires_at_ms <= now_ms()) return std::nullopt;
  return grant;
}

std::string AuthState::open_session(std::int64_t user_id, std::int64_t now) {
  std::string id = random_token(32);
  std::lock_guard<std::mutex> lock(mutex_);
  sessions_[id] = {user_id, now + session_ttl_s_ * 1000};
  return id;
}

std::optional<Session> AuthState::session(const std::string& id, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (it->second.expires_at_ms <= now) {
    sessions_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void AuthState::close_session(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  sessions_.erase(id);
}

std::int64_t AuthState::seconds_blocked(const std::string& address, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = failures_.find(address);
  if (it == failures_.end() || it->second.blocked_until <= now) return 0;
  return (it->second.blocked_until - now + 999) / 1000;
}

void AuthState::record_failure(const std::string& address, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& f = failures_[address];
  // Failures older than the block window are forgotten; the count starts again.
  if (now - f.last > kBlockMs) f.count = 0;
  f.last = now;
  if (++f.count >= kMaxFailures) {
    f.blocked_until = now + kBlockMs;
    f.count = 0;
  }
}

void AuthState::record_success(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  failures_.erase(address);
}

std::int64_t RateLimiter::acquire(std::int32_t org_id, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& w = windows_[org_id];
  if (now - w.start >= 60000) {
    w.start = now;
    w.count = 0;
  }
  if (w.count >= per_minute_) return (w.start + 60000 - now + 999) / 1000;
  ++w.count;
  return 0;
}

}  // namespace roster::server
