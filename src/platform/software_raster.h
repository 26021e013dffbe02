// Dear ImGui's draw data rasterized on the CPU into an RGBA8 picture, for browsers where WebGL is
// missing or lost: the web layer shows pixels() on a 2D canvas (putImageData). Pure C++, no GL.
//
// It draws what the WebGL renderer (platform/web/renderer.cpp and shaders/) draws: vertices mapped by
// the same projection (DisplayPos, DisplaySize onto the framebuffer), each command clipped to its
// rectangle, colour = vertex colour with alpha times the atlas's coverage (the atlas holds coverage
// only), blended src_alpha / one_minus_src_alpha over an opaque picture. Like the WebGL renderer it
// redraws only the bands FrameDamage finds changed; the picture between frames is its own buffer.
//
// Speed comes from the shape of ImGui's triangles: most come in pairs that make an axis-aligned
// rectangle (solid rects, glyph quads), filled row by row as spans, glyphs copied texel for texel when
// drawn 1:1; the rest (rounded corners, anti-aliased fringes, circles) go through a triangle walker in
// fixed point (8 sub-pixel bits, top-left fill rule, pixel centres at +0.5), whose spans are found per
// row, not per pixel. The clear colour is put down late, only where no opaque span covered it first,
// so most pixels are written about once a frame. Nothing is allocated per frame once the sizes were
// seen. Draw data is never trusted: NaN or huge positions, indices past a list, clip rectangles off
// the picture are skipped or clamped, never read or written out of bounds.
#pragma once

#include "imgui.h"
#include "platform/frame_damage.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace roster::platform {

class SoftwareRaster {
 public:
  // A larger framebuffer is refused (render draws nothing): 8K at most, a 268 MB picture.
  static constexpr int kMaxSide = 16384;
  static constexpr long long kMaxPixels = 1LL << 26;

  SoftwareRaster();
  ~SoftwareRaster();
  SoftwareRaster(const SoftwareRaster&) = delete;
  SoftwareRaster& operator=(const SoftwareRaster&) = delete;

  // The font atlas as ImFontAtlas::GetTexDataAsAlpha8 gives it: one byte of coverage a texel, row by
  // row. Copied (ImGui may free its own after this). Commands with a texture id sample it; commands
  // with a null texture id draw untextured (coverage 1). Redraws the next frame whole.
  void set_font_atlas(const unsigned char* alpha8, int width, int height);

  // Rasterizes `data` into the picture (fb_width x fb_height), on `clear` (alpha ignored: the picture
  // is opaque), redrawing only the bands that changed since the last call. Returns the row ranges
  // redrawn, top-down: empty when the picture already shows this frame (or when nothing can be drawn:
  // no data, a size of 0 or over the limits above). The whole picture is redrawn at the first call and
  // after a new size, clear colour, display position or atlas, or invalidate(); every time when
  // DisplaySize is not the framebuffer's size. User callbacks other than ImDrawCallback_ResetRenderState
  // are called once per range drawn, in drawing order, as the WebGL renderer calls them.
  const std::vector<BandRange>& render(const ImDrawData* data, int fb_width, int fb_height, ImVec4 clear);

  // The picture: rows top-down, width() * 4 bytes a row, R G B A bytes with A = 255; null before the
  // first render. The web layer puts the ranges render() returned (putImageData's dirty rectangle).
  const std::uint8_t* pixels() const;
  int width() const { return width_; }
  int height() const { return height_; }

  void invalidate() { damage_.invalidate(); }  // the next render redraws the whole picture

  class LazyClear;  // the clear colour, put down only where nothing opaque covers it (the .cpp)

 private:
  void draw_range(const ImDrawData* data, BandRange range, bool use_extents);
  const std::int32_t* positions(const ImDrawData* data, int list);  // fixed point, per list, on demand

  std::vector<std::uint32_t> pixels_;  // one RGBA8 pixel each (bytes in memory order)
  int width_ = 0, height_ = 0;
  std::uint32_t clear_ = 0;
  float display_[4] = {0, 0, 0, 0};  // DisplayPos and DisplaySize of the last frame drawn
  std::vector<std::uint8_t> atlas_;
  int atlas_width_ = 0, atlas_height_ = 0;
  FrameDamage damage_;
  std::vector<BandRange> ranges_;
  // Each list's vertex positions in framebuffer pixels, 8 fractional bits, x and y interleaved;
  // converted once per frame when a pass first needs the list.
  std::vector<std::int32_t> fixed_;
  std::vector<std::size_t> list_start_;  // where each list's positions begin in fixed_
  std::vector<std::uint8_t> converted_;  // per list: its positions are this frame's
  std::unique_ptr<LazyClear> rows_;
  float scale_x_ = 1, scale_y_ = 1;
};

}  // namespace roster::platform
