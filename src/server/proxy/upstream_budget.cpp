#include "server/proxy/upstream_budget.h"

#include "model/validation.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace roster::server::proxy {

UpstreamBudget::UpstreamBudget(std::int64_t per_minute) {
  capacity_ = std::max(1.0, std::floor(static_cast<double>(per_minute) / 10));
  per_ms_ = (static_cast<double>(per_minute) - capacity_) / 60'000.0;
  tokens_ = capacity_;
}

std::int64_t UpstreamBudget::acquire(std::int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  held_until_ = std::min(held_until_, now_ms + kMaxHoldMs);  // after the clock went back: never past the cap
  if (now_ms < held_until_) return (held_until_ - now_ms + 999) / 1000;
  if (last_ms_ != 0 && now_ms > last_ms_) tokens_ = std::min(capacity_, tokens_ + (now_ms - last_ms_) * per_ms_);
  // Refilled from now on, even when the clock went back: keeping the latest time seen would refill
  // nothing until the clock caught up again.
  last_ms_ = now_ms;
  if (tokens_ >= 1.0) {
    tokens_ -= 1.0;
    return 0;
  }
  if (per_ms_ <= 0) return 60;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil((1.0 - tokens_) / per_ms_ / 1000.0)));
}

void UpstreamBudget::hold_off(const std::string& retry_after, std::int64_t now_ms) {
  std::int64_t seconds = 0;
  // Capped before it is turned into milliseconds: Retry-After: 9223372036854775807 would overflow
  // into a negative hold, and the proxy would go on asking an upstream that said to stop.
  const std::int64_t hold = parse_int64(retry_after, seconds) && seconds > 0
                                ? std::min(seconds, kMaxHoldMs / 1000) * 1000
                                : std::min(kDefaultHoldMs, kMaxHoldMs);
  std::lock_guard<std::mutex> lock(mutex_);
  held_until_ = std::max(held_until_, now_ms + hold);
}

std::int64_t UpstreamBudget::held_for_s(std::int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  held_until_ = std::min(held_until_, now_ms + kMaxHoldMs);
  return now_ms < held_until_ ? (held_until_ - now_ms + 999) / 1000 : 0;
}

}  // namespace roster::server::proxy
