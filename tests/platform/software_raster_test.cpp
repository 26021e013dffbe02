// The software renderer against hand-made draw data: coverage, the fill rule, blending, the atlas,
// clipping, offsets and callbacks, and odd input.
#include "imgui.h"
#include "platform/software_raster.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>
#include "raster_test_support.h"

using roster::platform::BandRange;
using roster::platform::SoftwareRaster;
using namespace roster::test::raster;

TEST_CASE("software raster: a triangle covers the pixels whose centres are inside it, in its colour") {
  Mesh m;
  // Right triangle (4,4) (36,4) (4,36): centres (x+0.5, y+0.5) with x >= 4, y >= 4 and x + y + 1 < 40
  // are inside; those on the hypotenuse (x + y + 1 == 40) lie on a right/bottom edge: outside.
  m.triangle(m.vertex(4, 4, IM_COL32(255, 0, 0, 255)), m.vertex(36, 4, IM_COL32(255, 0, 0, 255)),
             m.vertex(4, 36, IM_COL32(255, 0, 0, 255)));
  SoftwareRaster raster;
  auto ranges = raster.render(m.get(), 64, 64, ImVec4(0, 0, 1, 1));
  REQUIRE(ranges.size() == 1);
  CHECK(ranges[0].y0 == 0);
  CHECK(ranges[0].y1 == 64);
  REQUIRE(raster.pixels() != nullptr);
  int expected = 0;
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 64; ++x) {
      bool inside = x >= 4 && y >= 4 && x + y + 1 < 40;
      expected += inside;
      Pixel p = at(raster, x, y);
      if (inside)
        CHECK(same(p, 255, 0, 0));
      else
        CHECK(same(p, 0, 0, 255));
    }
  CHECK(count_not(raster, {0, 0, 255, 255}) == expected);
  // The same frame again: nothing to draw.
  CHECK(raster.render(m.get(), 64, 64, ImVec4(0, 0, 1, 1)).empty());
}

TEST_CASE("software raster: triangles sharing an edge draw it once (no darker seam at half alpha)") {
  const ImU32 half = IM_COL32(255, 255, 255, 128);
  SUBCASE("an axis-aligned quad (the rectangle path)") {
    Mesh m;
    m.rect(8, 8, 40, 30, half);
    SoftwareRaster raster;
    raster.render(m.get(), 64, 64, kBlack);
    for (int y = 8; y < 30; ++y)
      for (int x = 8; x < 40; ++x) REQUIRE(same(at(raster, x, y), 128, 128, 128));
    CHECK(count_not(raster, {0, 0, 0, 255}) == 32 * 22);
  }
  SUBCASE("a rotated quad and a fan (the triangle path), fractional vertices") {
    Mesh m;
    // A diamond split along its long diagonal, and a fan of 12 triangles around a centre.
    unsigned top = m.vertex(20.3f, 2.7f, half), right = m.vertex(33.1f, 15.2f, half);
    unsigned bottom = m.vertex(19.6f, 29.9f, half), left = m.vertex(6.2f, 16.4f, half);
    m.triangle(top, right, bottom);
    m.triangle(top, bottom, left);
    unsigned centre = m.vertex(46.25f, 46.5f, half);
    std::vector<unsigned> rim;
    for (int k = 0; k < 12; ++k)
      rim.push_back(m.vertex(46.25f + 14.3f * std::cos(k * 0.5236f), 46.5f + 14.3f * std::sin(k * 0.5236f), half));
    for (int k = 0; k < 12; ++k) m.triangle(centre, rim[k], rim[(k + 1) % 12]);
    SoftwareRaster raster;
    raster.render(m.get(), 64, 64, kBlack);
    int covered = 0;
    for (int y = 0; y < 64; ++y)
      for (int x = 0; x < 64; ++x) {
        Pixel p = at(raster, x, y);
        if (p.r == 0) continue;
        ++covered;
        REQUIRE(same(p, 128, 128, 128));  // never 192 (blended twice)
      }
    // Both shapes' areas (diamond about 26.9 x 27.2 / 2, the 12-gon 3 r^2): no holes either.
    CHECK(covered > 360 + 600);
    CHECK(covered < 375 + 625);
  }
  SUBCASE("a quad drawn by the rectangle path and by triangles covers the same pixels") {
    Mesh a, b;
    a.rect(3.5f, 5.25f, 27.75f, 19.5f, IM_COL32(0, 200, 0, 255));
    // The same rectangle's triangles, separated by a command: not recognized as a pair.
    unsigned v0 = b.vertex(3.5f, 5.25f, IM_COL32(0, 200, 0, 255)),
             v1 = b.vertex(27.75f, 5.25f, IM_COL32(0, 200, 0, 255));
    unsigned v2 = b.vertex(27.75f, 19.5f, IM_COL32(0, 200, 0, 255)),
             v3 = b.vertex(3.5f, 19.5f, IM_COL32(0, 200, 0, 255));
    b.triangle(v0, v1, v2);
    b.command();
    b.triangle(v0, v2, v3);
    SoftwareRaster ra, rb;
    ra.render(a.get(), 64, 64, kBlack);
    rb.render(b.get(), 64, 64, kBlack);
    CHECK(copy(ra) == copy(rb));
    CHECK(count_not(ra, {0, 0, 0, 255}) == 25 * 14);  // centres in [3.5, 27.75) x [5.25, 19.5): 3..27 x 5..18
  }
}

TEST_CASE("software raster: blending is src_alpha, one_minus_src_alpha, and the picture stays opaque") {
  Mesh m(64, 32);
  m.rect(0, 0, 16, 16, IM_COL32(200, 100, 50, 128));
  m.rect(16, 0, 32, 16, IM_COL32(200, 100, 50, 255));
  m.rect(32, 0, 48, 16, IM_COL32(200, 100, 50, 0));
  m.rect(48, 0, 64, 16, IM_COL32(200, 100, 50, 1));
  // A colour over a colour: the second blends over the first's result.
  m.rect(0, 16, 16, 32, IM_COL32(0, 0, 255, 255));
  m.rect(0, 16, 16, 32, IM_COL32(255, 255, 0, 64));
  SoftwareRaster raster;
  raster.render(m.get(), 64, 32, ImVec4(10 / 255.f, 20 / 255.f, 30 / 255.f, 0.5f));
  auto mix = [](int src, int dst, int a) { return static_cast<int>(std::lround((src * a + dst * (255 - a)) / 255.0)); };
  CHECK(same(at(raster, 5, 5), mix(200, 10, 128), mix(100, 20, 128), mix(50, 30, 128)));
  CHECK(same(at(raster, 20, 5), 200, 100, 50));
  CHECK(same(at(raster, 40, 5), 10, 20, 30));
  CHECK(same(at(raster, 50, 5), mix(200, 10, 1), mix(100, 20, 1), mix(50, 30, 1)));
  CHECK(same(at(raster, 5, 20), mix(255, 0, 64), mix(255, 0, 64), mix(0, 255, 64)));
  // Every byte combination of the blend rounds as the exact formula does.
  for (int a = 0; a <= 255; a += 5) {
    Mesh one(1, 1);
    one.rect(0, 0, 1, 1, IM_COL32(a, 255 - a, 77, a));
    SoftwareRaster r;
    r.render(one.get(), 1, 1, ImVec4(1, 0.5f, 0, 1));
    CHECK(same(at(r, 0, 0), mix(a, 255, a), mix(255 - a, 128, a), mix(77, 0, a)));
  }
}

TEST_CASE("software raster: colours and alpha are interpolated across a triangle") {
  Mesh m(64, 16);
  // A horizontal gradient quad (drawn by triangles: the colours differ), red to blue, opaque.
  unsigned a = m.vertex(0, 0, IM_COL32(255, 0, 0, 255)), b = m.vertex(64, 0, IM_COL32(0, 0, 255, 255));
  unsigned c = m.vertex(64, 8, IM_COL32(0, 0, 255, 255)), d = m.vertex(0, 8, IM_COL32(255, 0, 0, 255));
  m.triangle(a, b, c);
  m.triangle(a, c, d);
  // Alpha from 255 to 0 in white: an anti-aliased fringe's shape.
  unsigned e = m.vertex(0, 8, IM_COL32(255, 255, 255, 255)), f = m.vertex(64, 8, IM_COL32(255, 255, 255, 0));
  unsigned g = m.vertex(64, 16, IM_COL32(255, 255, 255, 0)), h = m.vertex(0, 16, IM_COL32(255, 255, 255, 255));
  m.triangle(e, f, g);
  m.triangle(e, g, h);
  SoftwareRaster raster;
  raster.render(m.get(), 64, 16, kBlack);
  for (int x = 0; x < 64; x += 7) {
    const double t = (x + 0.5) / 64.0;
    Pixel p = at(raster, x, 3);
    CHECK(std::abs(p.r - 255 * (1 - t)) <= 1.0);
    CHECK(p.g == 0);
    CHECK(std::abs(p.b - 255 * t) <= 1.0);
    Pixel q = at(raster, x, 12);  // white at alpha 255 (1 - t) over black
    CHECK(std::abs(q.r - 255 * (1 - t)) <= 1.0);
    CHECK(q.r == q.g);
    CHECK(q.g == q.b);
  }
}

TEST_CASE("software raster: textured quads and triangles sample the atlas's coverage") {
  // A 4x4 atlas: coverage 0, 85, 170, 255 along x, the same on every row.
  const std::uint8_t atlas[16] = {0, 85, 170, 255, 0, 85, 170, 255, 0, 85, 170, 255, 0, 85, 170, 255};
  SoftwareRaster raster;
  raster.set_font_atlas(atlas, 4, 4);
  Mesh m(32, 32);
  m.command(ImVec4(0, 0, 32, 32), true);
  // 1:1 on texel centres (as glyphs are): pixels are the texels, in the vertex colour.
  m.rect(2, 2, 6, 6, IM_COL32(255, 128, 0, 255), ImVec2(0, 0), ImVec2(1, 1));
  // Stretched 4x horizontally: bilinear between texel centres, clamped at the edges.
  m.rect(0, 10, 16, 12, IM_COL32(255, 255, 255, 255), ImVec2(0, 0), ImVec2(1, 1));
  // Untextured command: coverage 1.
  m.command(ImVec4(0, 0, 32, 32), false);
  m.rect(20, 20, 24, 24, IM_COL32(0, 255, 0, 255), ImVec2(0, 0), ImVec2(0.2f, 0));
  // A non-rectangular textured triangle: its u follows x as in the quad above.
  m.command(ImVec4(0, 0, 32, 32), true);
  m.triangle(m.vertex(0, 14, IM_COL32(255, 255, 255, 255), 0, 0.5f),
             m.vertex(16, 14, IM_COL32(255, 255, 255, 255), 1, 0.5f),
             m.vertex(16, 30, IM_COL32(255, 255, 255, 255), 1, 0.5f));
  raster.render(m.get(), 32, 32, kBlack);
  for (int x = 0; x < 4; ++x) {
    const int c = atlas[x];
    CHECK(same(at(raster, 2 + x, 3), c, (128 * c + 127) / 255, 0));
  }
  // Pixel centre x + 0.5 maps to texel coordinate (x + 0.5) / 4 - 0.5.
  for (int x = 0; x < 16; ++x) {
    const double s = std::clamp((x + 0.5) / 4.0 - 0.5, 0.0, 3.0);
    const double expected = 85.0 * s;
    CHECK(std::abs(at(raster, x, 11).r - expected) <= 1.5);
    if (x >= 2) CHECK(std::abs(at(raster, x, 15).r - expected) <= 1.5);  // inside the triangle
  }
  CHECK(same(at(raster, 21, 21), 0, 255, 0));

  // Without an atlas, a textured command draws nothing (an unbound texture in WebGL samples zero).
  SoftwareRaster bare;
  bare.render(m.get(), 32, 32, kBlack);
  CHECK(same(at(bare, 3, 3), 0, 0, 0));
  CHECK(same(at(bare, 21, 21), 0, 255, 0));
}

TEST_CASE("software raster: clip rectangles, offsets and callbacks") {
  Mesh m(64, 64);
  m.command(ImVec4(10, 12, 20, 22));  // pixels 10..19 x 12..21
  m.rect(0, 0, 64, 64, IM_COL32(255, 255, 255, 255));
  m.command(ImVec4(-100, 60, 1000, 1000));  // partly outside: rows 60..63
  m.rect(0, 0, 64, 64, IM_COL32(255, 0, 0, 255));
  m.command(ImVec4(100, 100, 200, 200));  // wholly outside
  m.rect(0, 0, 64, 64, IM_COL32(0, 255, 0, 255));
  m.command(ImVec4(30, 30, 20, 20));  // inverted
  m.rect(0, 0, 64, 64, IM_COL32(0, 255, 0, 255));
  // Callbacks: ResetRenderState is skipped, others are called once per pass.
  static int calls = 0;
  calls = 0;
  ImDrawCmd callback;
  callback.UserCallback = [](const ImDrawList*, const ImDrawCmd*) { ++calls; };
  m.list.CmdBuffer.push_back(callback);
  ImDrawCmd reset;
  reset.UserCallback = ImDrawCallback_ResetRenderState;
  m.list.CmdBuffer.push_back(reset);
  SoftwareRaster raster;
  raster.render(m.get(), 64, 64, kBlack);
  CHECK(calls == 1);
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 64; ++x) {
      Pixel p = at(raster, x, y);
      if (y >= 60)
        REQUIRE(same(p, 255, 0, 0));
      else if (x >= 10 && x < 20 && y >= 12 && y < 22)
        REQUIRE(same(p, 255, 255, 255));
      else
        REQUIRE(same(p, 0, 0, 0));
    }

  // VtxOffset and IdxOffset: a second command whose indices start again at 0 from its own vertices.
  Mesh o(16, 16);
  o.rect(0, 0, 4, 4, IM_COL32(255, 0, 0, 255));
  o.command();
  o.list.CmdBuffer.back().VtxOffset = static_cast<unsigned>(o.list.VtxBuffer.Size);
  o.vertex(8, 8, IM_COL32(0, 0, 255, 255));
  o.vertex(12, 8, IM_COL32(0, 0, 255, 255));
  o.vertex(12, 12, IM_COL32(0, 0, 255, 255));
  o.vertex(8, 12, IM_COL32(0, 0, 255, 255));
  o.triangle(0, 1, 2);
  o.triangle(0, 2, 3);
  // And DisplayPos: the whole picture shifted by (-2, -2).
  o.data.DisplayPos = ImVec2(2, 2);
  SoftwareRaster shifted;
  shifted.render(o.get(), 16, 16, kBlack);
  CHECK(same(at(shifted, 0, 0), 255, 0, 0));
  CHECK(same(at(shifted, 1, 1), 255, 0, 0));
  CHECK(same(at(shifted, 2, 2), 0, 0, 0));
  CHECK(same(at(shifted, 6, 6), 0, 0, 255));
  CHECK(same(at(shifted, 9, 9), 0, 0, 255));
  CHECK(same(at(shifted, 10, 10), 0, 0, 0));
}

TEST_CASE("software raster: odd input is drawn or skipped, never read or written out of bounds") {
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  Mesh m(32, 32);
  const ImU32 white = IM_COL32(255, 255, 255, 255);
  m.triangle(m.vertex(nan, 1, white), m.vertex(10, 1, white), m.vertex(1, 10, white));
  m.triangle(m.vertex(1, nan, white), m.vertex(10, 1, white), m.vertex(1, 10, white));
  m.triangle(m.vertex(-1e30f, -1e30f, white), m.vertex(1e30f, -1e30f, white), m.vertex(0, 1e30f, white));
  m.triangle(m.vertex(inf, 0, white), m.vertex(-inf, 0, white), m.vertex(0, inf, white));
  m.triangle(m.vertex(5, 5, white), m.vertex(10, 10, white), m.vertex(15, 15, white));  // zero area
  m.triangle(0, 60000, 2);                                                              // indices past the vertices
  m.rect(-1e9f, -1e9f, 1e9f, 1e9f, IM_COL32(0, 0, 255, 128));
  m.command(ImVec4(nan, nan, nan, nan));
  m.rect(0, 0, 32, 32, white);
  m.command(ImVec4(0, 0, 32, 32), true);  // textured, odd texture coordinates
  m.rect(0, 0, 4, 4, white, ImVec2(nan, -1e30f), ImVec2(1e30f, inf));
  m.triangle(m.vertex(0, 4, white, nan, 1), m.vertex(4, 4, white, 1e30f, -inf), m.vertex(0, 8, white, -1e30f, 0.5f));
  m.command();
  m.list.CmdBuffer.back().IdxOffset = 1u << 30;  // past the indices
  m.list.CmdBuffer.back().ElemCount = 6;
  m.command();
  m.list.CmdBuffer.back().VtxOffset = 1u << 30;
  m.list.CmdBuffer.back().ElemCount = 1u << 30;
  const std::uint8_t atlas[4] = {255, 0, 0, 255};
  SoftwareRaster raster;
  raster.set_font_atlas(atlas, 2, 2);
  auto ranges = raster.render(m.get(), 32, 32, kBlack);
  CHECK(ranges.size() == 1);
  // The huge triangle covers everything: white; the half-blue rect over it.
  CHECK(same(at(raster, 16, 16), 127, 127, 255));

  // Sizes: zero or absurd are refused; nothing to show.
  SoftwareRaster empty;
  CHECK(empty.render(m.get(), 0, 32, kBlack).empty());
  CHECK(empty.render(m.get(), 32, -1, kBlack).empty());
  CHECK(empty.render(m.get(), SoftwareRaster::kMaxSide + 1, 4, kBlack).empty());
  CHECK(empty.render(m.get(), SoftwareRaster::kMaxSide, SoftwareRaster::kMaxSide, kBlack).empty());
  CHECK(empty.render(nullptr, 32, 32, kBlack).empty());
  CHECK(empty.pixels() == nullptr);
  // DisplaySize 0: nothing is drawn but the clear colour; a DisplaySize other than the framebuffer's
  // scales positions and redraws whole.
  m.data.DisplaySize = ImVec2(0, 0);
  CHECK(empty.render(m.get(), 8, 8, ImVec4(0, 1, 0, 1)).size() == 1);
  CHECK(same(at(empty, 4, 4), 0, 255, 0));
  Mesh s(16, 16);
  s.rect(0, 0, 8, 8, white);
  SoftwareRaster scaled;
  scaled.render(s.get(), 32, 32, kBlack);
  CHECK(same(at(scaled, 15, 15), 255, 255, 255));
  CHECK(same(at(scaled, 16, 16), 0, 0, 0));
  CHECK(scaled.render(s.get(), 32, 32, kBlack).size() == 1);  // bands in display units say nothing here
  // A NaN display position: nothing drawn.
  s.data.DisplayPos = ImVec2(nan, nan);
  SoftwareRaster nan_origin;
  CHECK(nan_origin.render(s.get(), 16, 16, kBlack).size() == 1);
  CHECK(count_not(nan_origin, {0, 0, 0, 255}) == 0);
  s.data.DisplayPos = ImVec2(0, 0);
  // A null list and a list count larger than the lists.
  s.get();
  s.data.CmdLists.push_back(nullptr);
  s.data.CmdListsCount = 5;
  SoftwareRaster odd_lists;
  CHECK(odd_lists.render(&s.data, 16, 16, kBlack).size() == 1);
}
