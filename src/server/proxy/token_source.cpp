#include "server/proxy/token_source.h"

#include "model/api_error.h"
#include "model/oauth_token.h"
#include "model/sha256.h"
#include "model/validation.h"
#include "server/base/percent_encode.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

namespace roster::server::proxy {

TokenOutcome TokenSource::current(std::int64_t now_ms) {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    const bool valid = held_ && now_ms < held_->expires_at;
    const bool due = !held_ || now_ms >= held_->renew_at;
    if (valid && (!due || renewing_)) return {held_->access, 0, ""};
    if (!valid && now_ms < failed_until_) return failure_;
    if (!renewing_) break;
    // Another thread is renewing and the old token (if any) has expired: wait for its outcome.
    renewed_.wait(lock, [this] { return !renewing_; });
  }
  if (now_ms < failed_until_ && held_ && now_ms < held_->expires_at) return {held_->access, 0, ""};
  renewing_ = true;
  lock.unlock();
  renew(now_ms);
  lock.lock();
  renewing_ = false;
  renewed_.notify_all();
  if (held_ && now_ms < held_->expires_at) return {held_->access, 0, ""};
  return failure_;
}

void TokenSource::refused(const std::string& token) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (held_ && held_->access == token) held_->expires_at = held_->renew_at = 0;
}

std::string TokenSource::redact(std::string text) const {
  std::vector<std::string> secrets = {secret_, percent_encode(secret_), base64_encode(client_id_ + ":" + secret_)};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (held_) secrets.insert(secrets.end(), {held_->access, held_->refresh});
  }
  for (const auto& s : secrets) {
    if (s.size() < 4) continue;  // nothing that short is a secret, and cutting it would garble words
    const std::string mark = "[redacted]";
    // Searched on after the mark: a token such as "dact" (the upstream chooses them) must not be
    // found again inside it for ever.
    for (auto pos = text.find(s); pos != std::string::npos; pos = text.find(s, pos + mark.size()))
      text.replace(pos, s.size(), mark);
  }
  return text;
}

int TokenSource::renewals() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return renewals_;
}

TokenSource::Outcome TokenSource::ask(const std::string& grant_query, std::int64_t now_ms, std::string& problem) {
  UpstreamRequest req;
  req.method = "POST";
  req.target = "/oauth2/token?" + grant_query;
  req.authorization = "Basic " + base64_encode(client_id_ + ":" + secret_);
  auto answer = upstream_.send(req);
  bool rejected = false;
  if (answer.failure != UpstreamFailure::None) {
    std::lock_guard<std::mutex> lock(mutex_);
    failure_ = {"", answer.failure == UpstreamFailure::Timeout ? 504 : 502,
                "The Blynk server at " + upstream_.endpoint().origin() +
                    " could not give the proxy a token: " + answer.detail + "."};
    problem = failure_.message;
    return Outcome::Unreachable;
  }
  if (answer.status == 200) {
    OAuthToken t;
    std::string error;
    auto j = nlohmann::json::parse(answer.body, nullptr, false);
    if (!j.is_discarded() && decode(j, t, error) && !t.access_token.empty() && t.expires_in > 0) {
      // Renewed a fifth of its life before it ends (at most a minute before): requests in flight
      // near the end still carry a valid token.
      // At most a year: a larger expires_in (up to int64's end) would overflow the arithmetic below.
      const std::int64_t life = std::min<std::int64_t>(t.expires_in, kMaxTokenLifeS) * 1000,
                         margin = std::min<std::int64_t>(60'000, life / 5);
      std::lock_guard<std::mutex> lock(mutex_);
      held_ = Held{t.access_token, t.refresh_token.value_or(""), now_ms + life - margin, now_ms + life};
      ++renewals_;
      std::fprintf(stderr, "roster-server proxy: obtained an access token (%s), valid %lld s\n",
                   grant_query.rfind("grant_type=refresh_token", 0) == 0 ? "refresh token" : "client credentials",
                   static_cast<long long>(t.expires_in));
      return Outcome::Token;
    }
    problem = "the token answer was not understood";
  } else {
    ApiError e = decode_error(answer.body, answer.status);
    rejected = e.code == "invalid_client" || e.code == "unauthorized_client" || answer.status == 401;
    // A used or expired refresh token: the caller asks anew with client credentials.
    if (e.code == "invalid_grant" && grant_query.rfind("grant_type=refresh_token", 0) == 0) return Outcome::NoToken;
    // Throttled (say, after wrong secrets): not asked again before its Retry-After.
    std::int64_t wait_s = 0;
    if (answer.status == 429 && parse_int64(answer.retry_after, wait_s) && wait_s > 0) {
      std::lock_guard<std::mutex> lock(mutex_);
      hold_until_ = now_ms + std::min<std::int64_t>(wait_s, 600) * 1000;
    }
    problem = redact("HTTP " + std::to_string(answer.status) + (e.code.empty() ? "" : " " + e.code) + ": " + e.message);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (rejected)
    failure_ = {"", 502,
                "The Blynk server rejected the proxy's OAuth client credentials (client id " + client_id_ +
                    "). The operator must check --client-id and the secret file, or the client in Settings -> "
                    "Developers."};
  else
    failure_ = {"", 502, "The Blynk server did not give the proxy a token (" + problem + ")."};
  return rejected ? Outcome::Rejected : Outcome::NoToken;
}

void TokenSource::renew(std::int64_t now_ms) {
  std::string refresh;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (held_) refresh = held_->refresh;
  }
  std::string problem;
  Outcome outcome = Outcome::NoToken;
  if (!refresh.empty())
    outcome = ask("grant_type=refresh_token&refresh_token=" + percent_encode(refresh), now_ms, problem);
  // A refused refresh token (used, expired) means asking anew; an unreachable upstream does not.
  if (outcome == Outcome::NoToken) outcome = ask("grant_type=client_credentials", now_ms, problem);
  if (outcome == Outcome::Token) return;
  const bool rejected = outcome == Outcome::Rejected;
  std::lock_guard<std::mutex> lock(mutex_);
  failed_until_ = std::max(hold_until_, now_ms + (rejected ? kRejectedBackoffMs : kFailureBackoffMs));
  if (held_ && held_->refresh == refresh) held_->refresh.clear();
  std::fprintf(stderr, "roster-server proxy: %s\n", rejected ? failure_.message.c_str() : problem.c_str());
}

}  // namespace roster::server::proxy
