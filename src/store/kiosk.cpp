#include "store/kiosk.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace roster::store {

Kiosk::Kiosk(KioskConfig config, std::int64_t now) : config_(std::move(config)), rng_(config_.jitter_seed | 1) {
  if (config_.routes.empty()) config_.routes.push_back(Route{});
  config_.rotate_ms = std::max<std::int64_t>(config_.rotate_ms, 1000);
  config_.refresh_ms = std::max<std::int64_t>(config_.refresh_ms, 100);
  config_.retry_first_ms = std::max<std::int64_t>(config_.retry_first_ms, 250);
  config_.retry_ceiling_ms = std::max(config_.retry_ceiling_ms, config_.retry_first_ms);
  status_.route_count = config_.routes.size();
  if (status_.route_count > 1) next_rotation_at_ = now + config_.rotate_ms;
  next_refresh_at_ = now + config_.refresh_ms;
}

KioskConfig parse_kiosk_config(const std::string& json) {
  KioskConfig c;
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return c;
  auto seconds = [&j](const char* key, double lo, double hi, std::int64_t& out_ms) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return;
    const double v = it->get<double>();
    if (v >= lo && v <= hi) out_ms = static_cast<std::int64_t>(v * 1000);
  };
  seconds("rotateSeconds", 5, 3600, c.rotate_ms);
  // Down to a tenth of a second for soak tests (a day of refreshes in minutes); displays want 15-60.
  seconds("refreshSeconds", 0.1, 3600, c.refresh_ms);
  seconds("pauseSeconds", 5, 3600, c.touch_pause_ms);
  if (auto it = j.find("routes"); it != j.end() && it->is_array())
    for (const auto& r : *it)
      if (r.is_string() && c.routes.size() < 20) c.routes.push_back(parse_route(r.get<std::string>()));
  return c;
}

std::int64_t Kiosk::backoff_ms(int attempt) {
  std::int64_t delay = config_.retry_first_ms;
  for (int i = 0; i < attempt && delay < config_.retry_ceiling_ms; ++i) delay *= 2;
  delay = std::min(delay, config_.retry_ceiling_ms);
  // xorshift64*: jitter keeps a wall of displays from retrying in step after a server restart.
  rng_ ^= rng_ >> 12;
  rng_ ^= rng_ << 25;
  rng_ ^= rng_ >> 27;
  const double unit = static_cast<double>((rng_ * 2685821657736338717ull) >> 11) / 9007199254740992.0;
  return std::max<std::int64_t>(250, static_cast<std::int64_t>(static_cast<double>(delay) * (0.5 + 0.5 * unit)));
}

void Kiosk::touched(std::int64_t now) {
  if (status_.route_count < 2) return;
  status_.paused = true;
  paused_until_ = now + config_.touch_pause_ms;
}

Kiosk::Action Kiosk::step(std::int64_t now, std::int64_t failing_since, bool timed_out) {
  if (status_.refused) return Action::None;  // nothing helps until an operator acts
  if (failing_since >= 0) {
    if (status_.offline_since < 0) {  // the outage begins: the rows stay, the banner shows
      status_.offline_since = failing_since;
      attempt_ = 0;
      status_.next_try_at = now + backoff_ms(attempt_);
    }
    status_.not_answering = timed_out;
    if (now < status_.next_try_at) return Action::None;
    status_.next_try_at = now + backoff_ms(++attempt_);
    return Action::Retry;
  }
  if (status_.offline_since >= 0) {  // back: the next refresh and rotation start from now
    status_.offline_since = status_.next_try_at = -1;
    status_.not_answering = false;
    next_refresh_at_ = now + config_.refresh_ms;
    if (status_.route_count > 1) next_rotation_at_ = now + config_.rotate_ms;
  }
  if (status_.paused && now >= paused_until_) {
    status_.paused = false;
    next_rotation_at_ = now + config_.rotate_ms;
  }
  if (!status_.paused && next_rotation_at_ >= 0 && now >= next_rotation_at_) {
    status_.route_index = (status_.route_index + 1) % status_.route_count;
    next_rotation_at_ = now + config_.rotate_ms;
    next_refresh_at_ = now + config_.refresh_ms;  // the new route's rows are fresh
    return Action::Rotate;
  }
  if (now >= next_refresh_at_) {
    next_refresh_at_ = now + config_.refresh_ms;
    return Action::Refresh;
  }
  return Action::None;
}

std::int64_t Kiosk::next_due_at() const {
  if (status_.refused) return -1;
  if (status_.offline_since >= 0) return status_.next_try_at;
  std::int64_t next = next_refresh_at_;
  if (status_.paused)
    next = std::min(next, paused_until_);
  else if (next_rotation_at_ >= 0)
    next = std::min(next, next_rotation_at_);
  return next;
}

}  // namespace roster::store
