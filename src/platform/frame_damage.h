// Which horizontal bands of the screen a frame changes. Software-rendered browsers (SwiftShader, some
// kiosks) pay for every pixel drawn: about 5 ms per full 1440x900 pass on our 2-core machines, and a
// console frame covers the screen several times over. The platform keeps the previous picture
// (preserveDrawingBuffer) and redraws only the bands whose triangles changed, scissored.
//
// Each triangle of the draw data is hashed, with its command's clip rectangle and texture, into every
// band its (clipped) height touches, in drawing order. A band whose hash differs from the last frame's
// is damaged. Equal hashes mean the same triangles in the same order, so the same pixels.
#pragma once

#include "imgui.h"

#include <cstdint>
#include <vector>

namespace roster::platform {

struct BandRange {
  int y0 = 0, y1 = 0;  // framebuffer rows [y0, y1), top-down
};

class FrameDamage {
 public:
  static constexpr int kBandHeight = 32;  // framebuffer pixels
  static constexpr int kMaxRanges = 4;    // more ranges than this are merged: each is one more pass

  // Compares `data` with the frame last passed here and returns the ranges to redraw: empty when
  // nothing changed, the whole height when the size changed or after invalidate().
  const std::vector<BandRange>& update(const ImDrawData* data, int width, int height);
  void invalidate() { bands_.clear(); }  // the next frame is redrawn whole (a new font atlas, say)

  // The vertical extent of each command of the last update(), in drawing order: a pass skips the
  // commands outside its range.
  const std::vector<BandRange>& command_extents() const { return extents_; }

 private:
  std::vector<std::uint64_t> bands_, next_;
  std::vector<BandRange> ranges_, extents_;
  int width_ = 0, height_ = 0;
};

}  // namespace roster::platform
