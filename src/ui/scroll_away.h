// The top of a screen (title, search, filters, presets, a profile's header) scrolls away with the
// content when the height is small (200 % zoom, a phone), so the table gets most of the height (WCAG
// 1.4.10 reflow). The screen is drawn `offset` pixels higher than its place; a table that fills the
// screen keeps its bottom at the screen's bottom and so grows by what scrolled away. The wheel (and a
// finger, which the platform turns into wheel movement) first scrolls the top away, then the rows;
// back up, the rows first, then the top. A screen without a filling table scrolls as a whole when
// it is taller than the screen. Purely visual state: it lives in the view layer, per screen shown.
#pragma once

#include "imgui.h"

namespace roster::ui {

class ScrollAway {
 public:
  // Before the screen draws in the visible band [top, bottom]: takes the wheel going down (negative
  // `wheel_px`; 0 when the pointer is elsewhere) while the top can still scroll away. Returns the
  // pixels it took, which the caller removes from the wheel so the rows do not move as well.
  float begin(float top, float wheel_px);
  // Where the screen's first line goes: the band's top less what scrolled away.
  float origin() const { return top_ - offset_; }
  // A table that fills the rest of the screen starts at `y` (this frame's screen coordinates): what
  // lies above it is the top that scrolls away.
  void table_at(float y) { table_y_ = y; }
  // Scrolls back as far as needed for `y` (screen coordinates) to be on screen below the band's top:
  // the keyboard focus went to a control that had scrolled away.
  void reveal(float y);
  // After the screen drew, with the bottom of what it drew (screen coordinates) and the band's
  // bottom: the wheel going up that the rows did not take (they are at their first row) brings the
  // top back. Returns the pixels it took.
  float end(float content_bottom, float bottom, float wheel_px);
  // Back to the top (another screen).
  void reset() { offset_ = 0; }
  float offset() const { return offset_; }
  float max_offset() const { return max_offset_; }

 private:
  float offset_ = 0;      // pixels scrolled away
  float max_offset_ = 0;  // as measured last frame
  float top_ = 0;         // the band's top, this frame
  float table_y_ = -1;    // this frame's filling table, if any
};

}  // namespace roster::ui
