// How fast the proxy may call the upstream. The public cloud allows 10,000 requests a minute per
// organization and then answers 429; the proxy spends a budget below that (--upstream-rate, at most
// that many in ANY 60 s: a bucket of a tenth of it refilled at the rest over the minute, so no
// sliding window can see more) and answers 429 with Retry-After itself when it is spent. An upstream
// 429 holds every call back for its Retry-After (or kDefaultHoldMs), so the proxy never retries in
// a loop. The bucket and the hold live in the proxy's store (db/proxy_store.h: spend_budget,
// hold_budget), one for all the instances that share it: three proxies spend one budget, as the
// upstream counts one organization. This file holds the rule's numbers.
#pragma once

#include "server/db/proxy_store.h"

#include <cstdint>
#include <string>

namespace roster::server::proxy {

struct UpstreamBudget {
  static constexpr std::int64_t kDefaultHoldMs = 60'000;
  static constexpr std::int64_t kMaxHoldMs = 600'000;

  // The bucket for `per_minute` calls: a tenth of them at once (at least one), the rest refilled
  // evenly over the minute.
  static BudgetRule rule(std::int64_t per_minute);
  // How long an upstream 429 with this Retry-After header (may be empty or junk) holds every call,
  // in ms: its seconds, capped at kMaxHoldMs before they are turned into ms (Retry-After:
  // 9223372036854775807 must not overflow into a negative hold), or kDefaultHoldMs.
  static std::int64_t hold_ms(const std::string& retry_after);
};

}  // namespace roster::server::proxy
