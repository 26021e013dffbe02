#include "server/auth_state.h"

#include "server/http_util.h"

namespace roster::server {

IssuedTokens AuthState::issue_tokens(const std::string& client_id, std::int32_t org_id, std::int64_t now) {
  IssuedTokens out{random_token(24), random_token(24), token_ttl_s_};
  std::lock_guard<std::mutex> lock(mutex_);
  access_[out.access_token] = {client_id, org_id, now + token_ttl_s_ * 1000};
  // Refresh tokens outlive access tokens (30 days) but are single-use.
  refresh_[out.refresh_token] = {client_id, org_id, now + kRefreshTtlMs};
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

std::optional<TokenGrant> AuthState::redeem_refresh(const std::string& token, const std::string& client_id,
                                                    std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = refresh_.find(token);
  if (it == refresh_.end() || it->second.client_id != client_id) return std::nullopt;
  TokenGrant grant = it->second;
  refresh_.erase(it);
  if (grant.expires_at_ms <= now) return std::nullopt;
  return grant;
}

namespace {

void forget(std::unordered_map<std::int64_t, std::deque<std::string>>& by_user, std::int64_t user_id,
            const std::string& id) {
  auto it = by_user.find(user_id);
  if (it == by_user.end()) return;
  auto& ids = it->second;
  for (auto i = ids.begin(); i != ids.end(); ++i)
    if (*i == id) {
      ids.erase(i);
      break;
    }
  if (ids.empty()) by_user.erase(it);
}

}  // namespace

std::string AuthState::open_session(std::int64_t user_id, std::int64_t now) {
  std::string id = random_token(32);
  std::lock_guard<std::mutex> lock(mutex_);
  auto& mine = user_sessions_[user_id];
  while (mine.size() >= kMaxSessionsPerUser) {  // the oldest session of this user is signed out
    sessions_.erase(mine.front());
    mine.pop_front();
  }
  mine.push_back(id);
  sessions_[id] = {user_id, now + session_ttl_s_ * 1000};
  return id;
}

std::optional<Session> AuthState::session(const std::string& id, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (it->second.expires_at_ms <= now) {
    forget(user_sessions_, it->second.user_id, id);
    sessions_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void AuthState::close_session(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return;
  forget(user_sessions_, it->second.user_id, id);
  sessions_.erase(it);
}

void AuthState::sweep(std::int64_t now) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto* grants : {&access_, &refresh_})
      for (auto it = grants->begin(); it != grants->end();)
        it = it->second.expires_at_ms <= now ? grants->erase(it) : std::next(it);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      if (it->second.expires_at_ms > now) {
        ++it;
        continue;
      }
      forget(user_sessions_, it->second.user_id, it->first);
      it = sessions_.erase(it);
    }
  }
  throttle_.sweep(now);
}

AuthState::Sizes AuthState::sizes() {
  std::size_t throttle_entries = throttle_.entries();
  std::lock_guard<std::mutex> lock(mutex_);
  return {access_.size(), refresh_.size(), sessions_.size(), throttle_entries};
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
