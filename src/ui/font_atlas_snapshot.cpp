#include "ui/font_atlas_snapshot.h"

#include <cmath>
#include <cstring>

namespace roster::ui {

namespace {

constexpr char kMagic[8] = {'R', 'S', 'T', 'R', 'F', 'A', '0', '1'};
constexpr std::uint32_t kMaxTextureSide = 8192;
constexpr int kLineUvCount = IM_DRAWLIST_TEX_LINES_WIDTH_MAX + 1;

// FNV-1a over 8-byte words (the font files are ~1.5 MB in all, hashed at every start): a fingerprint
// that tells one font configuration from another, not a defence against a forged file.
struct Fingerprint {
  std::uint64_t value = 1469598103934665603ULL;
  void word(std::uint64_t w) { value = (value ^ w) * 1099511628211ULL; }
  void bytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      word(w);
    }
    for (; i < size; ++i) word(p[i]);
  }
  template <typename T>
  void add(const T& v) {
    bytes(&v, sizeof v);
  }
};

class Writer {
 public:
  explicit Writer(std::vector<std::uint8_t>& out) : out_(out) {}
  void bytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    out_.insert(out_.end(), p, p + size);
  }
  void u32(std::uint32_t v) { bytes(&v, sizeof v); }
  void i32(std::int32_t v) { bytes(&v, sizeof v); }
  void f32(float v) { bytes(&v, sizeof v); }
  void u64(std::uint64_t v) { bytes(&v, sizeof v); }

 private:
  std::vector<std::uint8_t>& out_;
};

// Every read is checked against the end; a failed read makes every later one fail too.
class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size) : p_(data), end_(data + size) {}
  bool ok() const { return ok_; }
  bool at_end() const { return ok_ && p_ == end_; }
  const std::uint8_t* take(std::size_t size) {
    if (!ok_ || static_cast<std::size_t>(end_ - p_) < size) {
      ok_ = false;
      return nullptr;
    }
    const std::uint8_t* at = p_;
    p_ += size;
    return at;
  }
  template <typename T>
  T get() {
    T v{};
    if (const std::uint8_t* at = take(sizeof v)) std::memcpy(&v, at, sizeof v);
    return v;
  }
  float finite() {
    auto v = get<float>();
    if (!std::isfinite(v)) ok_ = false;
    return v;
  }
  float unit() {  // a texture coordinate
    float v = finite();
    if (v < 0.0f || v > 1.0f) ok_ = false;
    return v;
  }
  void fail() { ok_ = false; }

 private:
  const std::uint8_t* p_;
  const std::uint8_t* end_;
  bool ok_ = true;
};

struct FontOut {
  float size = 0, ascent = 0, descent = 0;
  ImWchar fallback = 0, ellipsis = 0;
  ImVector<ImFontGlyph> glyphs;
};

bool read_glyph(Reader& in, ImFontGlyph& g) {
  auto codepoint = in.get<std::uint32_t>();
  auto flags = in.get<std::uint8_t>();
  if (codepoint > IM_UNICODE_CODEPOINT_MAX || flags > 3) in.fail();
  g.Codepoint = codepoint;
  g.Colored = flags & 1u;
  g.Visible = (flags >> 1) & 1u;
  g.AdvanceX = in.finite();
  g.X0 = in.finite();
  g.Y0 = in.finite();
  g.X1 = in.finite();
  g.Y1 = in.finite();
  g.U0 = in.unit();
  g.V0 = in.unit();
  g.U1 = in.unit();
  g.V1 = in.unit();
  return in.ok();
}

bool read_char(Reader& in, ImWchar& c) {
  auto v = in.get<std::uint32_t>();
  if (v > 0xFFFF) in.fail();  // ImWchar is 16-bit in this build
  c = static_cast<ImWchar>(v);
  return in.ok();
}

}  // namespace

std::uint64_t font_atlas_key(const ImFontAtlas& atlas) {
  Fingerprint f;
  f.bytes(kMagic, sizeof kMagic);
  f.add(atlas.Flags);
  f.add(atlas.TexDesiredWidth);
  f.add(atlas.TexGlyphPadding);
  f.add(atlas.ConfigData.Size);
  for (const ImFontConfig& c : atlas.ConfigData) {
    f.add(c.FontNo);
    f.add(c.SizePixels);
    f.add(c.OversampleH);
    f.add(c.OversampleV);
    f.add(c.PixelSnapH);
    f.add(c.GlyphExtraSpacing);
    f.add(c.GlyphOffset);
    f.add(c.GlyphMinAdvanceX);
    f.add(c.GlyphMaxAdvanceX);
    f.add(c.MergeMode);
    f.add(c.FontBuilderFlags);
    f.add(c.RasterizerMultiply);
    f.add(c.RasterizerDensity);
    f.add(c.EllipsisChar);
    int font_index = atlas.Fonts.index_from_ptr(atlas.Fonts.find(c.DstFont));
    f.add(font_index);
    for (const ImWchar* r = c.GlyphRanges; r && *r; ++r) f.add(*r);
    f.add(c.FontDataSize);
    if (c.FontData && c.FontDataSize > 0) f.bytes(c.FontData, static_cast<std::size_t>(c.FontDataSize));
  }
  return f.value;
}

std::vector<std::uint8_t> save_font_atlas(const ImFontAtlas& atlas) {
  std::vector<std::uint8_t> out;
  if (!atlas.TexReady || !atlas.TexPixelsAlpha8) return out;
  for (const ImFontAtlasCustomRect& r : atlas.CustomRects)
    if (r.Font) return out;  // custom glyphs point into fonts: not something the console adds
  Writer w(out);
  w.bytes(kMagic, sizeof kMagic);
  w.u64(font_atlas_key(atlas));
  w.u32(static_cast<std::uint32_t>(atlas.TexWidth));
  w.u32(static_cast<std::uint32_t>(atlas.TexHeight));
  w.f32(atlas.TexUvWhitePixel.x);
  w.f32(atlas.TexUvWhitePixel.y);
  for (const ImVec4& uv : atlas.TexUvLines) {
    w.f32(uv.x);
    w.f32(uv.y);
    w.f32(uv.z);
    w.f32(uv.w);
  }
  w.i32(atlas.PackIdMouseCursors);
  w.i32(atlas.PackIdLines);
  w.u32(static_cast<std::uint32_t>(atlas.CustomRects.Size));
  for (const ImFontAtlasCustomRect& r : atlas.CustomRects) {
    w.u32(r.Width | (static_cast<std::uint32_t>(r.Height) << 16));
    w.u32(r.X | (static_cast<std::uint32_t>(r.Y) << 16));
  }
  w.u32(static_cast<std::uint32_t>(atlas.Fonts.Size));
  for (const ImFont* font : atlas.Fonts) {
    w.f32(font->FontSize);
    w.f32(font->Ascent);
    w.f32(font->Descent);
    w.u32(font->FallbackChar);
    w.u32(font->EllipsisChar);
    w.u32(static_cast<std::uint32_t>(font->Glyphs.Size));
    for (const ImFontGlyph& g : font->Glyphs) {
      w.u32(g.Codepoint);
      std::uint8_t flags = static_cast<std::uint8_t>(g.Colored | (g.Visible << 1));
      w.bytes(&flags, 1);
      for (float v : {g.AdvanceX, g.X0, g.Y0, g.X1, g.Y1, g.U0, g.V0, g.U1, g.V1}) w.f32(v);
    }
  }
  w.bytes(atlas.TexPixelsAlpha8, static_cast<std::size_t>(atlas.TexWidth) * atlas.TexHeight);
  return out;
}

bool load_font_atlas(ImFontAtlas& atlas, const std::uint8_t* data, std::size_t size) {
  if (!data || atlas.Locked || atlas.Fonts.Size == 0) return false;
  Reader in(data, size);
  const std::uint8_t* magic = in.take(sizeof kMagic);
  if (!magic || std::memcmp(magic, kMagic, sizeof kMagic) != 0) return false;
  if (in.get<std::uint64_t>() != font_atlas_key(atlas)) return false;  // baked from other fonts or sizes

  auto width = in.get<std::uint32_t>(), height = in.get<std::uint32_t>();
  if (width == 0 || height == 0 || width > kMaxTextureSide || height > kMaxTextureSide) return false;
  ImVec2 white;
  white.x = in.unit();
  white.y = in.unit();
  ImVec4 lines[kLineUvCount];
  for (ImVec4& uv : lines) {
    uv.x = in.unit();
    uv.y = in.unit();
    uv.z = in.unit();
    uv.w = in.unit();
  }
  auto pack_cursors = in.get<std::int32_t>(), pack_lines = in.get<std::int32_t>();
  auto rect_count = in.get<std::uint32_t>();
  if (!in.ok() || rect_count > 64) return false;
  ImVector<ImFontAtlasCustomRect> rects;
  for (std::uint32_t i = 0; i < rect_count; ++i) {
    auto wh = in.get<std::uint32_t>(), xy = in.get<std::uint32_t>();
    ImFontAtlasCustomRect r;
    r.Width = static_cast<unsigned short>(wh & 0xFFFF);
    r.Height = static_cast<unsigned short>(wh >> 16);
    r.X = static_cast<unsigned short>(xy & 0xFFFF);
    r.Y = static_cast<unsigned short>(xy >> 16);
    if (r.IsPacked() && (r.X + r.Width > width || r.Y + r.Height > height)) in.fail();
    rects.push_back(r);
  }
  if (pack_cursors < -1 || pack_cursors >= static_cast<std::int32_t>(rect_count) || pack_lines < -1 ||
      pack_lines >= static_cast<std::int32_t>(rect_count))
    return false;

  if (in.get<std::uint32_t>() != static_cast<std::uint32_t>(atlas.Fonts.Size)) return false;
  std::vector<FontOut> fonts(static_cast<std::size_t>(atlas.Fonts.Size));
  for (FontOut& font : fonts) {
    font.size = in.finite();
    font.ascent = in.finite();
    font.descent = in.finite();
    if (!read_char(in, font.fallback) || !read_char(in, font.ellipsis)) return false;
    auto glyph_count = in.get<std::uint32_t>();
    if (!in.ok() || glyph_count == 0 || glyph_count >= 0xFFFF) return false;  // ImGui's index is 16-bit
    if (size / 41 < glyph_count) return false;                                // cannot fit: refuse before allocating
    font.glyphs.resize(static_cast<int>(glyph_count));
    for (ImFontGlyph& g : font.glyphs)
      if (!read_glyph(in, g)) return false;
  }
  const std::uint8_t* pixels = in.take(static_cast<std::size_t>(width) * height);
  if (!pixels || !in.at_end()) return false;

  // Everything read and checked: only now is the atlas changed, as its own build would leave it.
  atlas.ClearTexData();
  atlas.TexWidth = static_cast<int>(width);
  atlas.TexHeight = static_cast<int>(height);
  atlas.TexUvScale = ImVec2(1.0f / static_cast<float>(width), 1.0f / static_cast<float>(height));
  atlas.TexUvWhitePixel = white;
  std::memcpy(atlas.TexUvLines, lines, sizeof lines);
  atlas.CustomRects.swap(rects);
  atlas.PackIdMouseCursors = pack_cursors;
  atlas.PackIdLines = pack_lines;
  atlas.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(static_cast<std::size_t>(width) * height));
  std::memcpy(atlas.TexPixelsAlpha8, pixels, static_cast<std::size_t>(width) * height);
  for (int i = 0; i < atlas.Fonts.Size; ++i) {
    ImFont* font = atlas.Fonts[i];
    FontOut& from = fonts[static_cast<std::size_t>(i)];
    font->ClearOutputData();
    font->ContainerAtlas = &atlas;
    font->FontSize = from.size;
    font->Ascent = from.ascent;
    font->Descent = from.descent;
    font->FallbackChar = from.fallback;
    font->EllipsisChar = from.ellipsis;
    font->Glyphs.swap(from.glyphs);
    font->BuildLookupTable();
  }
  atlas.TexReady = true;
  return true;
}

}  // namespace roster::ui
