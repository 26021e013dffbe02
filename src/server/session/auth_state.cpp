#include "server/session/auth_state.h"

#include "server/base/random_token.h"

namespace roster::server {

namespace {

// Remembers `token` as `owner`'s newest; revokes the oldest past `cap` (from `grants` too).
template <typename Key, typename Grants>
void remember(std::unordered_map<Key, std::deque<std::string>>& by_owner, const Key& owner, const std::string& token,
              Grants& grants, std::size_t cap) {
  auto& mine = by_owner[owner];
  while (mine.size() >= cap) {
    grants.erase(mine.front());
    mine.pop_front();
  }
  mine.push_back(token);
}

// Forgets `token` of `owner` (the token itself is erased by the caller).
template <typename Key>
void forget(std::unordered_map<Key, std::deque<std::string>>& by_owner, const Key& owner, const std::string& token) {
  auto it = by_owner.find(owner);
  if (it == by_owner.end()) return;
  auto& ids = it->second;
  for (auto i = ids.begin(); i != ids.end(); ++i)
    if (*i == token) {
      ids.erase(i);
      break;
    }
  if (ids.empty()) by_owner.erase(it);
}

}  // namespace

IssuedTokens AuthState::issue_tokens(const std::string& client_id, std::int32_t org_id, std::int64_t now) {
  IssuedTokens out{random_token(24), random_token(24), token_ttl_s_};
  std::lock_guard<std::mutex> lock(mutex_);
  // A client that asks for token after token keeps only its newest ones alive.
  remember(client_access_, client_id, out.access_token, access_, kMaxTokensPerClient);
  remember(client_refresh_, client_id, out.refresh_token, refresh_, kMaxTokensPerClient);
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
    forget(client_access_, it->second.client_id, token);
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
  forget(client_refresh_, grant.client_id, token);
  refresh_.erase(it);
  if (grant.expires_at_ms <= now) return std::nullopt;
  return grant;
}

std::string AuthState::open_session(std::int64_t user_id, std::int64_t now) {
  std::string id = random_token(32);
  std::lock_guard<std::mutex> lock(mutex_);
  remember(user_sessions_, user_id, id, sessions_, kMaxSessionsPerUser);  // the oldest is signed out
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

std::size_t AuthState::end_user_sessions(std::int64_t user_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = user_sessions_.find(user_id);
  if (it == user_sessions_.end()) return 0;
  const std::size_t n = it->second.size();
  for (const auto& id : it->second) sessions_.erase(id);
  user_sessions_.erase(it);
  return n;
}

void AuthState::sweep(std::int64_t now) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto [grants, by_client] : {std::pair{&access_, &client_access_}, std::pair{&refresh_, &client_refresh_}})
      for (auto it = grants->begin(); it != grants->end();) {
        if (it->second.expires_at_ms > now) {
          ++it;
          continue;
        }
        forget(*by_client, it->second.client_id, it->first);
        it = grants->erase(it);
      }
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
