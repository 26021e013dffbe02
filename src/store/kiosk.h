// Kiosk mode's timing: which of the configured routes is shown and when the next one is due, when
// the visible data is revalidated, and, while the server does not answer, when the next try goes
// out (exponential backoff with jitter up to a ceiling). Pure state over the time it is given, so
// tests drive it with any clock; the Store acts on what it says (navigate, revalidate, reload).
#pragma once

#include "store/route.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roster::store {

struct KioskConfig {
  std::vector<Route> routes;  // shown in turn; empty: the users list
  std::int64_t rotate_ms = 30'000;
  std::int64_t refresh_ms = 30'000;
  std::int64_t touch_pause_ms = 120'000;  // a touch holds the rotation this long
  std::int64_t retry_first_ms = 2'000;    // the first retry while offline; doubling up to the ceiling
  std::int64_t retry_ceiling_ms = 60'000;
  std::uint64_t jitter_seed = 0x9E3779B97F4A7C15ull;
};

// Reads the timing of the host page's kiosk options: {routes: ["#/users?q=ann", ...], rotateSeconds,
// refreshSeconds, pauseSeconds}. Anything missing, mistyped or out of range keeps its default (ranges:
// rotate 5..3600 s, refresh 0.1..3600 s, pause 5..3600 s, at most 20 routes). Their `scale` is the
// platform's (platform/kiosk_scale.h): the store has no use for it.
KioskConfig parse_kiosk_config(const std::string& json);

// What the kiosk's views show about it.
struct KioskStatus {
  std::size_t route_index = 0, route_count = 1;
  bool paused = false;                 // a touch holds the rotation
  std::int64_t offline_since = -1;     // the first failure of the current outage, or -1 while online
  bool not_answering = false;          // the last failure was a timeout (the server took the request)
  std::int64_t next_try_at = -1;       // while offline
  std::optional<std::string> refused;  // the server refused the kiosk token: what it said
};

class Kiosk {
 public:
  enum class Action { None, Rotate, Refresh, Retry };

  Kiosk(KioskConfig config, std::int64_t now);

  const KioskConfig& config() const { return config_; }
  const KioskStatus& status() const { return status_; }
  const Route& current_route() const { return config_.routes[status_.route_index]; }

  // What is due at `now`, given whether the server is failing (since when, and how); applies it to
  // the timers. At most one action a call. Rotate: show current_route(), which has just moved on.
  Action step(std::int64_t now, std::int64_t failing_since, bool timed_out);
  void touched(std::int64_t now);
  void refused(const std::string& message) { status_.refused = message; }
  // The next time step() has something to do, or -1 (the platform sleeps until then).
  std::int64_t next_due_at() const;
  // The delay before retry number `attempt` (0-based): first * 2^attempt, capped, times a jitter
  // factor in [0.5, 1).
  std::int64_t backoff_ms(int attempt);

 private:
  KioskConfig config_;
  KioskStatus status_;
  std::int64_t next_rotation_at_ = -1, next_refresh_at_ = -1, paused_until_ = -1;
  int attempt_ = 0;
  std::uint64_t rng_;
};

}  // namespace roster::store
