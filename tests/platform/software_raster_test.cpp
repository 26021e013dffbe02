// The software renderer against hand-made draw data (coverage, the fill rule, blending, the atlas,
// clipping, odd input) and against real Dear ImGui frames (anti-aliased shapes, text at 1x and 2x, a
// redraw of damaged bands only, which must equal a whole redraw byte for byte).
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

using roster::platform::BandRange;
using roster::platform::SoftwareRaster;

namespace {

struct Pixel {
  int r, g, b, a;
};

Pixel at(const SoftwareRaster& raster, int x, int y) {
  const std::uint8_t* p = raster.pixels() + (static_cast<std::size_t>(y) * raster.width() + x) * 4;
  return {p[0], p[1], p[2], p[3]};
}

bool same(Pixel p, int r, int g, int b) { return p.r == r && p.g == g && p.b == b && p.a == 255; }

const ImVec4 kBlack(0, 0, 0, 1);

// Draw data made by hand: one list, commands added in order.
struct Mesh {
  ImDrawList list{nullptr};
  ImDrawData data;

  explicit Mesh(float width = 64, float height = 64) {
    data.Valid = true;
    data.DisplayPos = ImVec2(0, 0);
    data.DisplaySize = ImVec2(width, height);
    data.FramebufferScale = ImVec2(1, 1);
  }
  ~Mesh() { list._ClearFreeMemory(); }

  unsigned vertex(float x, float y, ImU32 col, float u = 0, float v = 0) {
    ImDrawVert vert;
    vert.pos = ImVec2(x, y);
    vert.uv = ImVec2(u, v);
    vert.col = col;
    list.VtxBuffer.push_back(vert);
    return static_cast<unsigned>(list.VtxBuffer.Size - 1);
  }
  // Starts a command: following triangles are drawn clipped to `clip`, with a texture or none.
  void command(ImVec4 clip = ImVec4(-1e6f, -1e6f, 1e6f, 1e6f), bool textured = false) {
    ImDrawCmd cmd;
    cmd.ClipRect = clip;
    cmd.TextureId = textured ? reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(1)) : ImTextureID{};
    cmd.IdxOffset = static_cast<unsigned>(list.IdxBuffer.Size);
    list.CmdBuffer.push_back(cmd);
  }
  void triangle(unsigned a, unsigned b, unsigned c) {
    if (list.CmdBuffer.empty()) command();
    list.IdxBuffer.push_back(static_cast<ImDrawIdx>(a));
    list.IdxBuffer.push_back(static_cast<ImDrawIdx>(b));
    list.IdxBuffer.push_back(static_cast<ImDrawIdx>(c));
    list.CmdBuffer.back().ElemCount += 3;
  }
  // Two triangles as ImGui's PrimRect makes them (0 1 2, 0 2 3).
  void rect(float x0, float y0, float x1, float y1, ImU32 col, ImVec2 uv0 = ImVec2(0, 0), ImVec2 uv1 = ImVec2(0, 0)) {
    unsigned a = vertex(x0, y0, col, uv0.x, uv0.y), b = vertex(x1, y0, col, uv1.x, uv0.y);
    unsigned c = vertex(x1, y1, col, uv1.x, uv1.y), d = vertex(x0, y1, col, uv0.x, uv1.y);
    triangle(a, b, c);
    triangle(a, c, d);
  }
  ImDrawData* get() {
    data.CmdLists.resize(0);
    data.CmdLists.push_back(&list);
    data.CmdListsCount = 1;
    data.TotalVtxCount = list.VtxBuffer.Size;
    data.TotalIdxCount = list.IdxBuffer.Size;
    return &data;
  }
};

int count_not(const SoftwareRaster& raster, Pixel background) {
  int n = 0;
  for (int y = 0; y < raster.height(); ++y)
    for (int x = 0; x < raster.width(); ++x) {
      Pixel p = at(raster, x, y);
      n += p.r != background.r || p.g != background.g || p.b != background.b;
    }
  return n;
}

std::vector<std::uint8_t> copy(const SoftwareRaster& raster) {
  return std::vector<std::uint8_t>(raster.pixels(),
                                   raster.pixels() + static_cast<std::size_t>(raster.width()) * raster.height() * 4);
}

}  // namespace

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

namespace {

// A headless Dear ImGui context whose font atlas (the default font at `sizes`) is handed to a raster.
struct Scene {
  std::vector<ImFont*> fonts;
  explicit Scene(std::initializer_list<float> sizes, ImVec2 display = ImVec2(320, 240)) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = display;
    io.DeltaTime = 1.0f / 60.0f;
    for (float size : sizes) {
      ImFontConfig cfg;  // as the console's fonts: rasterized at the size drawn, glyphs on whole pixels
      cfg.SizePixels = size;
      cfg.OversampleH = 1;
      cfg.PixelSnapH = true;
      fonts.push_back(io.Fonts->AddFontDefault(&cfg));
    }
  }
  ~Scene() { ImGui::DestroyContext(); }
  void give_atlas(SoftwareRaster& raster) {
    unsigned char* pixels;
    int w, h;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);  // builds the atlas, then its id is set
    ImGui::GetIO().Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(1)));
    raster.set_font_atlas(pixels, w, h);
  }
};

struct Box {
  int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
  int width() const { return x1 - x0 + 1; }
  int height() const { return y1 - y0 + 1; }
};

// Where pixels differ from the background within [x0, x1) x [y0, y1).
Box ink(const SoftwareRaster& raster, int x0, int y0, int x1, int y1, Pixel background) {
  Box b;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      Pixel p = at(raster, x, y);
      if (p.r == background.r && p.g == background.g && p.b == background.b) continue;
      b.x0 = std::min(b.x0, x);
      b.y0 = std::min(b.y0, y);
      b.x1 = std::max(b.x1, x);
      b.y1 = std::max(b.y1, y);
    }
  return b;
}

}  // namespace

TEST_CASE("software raster: ImGui's anti-aliased shapes have solid insides and partial edges") {
  Scene scene({13.0f});
  SoftwareRaster raster;
  scene.give_atlas(raster);
  ImGui::NewFrame();
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const ImU32 red = IM_COL32(230, 40, 20, 255);
  dl->AddRectFilled(ImVec2(10, 10), ImVec2(110, 70), red, 12.0f);
  dl->AddCircleFilled(ImVec2(180, 50), 30.0f, IM_COL32(20, 200, 60, 255));
  dl->AddLine(ImVec2(10, 100), ImVec2(300, 100), IM_COL32(255, 255, 255, 255), 1.0f);
  dl->AddLine(ImVec2(10, 120), ImVec2(300, 200), IM_COL32(255, 255, 255, 255), 2.0f);
  ImGui::Render();
  raster.render(ImGui::GetDrawData(), 320, 240, kBlack);

  // Insides: exactly the colour.
  CHECK(same(at(raster, 60, 40), 230, 40, 20));
  CHECK(same(at(raster, 15, 40), 230, 40, 20));  // the straight left side, away from the corners
  CHECK(same(at(raster, 180, 50), 20, 200, 60));
  CHECK(same(at(raster, 155, 50), 20, 200, 60));
  // The rounded corner: the very corner pixel is background, the arc has partial pixels.
  CHECK(same(at(raster, 10, 10), 0, 0, 0));
  int partial = 0;
  for (int y = 10; y < 22; ++y)
    for (int x = 10; x < 22; ++x) {
      Pixel p = at(raster, x, y);
      partial += p.r > 0 && p.r < 230;
    }
  CHECK(partial >= 8);
  // The circle's edge along its middle row: solid inside, then partial, then background, monotonic.
  int last = 255, partial_circle = 0;
  for (int x = 200; x < 215; ++x) {
    Pixel p = at(raster, x, 50);
    CHECK(p.g <= last);
    last = p.g;
    partial_circle += p.g > 0 && p.g < 200;
  }
  CHECK(partial_circle >= 1);
  CHECK(same(at(raster, 212, 50), 0, 0, 0));
  // A 1 px line at y = 100 (ImGui centres it on 100.5): row 100 carries it, rows 98 and 102 do not.
  Pixel on = at(raster, 150, 100);
  CHECK(on.r >= 200);
  CHECK(same(at(raster, 150, 98), 0, 0, 0));
  CHECK(same(at(raster, 150, 102), 0, 0, 0));
  // The slanted 2 px line: some pixels partly covered along it.
  int slanted_partial = 0;
  for (int x = 100; x < 200; ++x)
    for (int y = 130; y < 190; ++y) {
      Pixel p = at(raster, x, y);
      slanted_partial += p.r > 0 && p.r < 255;
    }
  CHECK(slanted_partial > 50);
}

TEST_CASE("software raster: text at 1x and 2x lands where ImGui laid it out, twice as big") {
  Scene scene({13.0f, 26.0f});
  SoftwareRaster raster;
  scene.give_atlas(raster);
  const char* text = "Roster 1,024 users";
  ImGui::NewFrame();
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  dl->AddText(scene.fonts[0], 13.0f, ImVec2(10, 10), IM_COL32(255, 255, 255, 255), text);
  dl->AddText(scene.fonts[1], 26.0f, ImVec2(10, 60), IM_COL32(255, 255, 255, 255), text);
  const ImVec2 small = scene.fonts[0]->CalcTextSizeA(13.0f, 1e9f, 0.0f, text);
  const ImVec2 big = scene.fonts[1]->CalcTextSizeA(26.0f, 1e9f, 0.0f, text);
  ImGui::Render();
  raster.render(ImGui::GetDrawData(), 320, 240, kBlack);

  Box a = ink(raster, 0, 0, 320, 50, {0, 0, 0, 255});
  Box b = ink(raster, 0, 50, 320, 240, {0, 0, 0, 255});
  REQUIRE(a.x1 > a.x0);
  REQUIRE(b.x1 > b.x0);
  // The ink stays inside the laid-out text box.
  CHECK(a.x0 >= 10);
  CHECK(a.x1 < 10 + small.x + 1);
  CHECK(a.y0 >= 10);
  CHECK(a.y1 < 10 + small.y);
  CHECK(b.x0 >= 10);
  CHECK(b.x1 < 10 + big.x + 1);
  CHECK(b.y0 >= 60);
  CHECK(b.y1 < 60 + big.y);
  // Twice as big, within a couple of pixels of rounding.
  CHECK(std::abs(b.width() - 2 * a.width()) <= 3);
  CHECK(std::abs(b.height() - 2 * a.height()) <= 3);
  // ProggyClean is a pixel font: its 1x glyphs are fully on or off, and they are drawn 1:1, so the
  // small text has only white and black pixels.
  int grey = 0, white = 0;
  for (int y = a.y0; y <= a.y1; ++y)
    for (int x = a.x0; x <= a.x1; ++x) {
      Pixel p = at(raster, x, y);
      grey += p.r > 0 && p.r < 255;
      white += p.r == 255;
    }
  CHECK(grey == 0);
  CHECK(white > 50);
}

namespace {

// A window of rows of text and rects, as a list draws; `changed` alters one row, `scroll` shifts all.
ImDrawData* list_frame(int changed, float scroll) {
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(320, 240));
  ImGui::Begin("list", nullptr, ImGuiWindowFlags_NoDecoration);
  for (int row = 0; row < 16; ++row) {
    const float y = 8 + row * 16 - scroll;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(4, y), ImVec2(316, y + 14), IM_COL32(40, 60, 90, 255), row % 3 ? 0.0f : 4.0f);
    std::string label = "Person " + std::to_string(row) + (row == changed ? " (edited)" : "");
    dl->AddText(ImVec2(10, y + 1), IM_COL32(230, 230, 230, 255), label.c_str());
    dl->AddCircleFilled(ImVec2(300, y + 7), 5, IM_COL32(0, 200, 100, 200));
  }
  ImGui::End();
  ImGui::Render();
  return ImGui::GetDrawData();
}

}  // namespace

TEST_CASE("software raster: redrawing the damaged bands only gives the picture a whole redraw gives") {
  Scene scene({13.0f});
  SoftwareRaster incremental;
  scene.give_atlas(incremental);
  const ImVec4 clear(0.1f, 0.1f, 0.12f, 1);
  CHECK(incremental.render(list_frame(-1, 0), 320, 240, clear).size() == 1);

  // One row changed: only its bands are redrawn.
  auto ranges = incremental.render(list_frame(9, 0), 320, 240, clear);
  REQUIRE_FALSE(ranges.empty());
  int rows = 0;
  for (const BandRange& r : ranges) rows += r.y1 - r.y0;
  CHECK(rows <= 64);
  SoftwareRaster whole;
  scene.give_atlas(whole);
  whole.render(list_frame(9, 0), 320, 240, clear);
  CHECK(copy(incremental) == copy(whole));

  // Scrolled by a fraction of a pixel and then some: everything moves.
  incremental.render(list_frame(9, 3.5f), 320, 240, clear);
  SoftwareRaster scrolled;
  scene.give_atlas(scrolled);
  scrolled.render(list_frame(9, 3.5f), 320, 240, clear);
  CHECK(copy(incremental) == copy(scrolled));

  // The clear colour changing redraws everything; so does invalidate().
  auto recoloured = incremental.render(list_frame(9, 3.5f), 320, 240, ImVec4(1, 1, 1, 1));
  REQUIRE(recoloured.size() == 1);
  CHECK(recoloured[0].y1 == 240);
  CHECK(incremental.render(list_frame(9, 3.5f), 320, 240, ImVec4(1, 1, 1, 1)).empty());
  incremental.invalidate();
  CHECK(incremental.render(list_frame(9, 3.5f), 320, 240, ImVec4(1, 1, 1, 1)).size() == 1);
  // So does moving the display (the same vertices land elsewhere).
  ImDrawData* moved = list_frame(9, 3.5f);
  moved->DisplayPos = ImVec2(0, 10);
  auto shifted = incremental.render(moved, 320, 240, ImVec4(1, 1, 1, 1));
  REQUIRE(shifted.size() == 1);
  CHECK(shifted[0].y1 == 240);
}

namespace {

// A reference rasterizer as plain as can be: every pixel of every triangle's clip rectangle tested
// against the three edges (exact integers, the top-left rule), blended in order over a cleared picture.
// One colour a triangle, no texture: what it checks is coverage, the fill rule, the order of drawing
// and blending, and the software raster's shortcuts (rectangles, spans, the late clear) against it.
struct Reference {
  int width, height;
  std::vector<std::uint32_t> rgb;  // 0xRRGGBB
  Reference(int w, int h, std::uint32_t clear) : width(w), height(h), rgb(static_cast<std::size_t>(w) * h, clear) {}

  static long long fixed(float v) { return static_cast<long long>(std::floor(static_cast<double>(v) * 256 + 0.5)); }
  static int blend(int src, int dst, int a) { return (2 * (src * a + dst * (255 - a)) + 255) / 510; }

  void triangle(const ImDrawVert& v0, const ImDrawVert& v1, const ImDrawVert& v2, ImVec4 clip) {
    long long X[3] = {fixed(v0.pos.x), fixed(v1.pos.x), fixed(v2.pos.x)};
    long long Y[3] = {fixed(v0.pos.y), fixed(v1.pos.y), fixed(v2.pos.y)};
    long long area = (X[1] - X[0]) * (Y[2] - Y[0]) - (X[2] - X[0]) * (Y[1] - Y[0]);
    if (area == 0) return;
    if (area < 0) std::swap(X[1], X[2]), std::swap(Y[1], Y[2]);
    const ImU32 c = v0.col;
    const int r = c & 0xFF, g = (c >> 8) & 0xFF, b = (c >> 16) & 0xFF, a = c >> 24;
    for (int py = 0; py < height; ++py)
      for (int px = 0; px < width; ++px) {
        if (!(px + 0.5f >= clip.x && px + 0.5f < clip.z && py + 0.5f >= clip.y && py + 0.5f < clip.w)) continue;
        const long long cx = px * 256 + 128, cy = py * 256 + 128;
        bool inside = true;
        for (int k = 0; k < 3 && inside; ++k) {
          const int n = (k + 1) % 3;
          const long long ea = Y[k] - Y[n], eb = X[n] - X[k];
          const long long e = eb * (cy - Y[k]) + ea * (cx - X[k]);
          inside = e > 0 || (e == 0 && (ea > 0 || (ea == 0 && eb > 0)));
        }
        if (!inside) continue;
        std::uint32_t& d = rgb[static_cast<std::size_t>(py) * width + px];
        d = static_cast<std::uint32_t>(blend(r, d >> 16, a) << 16 | blend(g, (d >> 8) & 0xFF, a) << 8 |
                                       blend(b, d & 0xFF, a));
      }
  }
  void draw(const Mesh& m) {
    for (const ImDrawCmd& cmd : m.list.CmdBuffer)
      for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
        const ImDrawIdx* idx = m.list.IdxBuffer.Data + cmd.IdxOffset + i;
        triangle(m.list.VtxBuffer[idx[0]], m.list.VtxBuffer[idx[1]], m.list.VtxBuffer[idx[2]], cmd.ClipRect);
      }
  }
  bool equals(const SoftwareRaster& raster) const {
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x) {
        const std::uint32_t c = rgb[static_cast<std::size_t>(y) * width + x];
        if (!same(at(raster, x, y), static_cast<int>(c >> 16), static_cast<int>((c >> 8) & 0xFF),
                  static_cast<int>(c & 0xFF)))
          return false;
      }
    return true;
  }
};

struct Random {
  std::uint64_t state;
  explicit Random(std::uint64_t seed) : state(seed * 0x9E3779B97F4A7C15ull + 1) {}
  std::uint32_t next() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>(state >> 33);
  }
  int in(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint32_t>(hi - lo + 1)); }
  // Exact in fixed point; a third of them on pixel centres, where the fill rule decides.
  float coord(int lo, int hi) {
    const int kind = in(0, 2);
    if (kind == 0) return static_cast<float>(in(lo, hi - 1)) + 0.5f;
    if (kind == 1) return static_cast<float>(in(lo, hi));
    return static_cast<float>(in(lo * 32, hi * 32)) / 32.0f;
  }
};

// Rectangles (ImGui's vertex order: the rectangle path), triangles, quads split along a diagonal, at
// random alphas (often opaque, sometimes 0), under random clip rectangles, some outside the picture.
void random_scene(Mesh& m, Random& rnd, int w, int h) {
  const int shapes = rnd.in(1, 40);
  for (int s = 0; s < shapes; ++s) {
    if (s == 0 || rnd.in(0, 5) == 0) {
      if (rnd.in(0, 2) == 0)
        m.command(ImVec4(-1000, -1000, 1000, 1000));
      else
        m.command(ImVec4(rnd.coord(-4, w), rnd.coord(-4, h), rnd.coord(0, w + 4), rnd.coord(0, h + 4)));
    }
    const int alpha = rnd.in(0, 3) == 0 ? rnd.in(0, 255) : (rnd.in(0, 5) == 0 ? 0 : 255);
    const ImU32 col = IM_COL32(rnd.in(0, 255), rnd.in(0, 255), rnd.in(0, 255), alpha);
    switch (rnd.in(0, 3)) {
      case 0: {
        const float x0 = rnd.coord(-6, w), y0 = rnd.coord(-6, h);
        m.rect(x0, y0, x0 + rnd.coord(0, w), y0 + rnd.coord(0, h / 2), col);
        break;
      }
      case 1: {
        // Whole-pixel rectangles across the width: the opaque spans the late clear keeps.
        const float y0 = static_cast<float>(rnd.in(-2, h));
        const float x0 = static_cast<float>(rnd.in(-2, w)), x1 = static_cast<float>(rnd.in(0, w + 2));
        m.rect(std::min(x0, x1), y0, std::max(x0, x1) + 1, y0 + static_cast<float>(rnd.in(1, 6)), col);
        break;
      }
      case 2:
        m.triangle(m.vertex(rnd.coord(-8, w + 8), rnd.coord(-8, h + 8), col),
                   m.vertex(rnd.coord(-8, w + 8), rnd.coord(-8, h + 8), col),
                   m.vertex(rnd.coord(-8, w + 8), rnd.coord(-8, h + 8), col));
        break;
      default: {
        unsigned a = m.vertex(rnd.coord(-4, w), rnd.coord(-4, h), col),
                 b = m.vertex(rnd.coord(0, w), rnd.coord(0, h), col);
        unsigned c = m.vertex(rnd.coord(0, w + 4), rnd.coord(0, h + 4), col),
                 d = m.vertex(rnd.coord(0, w), rnd.coord(0, h), col);
        m.triangle(a, b, c);
        m.triangle(a, c, d);
      }
    }
  }
}

}  // namespace

TEST_CASE("software raster: random scenes match a per-pixel reference, whole and band by band") {
  const int w = 48, h = 80;  // several damage bands
  const std::uint32_t clear = 0x102030;
  const ImVec4 clear_vec(0x10 / 255.0f, 0x20 / 255.0f, 0x30 / 255.0f, 1);
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    CAPTURE(seed);
    Random rnd(seed);
    Mesh a(w, h), b(w, h);
    random_scene(a, rnd, w, h);
    // B: A with one shape more (the damage is where it lands) or a new scene.
    Random again(seed);
    random_scene(b, again, w, h);
    if (seed % 3) {
      b.command(ImVec4(-1000, -1000, 1000, 1000));
      b.rect(rnd.coord(0, w), rnd.coord(0, h), rnd.coord(0, w) + 6, rnd.coord(0, h) + 3,
             IM_COL32(rnd.in(0, 255), 0, 0, rnd.in(128, 255)));
    } else {
      b.list.VtxBuffer.resize(0);
      b.list.IdxBuffer.resize(0);
      b.list.CmdBuffer.resize(0);
      random_scene(b, rnd, w, h);
    }
    Reference ref_a(w, h, clear), ref_b(w, h, clear);
    ref_a.draw(a);
    ref_b.draw(b);
    SoftwareRaster raster;
    raster.render(a.get(), w, h, clear_vec);
    REQUIRE(ref_a.equals(raster));
    raster.render(b.get(), w, h, clear_vec);
    REQUIRE(ref_b.equals(raster));
  }
}
