// The software renderer against real Dear ImGui frames (anti-aliased shapes, text at 1x and 2x, a redraw
// of damaged bands only, which must equal a whole redraw byte for byte) and against a plain per-pixel
// reference rasterizer on random scenes.
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
