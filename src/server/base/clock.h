// The server's two clocks, in milliseconds. Wall time (now_ms) is what is stored and shown: token and
// session expiry, actions-log times. Steady time (steady_ms) is for intervals and deadlines that must
// not jump when the wall clock is stepped: idle connections, upstream deadlines, rate budgets.
#pragma once

#include <cstdint>

namespace roster::server {

std::int64_t now_ms();     // since the Unix epoch
std::int64_t steady_ms();  // since an unspecified start; never goes back

}  // namespace roster::server
