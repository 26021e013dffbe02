#include "ui/scroll_away.h"

#include <algorithm>

namespace roster::ui {

float ScrollAway::begin(float top, float wheel_px) {
  top_ = top;
  table_y_ = -1;
  offset_ = std::clamp(offset_, 0.0f, max_offset_);
  if (wheel_px >= 0) return 0;
  const float take = std::min(-wheel_px, max_offset_ - offset_);
  if (take <= 0) return 0;
  offset_ += take;
  return -take;
}

void ScrollAway::reveal(float y) {
  if (y < top_) offset_ = std::max(0.0f, offset_ - (top_ - y));
}

float ScrollAway::end(float content_bottom, float bottom, float wheel_px) {
  // What can scroll away: the top above a filling table (whose bottom stays at the band's bottom),
  // or, without one, what the screen drew below the band's bottom.
  if (table_y_ >= 0)
    max_offset_ = std::max(0.0f, table_y_ - origin());
  else
    max_offset_ = std::max(0.0f, content_bottom + offset_ - bottom);
  if (wheel_px <= 0 || offset_ <= 0) return 0;
  const float take = std::min(wheel_px, offset_);
  offset_ -= take;
  return take;
}

}  // namespace roster::ui
