// How fast the proxy may call the upstream. The public cloud allows 10,000 requests a minute per
// organization and then answers 429; the proxy spends a budget below that (--upstream-rate, at most
// that many in ANY 60 s: a bucket of a tenth of it refilled at the rest over the minute, so no
// sliding window can see more) and answers 429 with Retry-After itself when it is spent. An upstream
// 429 holds every call back for its Retry-After (or kDefaultHoldMs), so the proxy never retries in
// a loop. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>

namespace roster::server::proxy {

class UpstreamBudget {
 public:
  static constexpr std::int64_t kDefaultHoldMs = 60'000;
  static constexpr std::int64_t kMaxHoldMs = 600'000;

  explicit UpstreamBudget(std::int64_t per_minute);

  // 0 when a call may go now (and it is counted), else the whole seconds to wait (for Retry-After).
  std::int64_t acquire(std::int64_t now_ms);
  // The upstream answered 429 with this Retry-After header (may be empty or junk).
  void hold_off(const std::string& retry_after, std::int64_t now_ms);
  // Seconds left of a hold, or 0.
  std::int64_t held_for_s(std::int64_t now_ms);

 private:
  std::mutex mutex_;
  double capacity_, per_ms_, tokens_;
  std::int64_t last_ms_ = 0;
  std::int64_t held_until_ = 0;
};

}  // namespace roster::server::proxy
