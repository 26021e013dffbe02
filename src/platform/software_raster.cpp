#include "platform/software_raster.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

namespace roster::platform {

namespace {

// Positions in fixed point: 8 fractional bits. Coordinates are clamped to +-2^20 pixels, so a position
// fits 29 bits and an edge function's products 60.
constexpr int kSubBits = 8;
constexpr std::int64_t kSub = 1 << kSubBits;
constexpr std::int64_t kHalf = kSub / 2;  // a pixel's centre
constexpr float kMaxCoord = static_cast<float>(1 << 20);
constexpr std::int32_t kInvalid = std::numeric_limits<std::int32_t>::min();  // a NaN position

// Texel coordinates and interpolated colours: 16 fractional bits, 64-bit (no overflow whatever the
// gradient of a degenerate triangle).
constexpr int kFracBits = 16;
constexpr double kFracOne = 65536.0;
constexpr double kFixedLimit = 70368744177664.0;  // 2^46

// The first pixel whose centre is at or right of (below) the fixed-point coordinate `v`: the top-left
// rule for a rectangle's left and top edges, and the exclusive end for its right and bottom ones.
inline std::int64_t first_centre(std::int64_t v) { return (v - kHalf + kSub - 1) >> kSubBits; }

inline std::int64_t floor_div(std::int64_t n, std::int64_t d) {  // d > 0
  std::int64_t q = n / d;
  return (n % d != 0 && n < 0) ? q - 1 : q;
}
inline std::int64_t ceil_div(std::int64_t n, std::int64_t d) { return -floor_div(-n, d); }

// round(x / 255) for x in [0, 255 * 255].
inline std::uint32_t div255(std::uint32_t x) {
  x += 128;
  return (x + (x >> 8)) >> 8;
}

inline std::int64_t to_fixed(double v) {  // 16 fractional bits, clamped; NaN is 0
  v *= kFracOne;
  if (!(v > -kFixedLimit)) return v != v ? 0 : -static_cast<std::int64_t>(kFixedLimit);
  if (v > kFixedLimit) return static_cast<std::int64_t>(kFixedLimit);
  return static_cast<std::int64_t>(std::floor(v + 0.5));
}

inline std::uint8_t unit_to_byte(float v) {  // GL's float to normalized byte: clamped, rounded
  if (!(v > 0.0f)) return 0;
  if (v >= 1.0f) return 255;
  return static_cast<std::uint8_t>(v * 255.0f + 0.5f);
}

// A pixel as it sits in memory: R, G, B, A bytes, A = 255.
inline std::uint32_t pack(std::uint32_t r, std::uint32_t g, std::uint32_t b) {
  const std::uint8_t bytes[4] = {static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g),
                                 static_cast<std::uint8_t>(b), 255};
  std::uint32_t p;
  std::memcpy(&p, bytes, 4);
  return p;
}

struct Rgba {
  std::uint32_t r, g, b, a;
};
inline Rgba channels(ImU32 c) {
  return {(c >> IM_COL32_R_SHIFT) & 0xFF, (c >> IM_COL32_G_SHIFT) & 0xFF, (c >> IM_COL32_B_SHIFT) & 0xFF,
          (c >> IM_COL32_A_SHIFT) & 0xFF};
}

// A source colour ready to blend at alpha `a` (1..254) over any pixel: the source's share of each
// byte, two bytes a word (bytes 0 and 2, bytes 1 and 3), 16 bits each, so a pixel blends in two
// multiplications. The alpha bytes of source and destination are both 255, so the result's is too.
struct Blend {
  std::uint32_t rb, ga, inverse;
  Blend(std::uint32_t src, std::uint32_t a)
      : rb((src & 0x00FF00FFu) * a + 0x00800080u), ga(((src >> 8) & 0x00FF00FFu) * a + 0x00800080u), inverse(255 - a) {}
  std::uint32_t over(std::uint32_t d) const {
    std::uint32_t lo = (d & 0x00FF00FFu) * inverse + rb;  // each half at most 255 * 255 + 128
    std::uint32_t hi = ((d >> 8) & 0x00FF00FFu) * inverse + ga;
    lo = ((lo + ((lo >> 8) & 0x00FF00FFu)) >> 8) & 0x00FF00FFu;
    hi = (hi + ((hi >> 8) & 0x00FF00FFu)) & 0xFF00FF00u;
    return lo | hi;
  }
};

inline void blend_pixel(std::uint32_t& d, std::uint32_t src, std::uint32_t a) {
  if (a == 0) return;
  if (a >= 255) {
    d = src;
    return;
  }
  d = Blend(src, a).over(d);
}

// Pixels set to one value, two at a time (WebAssembly without SIMD stores 8 bytes at most at once).
inline void fill_pixels(std::uint32_t* p, int n, std::uint32_t v) {
  if (n <= 0) return;
  if (reinterpret_cast<std::uintptr_t>(p) & 4) *p++ = v, --n;
  const std::uint64_t two = (std::uint64_t{v} << 32) | v;
  for (; n >= 2; n -= 2, p += 2) std::memcpy(p, &two, 8);
  if (n) *p = v;
}

// A run of pixels in one colour at one alpha: a plain fill when opaque.
inline void solid_span(std::uint32_t* p, int n, std::uint32_t src, std::uint32_t a) {
  if (a >= 255) {
    fill_pixels(p, n, src);
    return;
  }
  const Blend blend(src, a);
  for (int i = 0; i < n; ++i) p[i] = blend.over(p[i]);
}

}  // namespace

// The clear colour, put down late: within a pass, a row's pixels are cleared only where something is
// blended onto them, and at the end where nothing was drawn; where an opaque span comes first they
// are never cleared (the list's card over the background is most of the screen: clearing under it
// first would write every pixel twice). Each row remembers up to kSpans spans already drawn; one more
// clears the rest of the row.
class SoftwareRaster::LazyClear {
 public:
  static constexpr int kSpans = 6;

  void begin(std::uint32_t* pixels, int stride, int height, std::uint32_t clear, BandRange range) {
    pixels_ = pixels;
    stride_ = stride;
    clear_ = clear;
    if (state_.size() < static_cast<std::size_t>(height)) state_.resize(static_cast<std::size_t>(height));
    for (int y = range.y0; y < range.y1; ++y) state_[y].count = 0;
  }
  void finish(BandRange range) {
    for (int y = range.y0; y < range.y1; ++y) settle(y);
  }
  // Row y, about to be blended onto in [x0, x1): cleared there where nothing was drawn yet.
  std::uint32_t* row(int y, int x0, int x1) {
    if (state_[y].count >= 0) cover(y, x0, x1, true);
    return pixels_ + static_cast<std::size_t>(y) * static_cast<std::size_t>(stride_);
  }
  // Row y, about to be overwritten by opaque pixels in [x0, x1).
  std::uint32_t* opaque_row(int y, int x0, int x1) {
    if (state_[y].count >= 0) cover(y, x0, x1, false);
    return pixels_ + static_cast<std::size_t>(y) * static_cast<std::size_t>(stride_);
  }

 private:
  struct Row {
    int count = -1;              // spans drawn; -1 once the whole row is (nothing left to clear)
    int x0[kSpans], x1[kSpans];  // sorted, neither overlapping nor touching
  };

  void clear(int y, int x0, int x1) {
    if (x1 <= x0) return;
    std::uint32_t* p = pixels_ + static_cast<std::size_t>(y) * static_cast<std::size_t>(stride_);
    fill_pixels(p + x0, x1 - x0, clear_);
  }
  void settle(int y) {  // clears every pixel not drawn yet
    Row& r = state_[y];
    if (r.count < 0) return;
    int from = 0;
    for (int i = 0; i < r.count; ++i) {
      clear(y, from, r.x0[i]);
      from = r.x1[i];
    }
    clear(y, from, stride_);
    r.count = -1;
  }
  void cover(int y, int x0, int x1, bool blended) {
    Row& r = state_[y];
    int i = 0;
    while (i < r.count && r.x1[i] < x0) ++i;
    int j = i;  // spans [i, j) overlap or touch [x0, x1)
    while (j < r.count && r.x0[j] <= x1) ++j;
    if (i == j && r.count == kSpans) {  // no room for another: clear what is left of the row
      settle(y);
      return;
    }
    if (blended) {  // the pixels blended onto must hold the clear colour first
      int from = x0;
      for (int k = i; k < j; ++k) {
        clear(y, from, r.x0[k]);
        from = std::max(from, r.x1[k]);
      }
      clear(y, from, x1);
    }
    if (i < j) {
      x0 = std::min(x0, r.x0[i]);
      x1 = std::max(x1, r.x1[j - 1]);
    }
    const int removed = j - i;  // spans [i, j) become one, at i
    if (removed == 0) {
      for (int k = r.count; k > i; --k) r.x0[k] = r.x0[k - 1], r.x1[k] = r.x1[k - 1];
      ++r.count;
    } else {
      for (int k = j; k < r.count; ++k) r.x0[k - removed + 1] = r.x0[k], r.x1[k - removed + 1] = r.x1[k];
      r.count -= removed - 1;
    }
    r.x0[i] = x0;
    r.x1[i] = x1;
    if (r.count == 1 && x0 <= 0 && x1 >= stride_) r.count = -1;  // the whole row is drawn
  }

  std::uint32_t* pixels_ = nullptr;
  int stride_ = 0;
  std::uint32_t clear_ = 0;
  std::vector<Row> state_;
};

namespace {

struct Texture {
  const std::uint8_t* data = nullptr;
  int width = 0, height = 0;

  // GL_LINEAR with GL_CLAMP_TO_EDGE at texel coordinates (s, t) with 16 fractional bits, texel centres
  // at whole numbers (u * width - 0.5); weights of 8 bits, as GPUs filter.
  std::uint32_t sample(std::int64_t s, std::int64_t t) const {
    const std::int64_t si = s >> kFracBits, ti = t >> kFracBits;
    const auto fx = static_cast<std::uint32_t>((s >> 8) & 0xFF), fy = static_cast<std::uint32_t>((t >> 8) & 0xFF);
    const auto x0 = static_cast<int>(std::clamp<std::int64_t>(si, 0, width - 1));
    const auto x1 = static_cast<int>(std::clamp<std::int64_t>(si + 1, 0, width - 1));
    const auto y0 = static_cast<int>(std::clamp<std::int64_t>(ti, 0, height - 1));
    const auto y1 = static_cast<int>(std::clamp<std::int64_t>(ti + 1, 0, height - 1));
    const std::uint8_t* r0 = data + static_cast<std::size_t>(y0) * static_cast<std::size_t>(width);
    const std::uint8_t* r1 = data + static_cast<std::size_t>(y1) * static_cast<std::size_t>(width);
    const std::uint32_t top = r0[x0] * (256 - fx) + r0[x1] * fx, bottom = r1[x0] * (256 - fx) + r1[x1] * fx;
    return (top * (256 - fy) + bottom * fy + 32768) >> 16;
  }
  std::int64_t s_of(float u) const { return to_fixed(static_cast<double>(u) * width - 0.5); }
  std::int64_t t_of(float v) const { return to_fixed(static_cast<double>(v) * height - 0.5); }
  std::uint32_t sample_uv(ImVec2 uv) const { return sample(s_of(uv.x), t_of(uv.y)); }
};

// What one command draws into: the picture, its clip rectangle in pixels (exclusive ends, inside the
// picture and the pass's range), the texture or none, the list's vertices and their fixed positions.
struct Target {
  SoftwareRaster::LazyClear* rows;
  int x0, y0, x1, y1;
  bool textured;
  Texture texture;
  const ImDrawVert* vertices;
  const std::int32_t* fixed;  // x, y per vertex
  // Row y, about to be blended onto in [from, from + n).
  std::uint32_t* row(int y, int from, int n) const { return rows->row(y, from, from + n); }
  // A span of one colour at alpha `a` on row y.
  void span(int y, int from, int n, std::uint32_t src, std::uint32_t a) const {
    if (a >= 255)
      fill_pixels(rows->opaque_row(y, from, from + n) + from, n, src);
    else
      solid_span(rows->row(y, from, from + n) + from, n, src, a);
  }
};

// An axis-aligned rectangle [x0, x1) x [y0, y1) (fixed point) in one colour, its corners' texture
// coordinates affine (top-left, top-right, bottom-left).
void fill_rect(const Target& t, std::int64_t fx0, std::int64_t fy0, std::int64_t fx1, std::int64_t fy1, ImU32 col,
               ImVec2 uv_tl, ImVec2 uv_tr, ImVec2 uv_bl) {
  const Rgba c = channels(col);
  if (c.a == 0) return;
  const int x0 = static_cast<int>(std::max<std::int64_t>(t.x0, first_centre(fx0)));
  const int x1 = static_cast<int>(std::min<std::int64_t>(t.x1, first_centre(fx1)));
  const int y0 = static_cast<int>(std::max<std::int64_t>(t.y0, first_centre(fy0)));
  const int y1 = static_cast<int>(std::min<std::int64_t>(t.y1, first_centre(fy1)));
  if (x1 <= x0 || y1 <= y0) return;
  const std::uint32_t src = pack(c.r, c.g, c.b);
  const bool constant_uv = uv_tl.x == uv_tr.x && uv_tl.y == uv_tr.y && uv_tl.x == uv_bl.x && uv_tl.y == uv_bl.y;
  if (!t.textured || constant_uv) {
    const std::uint32_t a = t.textured ? div255(c.a * t.texture.sample_uv(uv_tl)) : c.a;
    if (a == 0) return;
    for (int y = y0; y < y1; ++y) t.span(y, x0, x1 - x0, src, a);
    return;
  }
  // Texel coordinates as affine functions of the pixel centre.
  const double left = static_cast<double>(fx0) / kSub, top = static_cast<double>(fy0) / kSub;
  const double w = static_cast<double>(fx1 - fx0) / kSub, h = static_cast<double>(fy1 - fy0) / kSub;
  const double tw = t.texture.width, th = t.texture.height;
  const double ds_dx = (static_cast<double>(uv_tr.x) - uv_tl.x) * tw / w;
  const double ds_dy = (static_cast<double>(uv_bl.x) - uv_tl.x) * tw / h;
  const double dt_dx = (static_cast<double>(uv_tr.y) - uv_tl.y) * th / w;
  const double dt_dy = (static_cast<double>(uv_bl.y) - uv_tl.y) * th / h;
  const double cx = x0 + 0.5 - left, cy = y0 + 0.5 - top;  // the first pixel centre, from the corner
  // The first centre's texel coordinates, rounded to 1/256 texel (the filter's weights), so a glyph's
  // quad whose float coordinates miss the texel centres by a rounding error still copies 1:1.
  const std::int64_t s0 = (to_fixed(uv_tl.x * tw - 0.5 + ds_dx * cx + ds_dy * cy) + 128) & ~std::int64_t{255};
  const std::int64_t t0 = (to_fixed(uv_tl.y * th - 0.5 + dt_dx * cx + dt_dy * cy) + 128) & ~std::int64_t{255};
  auto step = [](double d) {
    std::int64_t f = to_fixed(d);
    return std::abs(f - (std::int64_t{1} << kFracBits)) <= 4 ? std::int64_t{1} << kFracBits : f;
  };
  const std::int64_t sx = step(ds_dx), sy = to_fixed(ds_dy), tx = to_fixed(dt_dx), ty = step(dt_dy);
  const int n = x1 - x0;
  const std::int64_t one = std::int64_t{1} << kFracBits;
  const std::int64_t first_s = s0 >> kFracBits, first_t = t0 >> kFracBits;
  if (sx == one && ty == one && sy == 0 && tx == 0 && (s0 & (one - 1)) == 0 && (t0 & (one - 1)) == 0 && first_s >= 0 &&
      first_t >= 0 && first_s + n <= t.texture.width && first_t + (y1 - y0) <= t.texture.height) {
    // Drawn 1:1 on texel centres (glyphs at the atlas's own scale): coverage is the texel.
    const std::uint8_t* texel = t.texture.data + static_cast<std::size_t>(first_t) * t.texture.width + first_s;
    for (int y = y0; y < y1; ++y, texel += t.texture.width) {
      std::uint32_t* p = t.row(y, x0, n) + x0;
      if (c.a == 255) {
        for (int i = 0; i < n; ++i)
          if (texel[i]) blend_pixel(p[i], src, texel[i]);
      } else {
        for (int i = 0; i < n; ++i)
          if (texel[i]) blend_pixel(p[i], src, div255(c.a * texel[i]));
      }
    }
    return;
  }
  if (sx == 0 && tx == 0) {
    // The same texel coordinates along each row (a horizontal anti-aliased line): one sample a row.
    for (int y = y0; y < y1; ++y) {
      const std::uint32_t a = div255(c.a * t.texture.sample(s0 + sy * (y - y0), t0 + ty * (y - y0)));
      if (a) t.span(y, x0, n, src, a);
    }
    return;
  }
  for (int y = y0; y < y1; ++y) {
    std::uint32_t* p = t.row(y, x0, n) + x0;
    std::int64_t s = s0 + sy * (y - y0), tt = t0 + ty * (y - y0);
    for (int i = 0; i < n; ++i, s += sx, tt += tx) {
      const std::uint32_t coverage = t.texture.sample(s, tt);
      if (coverage) blend_pixel(p[i], src, div255(c.a * coverage));
    }
  }
}

// An attribute as an affine function of the pixel position: value(x, y) = at0 + dx * x + dy * y.
struct Plane {
  double at0 = 0, dx = 0, dy = 0;
  double at(double x, double y) const { return at0 + dx * x + dy * y; }
};

// Per-pixel colour and coverage along a span: which of them vary is a template argument, so the
// common case (anti-aliased fringes: only alpha varies) does the least work.
struct Varying {
  Plane r, g, b, a, s, t;
  std::uint32_t rgb = 0;       // packed, when the colour is constant
  std::uint32_t coverage = 0;  // 0..255, when the texture coordinates are constant (or no texture)
  std::uint32_t alpha = 0;     // when alpha is constant
};

inline std::uint32_t channel_of(std::int64_t v) {  // 16 fractional bits, clamped to 0..255, rounded
  v = std::clamp<std::int64_t>(v, 0, std::int64_t{255} << kFracBits);
  return static_cast<std::uint32_t>((v + 0x8000) >> kFracBits);
}

template <bool kRgb, bool kAlpha, bool kTexture>
void varying_span(std::uint32_t* p, int x, int n, int y, const Varying& v, const Texture& texture) {
  const double cx = x + 0.5, cy = y + 0.5;
  std::int64_t r = 0, g = 0, b = 0, a = 0, s = 0, t = 0, dr = 0, dg = 0, db = 0, da = 0, ds = 0, dt = 0;
  if (kRgb) {
    r = to_fixed(v.r.at(cx, cy)), dr = to_fixed(v.r.dx);
    g = to_fixed(v.g.at(cx, cy)), dg = to_fixed(v.g.dx);
    b = to_fixed(v.b.at(cx, cy)), db = to_fixed(v.b.dx);
  }
  if (kAlpha) a = to_fixed(v.a.at(cx, cy)), da = to_fixed(v.a.dx);
  if (kTexture)
    s = to_fixed(v.s.at(cx, cy)), ds = to_fixed(v.s.dx), t = to_fixed(v.t.at(cx, cy)), dt = to_fixed(v.t.dx);
  p += x;
  for (int i = 0; i < n; ++i) {
    std::uint32_t alpha;
    if (kAlpha) {
      // round(alpha * coverage / 255) from alpha with 8 fractional bits: * 257 / 2^24 is / (256 * 255).
      const auto a8 = static_cast<std::uint32_t>(std::clamp<std::int64_t>(a >> 8, 0, 255 << 8));
      const std::uint32_t coverage = kTexture ? texture.sample(s, t) : v.coverage;
      alpha = (a8 * coverage * 257u + (1u << 23)) >> 24;
    } else {
      alpha = kTexture ? div255(v.alpha * texture.sample(s, t)) : v.alpha;
    }
    if (alpha) blend_pixel(p[i], kRgb ? pack(channel_of(r), channel_of(g), channel_of(b)) : v.rgb, alpha);
    if (kRgb) r += dr, g += dg, b += db;
    if (kAlpha) a += da;
    if (kTexture) s += ds, t += dt;
  }
}

using SpanFn = void (*)(std::uint32_t*, int, int, int, const Varying&, const Texture&);

// One triangle: vertices by index into the target's lists (checked by the caller).
void fill_triangle(const Target& t, unsigned i0, unsigned i1, unsigned i2) {
  std::int64_t X[3] = {t.fixed[2 * i0], t.fixed[2 * i1], t.fixed[2 * i2]};
  std::int64_t Y[3] = {t.fixed[2 * i0 + 1], t.fixed[2 * i1 + 1], t.fixed[2 * i2 + 1]};
  if (X[0] == kInvalid || X[1] == kInvalid || X[2] == kInvalid) return;
  const ImDrawVert* v[3] = {&t.vertices[i0], &t.vertices[i1], &t.vertices[i2]};
  const std::int64_t area = (X[1] - X[0]) * (Y[2] - Y[0]) - (X[2] - X[0]) * (Y[1] - Y[0]);
  if (area == 0) return;
  if (area < 0) {  // one winding for the edge functions below: positive inside
    std::swap(X[1], X[2]);
    std::swap(Y[1], Y[2]);
    std::swap(v[1], v[2]);
  }
  const int y0 = static_cast<int>(std::max<std::int64_t>(t.y0, first_centre(std::min({Y[0], Y[1], Y[2]}))));
  const int y1 = static_cast<int>(std::min<std::int64_t>(t.y1, first_centre(std::max({Y[0], Y[1], Y[2]}) + 1)));
  const int x0 = static_cast<int>(std::max<std::int64_t>(t.x0, first_centre(std::min({X[0], X[1], X[2]}))));
  const int x1 = static_cast<int>(std::min<std::int64_t>(t.x1, first_centre(std::max({X[0], X[1], X[2]}) + 1)));
  if (x1 <= x0 || y1 <= y0) return;

  // Shading: one colour and coverage for the whole triangle (most of them), or planes.
  const ImU32 c0 = v[0]->col, c1 = v[1]->col, c2 = v[2]->col;
  const Rgba k0 = channels(c0), k1 = channels(c1), k2 = channels(c2);
  const bool vary_rgb = ((c0 ^ c1) | (c0 ^ c2)) & ~(ImU32{0xFF} << IM_COL32_A_SHIFT);
  const bool vary_alpha = k0.a != k1.a || k0.a != k2.a;
  const bool vary_uv = t.textured && (v[0]->uv.x != v[1]->uv.x || v[0]->uv.x != v[2]->uv.x ||
                                      v[0]->uv.y != v[1]->uv.y || v[0]->uv.y != v[2]->uv.y);
  if (!vary_alpha && k0.a == 0) return;
  Varying shade;
  shade.rgb = pack(k0.r, k0.g, k0.b);
  shade.coverage = t.textured && !vary_uv ? t.texture.sample_uv(v[0]->uv) : 255;
  shade.alpha = div255(k0.a * shade.coverage);
  const bool solid = !vary_rgb && !vary_alpha && !vary_uv;
  if (solid && shade.alpha == 0) return;
  SpanFn span = nullptr;
  if (!solid) {
    const double px[3] = {static_cast<double>(X[0]) / kSub, static_cast<double>(X[1]) / kSub,
                          static_cast<double>(X[2]) / kSub};
    const double py[3] = {static_cast<double>(Y[0]) / kSub, static_cast<double>(Y[1]) / kSub,
                          static_cast<double>(Y[2]) / kSub};
    const double dx1 = px[1] - px[0], dy1 = py[1] - py[0], dx2 = px[2] - px[0], dy2 = py[2] - py[0];
    const double inv = 1.0 / (dx1 * dy2 - dx2 * dy1);
    auto plane = [&](double f0, double f1, double f2) {
      Plane p;
      p.dx = ((f1 - f0) * dy2 - (f2 - f0) * dy1) * inv;
      p.dy = ((f2 - f0) * dx1 - (f1 - f0) * dx2) * inv;
      p.at0 = f0 - p.dx * px[0] - p.dy * py[0];
      return p;
    };
    if (vary_rgb) {
      shade.r = plane(k0.r, k1.r, k2.r);
      shade.g = plane(k0.g, k1.g, k2.g);
      shade.b = plane(k0.b, k1.b, k2.b);
    }
    if (vary_alpha) shade.a = plane(k0.a, k1.a, k2.a);
    if (vary_uv) {
      const double tw = t.texture.width, th = t.texture.height;
      shade.s = plane(v[0]->uv.x * tw - 0.5, v[1]->uv.x * tw - 0.5, v[2]->uv.x * tw - 0.5);
      shade.t = plane(v[0]->uv.y * th - 0.5, v[1]->uv.y * th - 0.5, v[2]->uv.y * th - 0.5);
    }
    static constexpr SpanFn kSpans[8] = {
        nullptr,
        varying_span<false, false, true>,
        varying_span<false, true, false>,
        varying_span<false, true, true>,
        varying_span<true, false, false>,
        varying_span<true, false, true>,
        varying_span<true, true, false>,
        varying_span<true, true, true>,
    };
    span = kSpans[(vary_rgb ? 4 : 0) | (vary_alpha ? 2 : 0) | (vary_uv ? 1 : 0)];
  }

  // Edge functions E(P) = B * (Py - Ya) + A * (Px - Xa) for each edge a -> b, positive inside. A pixel
  // centre exactly on an edge belongs to the triangle only when the edge is a top or left one (the
  // inside is right of it, or below a horizontal one), so a shared edge is drawn once: E - 1 >= 0 for
  // the others. Rows are walked from the first, by whole pixels; within a row the span is solved for.
  std::int64_t e[3], step_x[3], step_y[3];
  const std::int64_t cx = x0 * kSub + kHalf, cy = y0 * kSub + kHalf;
  for (int k = 0; k < 3; ++k) {
    const int k1n = k == 2 ? 0 : k + 1;
    const std::int64_t a = Y[k] - Y[k1n], b = X[k1n] - X[k];
    const bool top_left = a > 0 || (a == 0 && b > 0);
    e[k] = b * (cy - Y[k]) + a * (cx - X[k]) - (top_left ? 0 : 1);
    step_x[k] = a * kSub;
    step_y[k] = b * kSub;
  }
  const int width = x1 - x0;
  for (int y = y0; y < y1; ++y) {
    std::int64_t lo = 0, hi = width;
    for (int k = 0; k < 3; ++k) {
      const std::int64_t ek = e[k], sx = step_x[k];
      e[k] += step_y[k];
      if (sx > 0) {
        if (ek < 0) lo = std::max(lo, ceil_div(-ek, sx));
      } else if (sx < 0) {
        if (ek + sx * (hi - 1) < 0) hi = std::min(hi, floor_div(ek, -sx) + 1);
      } else if (ek < 0) {
        hi = 0;
      }
    }
    if (lo >= hi) continue;  // a thin triangle can miss a row's centres and catch the next row's
    const int from = x0 + static_cast<int>(lo), n = static_cast<int>(hi - lo);
    if (solid)
      t.span(y, from, n, shade.rgb, shade.alpha);
    else
      span(t.row(y, from, n), from, n, y, shade, t.texture);
  }
}

// Whether triangles (a0 a1 a2) and (b0 b1 b2) are the two halves of one axis-aligned rectangle in one
// colour with affine texture coordinates (ImGui's PrimRect and PrimRectUV: solid rects and glyphs);
// if so, draws it as one and answers true.
bool fill_quad(const Target& t, const unsigned a[3], const unsigned b[3]) {
  const std::int32_t* f = t.fixed;
  const std::int32_t ax[3] = {f[2 * a[0]], f[2 * a[1]], f[2 * a[2]]};
  const std::int32_t ay[3] = {f[2 * a[0] + 1], f[2 * a[1] + 1], f[2 * a[2] + 1]};
  const std::int32_t left = std::min({ax[0], ax[1], ax[2]}), right = std::max({ax[0], ax[1], ax[2]});
  const std::int32_t top = std::min({ay[0], ay[1], ay[2]}), bottom = std::max({ay[0], ay[1], ay[2]});
  if (left == right || top == bottom || left == kInvalid) return false;
  // Corners: 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right.
  auto corner = [&](std::int32_t x, std::int32_t y) {
    const int cx = x == left ? 0 : x == right ? 1 : -1, cy = y == top ? 0 : y == bottom ? 2 : -1;
    return cx < 0 || cy < 0 ? -1 : cx + cy;
  };
  const ImDrawVert* at[4] = {nullptr, nullptr, nullptr, nullptr};
  unsigned seen_a = 0;
  for (int k = 0; k < 3; ++k) {
    const int c = corner(ax[k], ay[k]);
    if (c < 0 || (seen_a & (1u << c))) return false;
    seen_a |= 1u << c;
    at[c] = &t.vertices[a[k]];
  }
  unsigned seen_b = 0;
  const ImDrawVert* b_at[4] = {nullptr, nullptr, nullptr, nullptr};
  for (int k = 0; k < 3; ++k) {
    const int c = corner(f[2 * b[k]], f[2 * b[k] + 1]);
    if (c < 0 || (seen_b & (1u << c))) return false;
    seen_b |= 1u << c;
    b_at[c] = &t.vertices[b[k]];
  }
  // Each triangle lacks the corner opposite the other's: together they cover the rectangle once.
  const unsigned missing_a = 15u & ~seen_a, missing_b = 15u & ~seen_b;
  if (missing_a !=
      (((missing_b & 1u) << 3) | ((missing_b & 8u) >> 3) | ((missing_b & 2u) << 1) | ((missing_b & 4u) >> 1)))
    return false;
  const int fourth = missing_a == 1 ? 0 : missing_a == 2 ? 1 : missing_a == 4 ? 2 : 3;
  at[fourth] = b_at[fourth];
  const ImU32 col = at[0]->col;
  for (int c = 0; c < 4; ++c) {
    if (at[c]->col != col || (b_at[c] && b_at[c]->col != col)) return false;
    if (t.textured && b_at[c] && (b_at[c]->uv.x != at[c]->uv.x || b_at[c]->uv.y != at[c]->uv.y)) return false;
  }
  if (t.textured && (at[0]->uv.x + at[3]->uv.x != at[1]->uv.x + at[2]->uv.x ||
                     at[0]->uv.y + at[3]->uv.y != at[1]->uv.y + at[2]->uv.y))
    return false;
  fill_rect(t, left, top, right, bottom, col, at[0]->uv, at[1]->uv, at[2]->uv);
  return true;
}

// A clip rectangle's edge in pixels: the first pixel whose centre is at or past `v`, within [0, limit].
inline int clip_edge(float v, int limit) {
  if (!(v > 0.0f)) return 0;  // NaN too
  if (v >= static_cast<float>(limit)) return limit;
  return static_cast<int>(std::ceil(v - 0.5f));
}

}  // namespace

SoftwareRaster::SoftwareRaster() : rows_(std::make_unique<LazyClear>()) {}
SoftwareRaster::~SoftwareRaster() = default;

void SoftwareRaster::set_font_atlas(const unsigned char* alpha8, int width, int height) {
  if (!alpha8 || width <= 0 || height <= 0 || width > kMaxSide || height > kMaxSide) {
    atlas_.clear();
    atlas_width_ = atlas_height_ = 0;
  } else {
    atlas_.assign(alpha8, alpha8 + static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    atlas_width_ = width;
    atlas_height_ = height;
  }
  damage_.invalidate();
}

const std::uint8_t* SoftwareRaster::pixels() const {
  return pixels_.empty() ? nullptr : reinterpret_cast<const std::uint8_t*>(pixels_.data());
}

const std::vector<BandRange>& SoftwareRaster::render(const ImDrawData* data, int fb_width, int fb_height,
                                                     ImVec4 clear) {
  ranges_.clear();
  if (!data || fb_width <= 0 || fb_height <= 0 || fb_width > kMaxSide || fb_height > kMaxSide ||
      static_cast<long long>(fb_width) * fb_height > kMaxPixels)
    return ranges_;
  if (fb_width != width_ || fb_height != height_) {
    pixels_.assign(static_cast<std::size_t>(fb_width) * static_cast<std::size_t>(fb_height), 0);
    width_ = fb_width;
    height_ = fb_height;
    damage_.invalidate();
  }
  // What the damage bands do not see: the clear colour, and where the display is (they hash positions
  // as given, not as projected).
  const std::uint32_t clear_pixel = pack(unit_to_byte(clear.x), unit_to_byte(clear.y), unit_to_byte(clear.z));
  const float display[4] = {data->DisplayPos.x, data->DisplayPos.y, data->DisplaySize.x, data->DisplaySize.y};
  if (clear_pixel != clear_ || std::memcmp(display, display_, sizeof display) != 0) {
    clear_ = clear_pixel;
    std::memcpy(display_, display, sizeof display);
    damage_.invalidate();
  }
  // The WebGL projection maps DisplaySize onto the framebuffer; the console makes them equal. When they
  // are not, positions are scaled (clip rectangles are not, as in the WebGL renderer), and the damage
  // bands, found in display units, no longer say which pixels changed: every frame is redrawn whole.
  scale_x_ = data->DisplaySize.x > 0.0f ? static_cast<float>(fb_width) / data->DisplaySize.x : 0.0f;
  scale_y_ = data->DisplaySize.y > 0.0f ? static_cast<float>(fb_height) / data->DisplaySize.y : 0.0f;
  const bool one_to_one = scale_x_ == 1.0f && scale_y_ == 1.0f;
  if (!one_to_one) damage_.invalidate();
  const std::vector<BandRange>& damaged = damage_.update(data, fb_width, fb_height);
  if (damaged.empty()) return ranges_;
  ranges_.assign(damaged.begin(), damaged.end());

  // Room for every list's positions, converted when first needed.
  const int lists = std::max(0, std::min(data->CmdListsCount, data->CmdLists.Size));
  list_start_.resize(static_cast<std::size_t>(lists));
  converted_.assign(static_cast<std::size_t>(lists), 0);
  std::size_t total = 0;
  for (int n = 0; n < lists; ++n) {
    list_start_[n] = total;
    if (const ImDrawList* list = data->CmdLists[n]) total += 2 * static_cast<std::size_t>(list->VtxBuffer.Size);
  }
  if (fixed_.size() < total) fixed_.resize(total);

  for (const BandRange& range : ranges_) draw_range(data, range, one_to_one);
  return ranges_;
}

const std::int32_t* SoftwareRaster::positions(const ImDrawData* data, int n) {
  std::int32_t* out = fixed_.data() + list_start_[n];
  if (converted_[n]) return out;
  converted_[n] = 1;
  const ImDrawList* list = data->CmdLists[n];
  const float left = data->DisplayPos.x, top = data->DisplayPos.y;
  const float sx = scale_x_ * kSub, sy = scale_y_ * kSub;
  auto fix = [](float v) {
    if (!(v == v)) return kInvalid;
    v = std::clamp(v, -kMaxCoord * kSub, kMaxCoord * kSub);
    return static_cast<std::int32_t>(std::floor(v + 0.5f));
  };
  for (const ImDrawVert& vertex : list->VtxBuffer) {
    std::int32_t x = fix((vertex.pos.x - left) * sx), y = fix((vertex.pos.y - top) * sy);
    if (y == kInvalid) x = kInvalid;
    *out++ = x;
    *out++ = y;
  }
  return fixed_.data() + list_start_[n];
}

void SoftwareRaster::draw_range(const ImDrawData* data, BandRange range, bool use_extents) {
  rows_->begin(pixels_.data(), width_, height_, clear_, range);
  const std::vector<BandRange>& extents = damage_.command_extents();
  const float left = data->DisplayPos.x, top = data->DisplayPos.y;
  std::size_t command = 0;
  for (int n = 0; n < static_cast<int>(list_start_.size()); ++n) {
    const ImDrawList* list = data->CmdLists[n];
    if (!list) continue;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      const BandRange extent = command < extents.size() ? extents[command] : BandRange{0, height_};
      ++command;
      if (cmd.UserCallback) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        continue;
      }
      if (use_extents && (extent.y1 <= range.y0 || extent.y0 >= range.y1)) continue;
      Target t;
      t.x0 = clip_edge(cmd.ClipRect.x - left, width_);
      t.x1 = clip_edge(cmd.ClipRect.z - left, width_);
      t.y0 = std::max(range.y0, clip_edge(cmd.ClipRect.y - top, height_));
      t.y1 = std::min(range.y1, clip_edge(cmd.ClipRect.w - top, height_));
      if (t.x1 <= t.x0 || t.y1 <= t.y0) continue;
      t.textured = cmd.GetTexID() != ImTextureID{};
      if (t.textured) {
        if (atlas_.empty()) continue;  // a texture that is not there samples as nothing, as in WebGL
        t.texture = {atlas_.data(), atlas_width_, atlas_height_};
      }
      t.rows = rows_.get();
      t.vertices = list->VtxBuffer.Data;
      t.fixed = positions(data, n);
      const auto index_count = static_cast<unsigned>(list->IdxBuffer.Size);
      const auto vertex_count = static_cast<unsigned>(list->VtxBuffer.Size);
      if (cmd.IdxOffset >= index_count || cmd.VtxOffset >= vertex_count) continue;
      const unsigned count = std::min(cmd.ElemCount, index_count - cmd.IdxOffset);
      const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
      const unsigned base = cmd.VtxOffset, room = vertex_count - base;  // indices past the list are skipped
      unsigned i = 0;
      while (i + 2 < count) {
        const unsigned a[3] = {idx[i], idx[i + 1], idx[i + 2]};
        if (a[0] >= room || a[1] >= room || a[2] >= room) {
          i += 3;
          continue;
        }
        const unsigned ta[3] = {base + a[0], base + a[1], base + a[2]};
        if (i + 5 < count) {
          const unsigned b[3] = {idx[i + 3], idx[i + 4], idx[i + 5]};
          if (b[0] < room && b[1] < room && b[2] < room) {
            const unsigned tb[3] = {base + b[0], base + b[1], base + b[2]};
            if (fill_quad(t, ta, tb)) {
              i += 6;
              continue;
            }
          }
        }
        fill_triangle(t, ta[0], ta[1], ta[2]);
        i += 3;
      }
    }
  }
  rows_->finish(range);
}

}  // namespace roster::platform
