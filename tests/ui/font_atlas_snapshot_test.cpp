// The baked font atlas: a snapshot installs exactly the atlas a build would make, and is refused, with
// the atlas untouched, whenever it does not belong to these fonts or is damaged in any way.
#include "ui/font_atlas_snapshot.h"
#include "ui/theme.h"

#include <doctest/doctest.h>

#include <cstring>
#include <limits>
#include <random>
#include <vector>

using namespace roster;

namespace {

struct ImGuiContextScope {
  ImGuiContextScope() { ImGui::CreateContext(); }
  ~ImGuiContextScope() { ImGui::DestroyContext(); }
};

ImFontAtlas& atlas() { return *ImGui::GetIO().Fonts; }

// The console's fonts at a ratio, built by rasterizing; its snapshot.
std::vector<std::uint8_t> baked(float ratio) {
  ui::Theme theme;
  ui::build_theme(theme, ratio, false, ROSTER_FONT_DIR);
  REQUIRE(atlas().Build());
  return ui::save_font_atlas(atlas());
}

void require_same_glyphs(const ImFont& a, const ImFont& b) {
  REQUIRE(a.Glyphs.Size == b.Glyphs.Size);
  CHECK(a.FontSize == b.FontSize);
  CHECK(a.Ascent == b.Ascent);
  CHECK(a.Descent == b.Descent);
  CHECK(a.FallbackChar == b.FallbackChar);
  CHECK(a.EllipsisChar == b.EllipsisChar);
  CHECK(a.EllipsisWidth == b.EllipsisWidth);
  CHECK(a.FallbackAdvanceX == b.FallbackAdvanceX);
  REQUIRE(a.IndexLookup.Size == b.IndexLookup.Size);
  CHECK(std::memcmp(a.IndexLookup.Data, b.IndexLookup.Data, a.IndexLookup.size_in_bytes()) == 0);
  CHECK(std::memcmp(a.IndexAdvanceX.Data, b.IndexAdvanceX.Data, a.IndexAdvanceX.size_in_bytes()) == 0);
  for (int i = 0; i < a.Glyphs.Size; ++i) {
    const ImFontGlyph &x = a.Glyphs[i], &y = b.Glyphs[i];
    CHECK(x.Codepoint == y.Codepoint);
    CHECK(x.Visible == y.Visible);
    CHECK(std::memcmp(&x.AdvanceX, &y.AdvanceX, sizeof(float) * 9) == 0);
  }
}

}  // namespace

TEST_CASE("a baked atlas installs exactly what rasterizing the same fonts builds") {
  ImGuiContextScope imgui;
  for (float ratio : {1.0f, 2.0f}) {
    CAPTURE(ratio);
    std::vector<std::uint8_t> snapshot = baked(ratio);
    REQUIRE(!snapshot.empty());

    // What a build makes, kept aside: fonts added again, then rasterized.
    ui::Theme theme;
    ui::build_theme(theme, ratio, false, ROSTER_FONT_DIR);
    REQUIRE(atlas().Build());
    int width = atlas().TexWidth;
    std::vector<std::uint8_t> built_pixels(atlas().TexPixelsAlpha8,
                                           atlas().TexPixelsAlpha8 + atlas().TexWidth * atlas().TexHeight);
    ImVector<ImFont*> built_fonts;
    for (ImFont* f : atlas().Fonts) built_fonts.push_back(IM_NEW(ImFont)(*f));
    ImVec2 white = atlas().TexUvWhitePixel;
    ImVec4 line5 = atlas().TexUvLines[5];
    int height = atlas().TexHeight;

    // The console's way: fonts added, the snapshot installed, nothing rasterized.
    CHECK(ui::build_theme(theme, ratio, true, ROSTER_FONT_DIR, &snapshot));
    CHECK(atlas().IsBuilt());
    REQUIRE(atlas().TexHeight == height);
    REQUIRE(atlas().TexWidth == width);
    CHECK(std::memcmp(atlas().TexPixelsAlpha8, built_pixels.data(), built_pixels.size()) == 0);
    CHECK(atlas().TexUvWhitePixel.x == white.x);
    CHECK(atlas().TexUvWhitePixel.y == white.y);
    CHECK(std::memcmp(&atlas().TexUvLines[5], &line5, sizeof line5) == 0);
    REQUIRE(atlas().Fonts.Size == built_fonts.Size);
    for (int i = 0; i < built_fonts.Size; ++i) require_same_glyphs(*atlas().Fonts[i], *built_fonts[i]);
    // Text measures the same: what every row's layout depends on.
    const char* text = "Ольга Кравчук · Ελένη · Nguyễn Thị Hà, 14:32 — 3 min ago\t…";
    for (int i = 0; i < built_fonts.Size; ++i) {
      ImVec2 a = atlas().Fonts[i]->CalcTextSizeA(atlas().Fonts[i]->FontSize, 1e9f, 0, text);
      ImVec2 b = built_fonts[i]->CalcTextSizeA(built_fonts[i]->FontSize, 1e9f, 0, text);
      CHECK(a.x == b.x);
      CHECK(a.y == b.y);
    }
    for (ImFont* f : built_fonts) {
      f->ContainerAtlas = nullptr;  // the copies share nothing the atlas owns
      IM_DELETE(f);
    }
  }
}

TEST_CASE("a snapshot of other fonts or another ratio is refused and the atlas is rasterized instead") {
  ImGuiContextScope imgui;
  std::vector<std::uint8_t> at_one = baked(1.0f);
  ui::Theme theme;
  CHECK_FALSE(ui::build_theme(theme, 2.0f, false, ROSTER_FONT_DIR, &at_one));
  CHECK_FALSE(atlas().IsBuilt());
  CHECK(atlas().Build());  // as the console would: rasterized when its texture is asked for
  CHECK(atlas().Fonts[0]->FontSize == 30.0f);

  std::vector<std::uint8_t> empty;
  CHECK_FALSE(ui::build_theme(theme, 1.0f, false, ROSTER_FONT_DIR, &empty));
  CHECK_FALSE(ui::build_theme(theme, 1.0f, false, ROSTER_FONT_DIR, nullptr));
  CHECK(ui::build_theme(theme, 1.0f, false, ROSTER_FONT_DIR, &at_one));
}

TEST_CASE("a truncated, lengthened or damaged snapshot is refused without touching the atlas") {
  ImGuiContextScope imgui;
  const std::vector<std::uint8_t> good = baked(1.0f);
  ui::Theme theme;
  auto refused = [&](const std::vector<std::uint8_t>& bytes) {
    ui::build_theme(theme, 1.0f, false, ROSTER_FONT_DIR);
    bool loaded = ui::load_font_atlas(atlas(), bytes.data(), bytes.size());
    if (!loaded) CHECK_FALSE(atlas().IsBuilt());
    return !loaded;
  };
  // Every cut through the header and the first font's glyphs, and a few through the pixels.
  for (std::size_t n = 0; n < 20000; n += (n < 2000 ? 1 : 97)) CHECK(refused({good.begin(), good.begin() + n}));
  CHECK(refused({good.begin(), good.end() - 1}));
  std::vector<std::uint8_t> longer = good;
  longer.push_back(0);
  CHECK(refused(longer));

  // Out-of-range values where they are checked: texture size, glyph count, a coordinate, a code point.
  auto patched = [&](std::size_t at, std::uint32_t value) {
    std::vector<std::uint8_t> bytes = good;
    std::memcpy(bytes.data() + at, &value, sizeof value);
    return bytes;
  };
  CHECK(refused(patched(16, 0)));           // width 0
  CHECK(refused(patched(16, 1u << 20)));    // width past any texture
  CHECK(refused(patched(20, 0xFFFFFFFF)));  // height
  float nan = std::numeric_limits<float>::quiet_NaN(), two = 2.0f;
  std::uint32_t nan_bits, two_bits;
  std::memcpy(&nan_bits, &nan, 4);
  std::memcpy(&two_bits, &two, 4);
  CHECK(refused(patched(24, nan_bits)));  // the white pixel's u
  CHECK(refused(patched(28, two_bits)));  // its v, outside the texture

  // Random damage anywhere is either refused or, in the pixels, installed harmlessly.
  std::mt19937 random(7);
  for (int i = 0; i < 300; ++i) {
    std::vector<std::uint8_t> bytes = good;
    bytes[random() % bytes.size()] ^= static_cast<std::uint8_t>(1 + random() % 255);
    ui::build_theme(theme, 1.0f, false, ROSTER_FONT_DIR);
    if (ui::load_font_atlas(atlas(), bytes.data(), bytes.size())) {
      CHECK(atlas().IsBuilt());
      for (ImFont* f : atlas().Fonts) CHECK(f->FindGlyph('A') != nullptr);
    }
  }
}
