#include "server/proxy/upstream_budget.h"

#include "model/validation.h"

#include <algorithm>
#include <cmath>

namespace roster::server::proxy {

BudgetRule UpstreamBudget::rule(std::int64_t per_minute) {
  BudgetRule r;
  r.capacity = std::max(1.0, std::floor(static_cast<double>(per_minute) / 10));
  r.per_ms = (static_cast<double>(per_minute) - r.capacity) / 60'000.0;
  r.max_hold_ms = kMaxHoldMs;
  return r;
}

std::int64_t UpstreamBudget::hold_ms(const std::string& retry_after) {
  std::int64_t seconds = 0;
  return parse_int64(retry_after, seconds) && seconds > 0 ? std::min(seconds, kMaxHoldMs / 1000) * 1000
                                                          : std::min(kDefaultHoldMs, kMaxHoldMs);
}

}  // namespace roster::server::proxy
