// libFuzzer: the software renderer (platform/software_raster.h) fed draw data made of any bytes:
// positions anywhere (NaN, infinities, huge), texture coordinates anywhere, indices past the vertices,
// offsets past the buffers, clip rectangles of any kind, any display position and size, callbacks.
// It must never read or write out of bounds (ASan), never overflow (UBSan), and leave an opaque
// picture. Each input is drawn, drawn again (nothing to redraw), then drawn with a part changed (a
// band-limited redraw), which must give the picture a fresh raster gives.
//
// Input: two bytes of framebuffer size (1 to 96 pixels a side), then records; each record's first byte says what it is:
//   0 vertex (x, y, u, v: 2 bytes each, read as numbers or special values; colour: 4 bytes)
//   1 triangle (three 2-byte indices)
//   2 command (clip rectangle: 4 x 2 bytes; a byte of flags: textured, odd offsets, a callback)
//   3 a second draw list from here on
//   4 display position and size (4 x 2 bytes)
#include "imgui.h"
#include "platform/software_raster.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <vector>

namespace {

struct Reader {
  const std::uint8_t* data;
  std::size_t size, at = 0;
  bool more() const { return at < size; }
  std::uint8_t byte() { return at < size ? data[at++] : 0; }
  std::uint16_t word() {
    const std::uint8_t lo = byte();
    return static_cast<std::uint16_t>(lo | (byte() << 8));
  }
  // A coordinate: mostly ordinary (-64 .. 192 in quarter pixels), sometimes special.
  float number() {
    const std::uint16_t w = word();
    switch (w >> 12) {
      case 15: return std::numeric_limits<float>::quiet_NaN();
      case 14: return (w & 1) ? std::numeric_limits<float>::infinity() : -std::numeric_limits<float>::infinity();
      case 13: return (w & 1 ? 1.0f : -1.0f) * static_cast<float>(w & 0xFFF) * 1e6f;
      default: return static_cast<float>(w & 0x3FF) / 4.0f - 64.0f;
    }
  }
  float unit() {  // a texture coordinate: 0..1 mostly, sometimes outside or NaN
    const std::uint16_t w = word();
    if (w == 0xFFFF) return std::numeric_limits<float>::quiet_NaN();
    if (w > 0xF000) return static_cast<float>(w - 0xF000) * 1e3f;
    return static_cast<float>(w) / 4096.0f;
  }
};

int g_callbacks = 0;
void callback(const ImDrawList*, const ImDrawCmd*) { ++g_callbacks; }

struct Scene {
  ImDrawList lists[2]{ImDrawList(nullptr), ImDrawList(nullptr)};
  ImDrawData data;
  int used = 1;

  ~Scene() {
    for (ImDrawList& l : lists) l._ClearFreeMemory();
  }
  ImDrawList& list() { return lists[used - 1]; }
  void build(Reader& in, int width, int height) {
    data.DisplayPos = ImVec2(0, 0);
    data.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    while (in.more()) {
      ImDrawList& l = list();
      switch (in.byte() % 5) {
        case 0: {
          ImDrawVert v;
          v.pos.x = in.number();
          v.pos.y = in.number();
          v.uv.x = in.unit();
          v.uv.y = in.unit();
          v.col = in.word();
          v.col |= static_cast<ImU32>(in.word()) << 16;
          if (l.VtxBuffer.Size < 4096) l.VtxBuffer.push_back(v);
          break;
        }
        case 1:
          for (int k = 0; k < 3; ++k) {
            const std::uint16_t idx = in.word();
            // Mostly indices of existing vertices, sometimes any.
            l.IdxBuffer.push_back(static_cast<ImDrawIdx>(
                idx & 0x8000 || l.VtxBuffer.Size == 0 ? idx : idx % static_cast<unsigned>(l.VtxBuffer.Size)));
          }
          if (!l.CmdBuffer.empty()) l.CmdBuffer.back().ElemCount += 3;
          break;
        case 2: {
          ImDrawCmd cmd;
          cmd.ClipRect.x = in.number();
          cmd.ClipRect.y = in.number();
          cmd.ClipRect.z = in.number();
          cmd.ClipRect.w = in.number();
          const std::uint8_t flags = in.byte();
          if (flags & 1) cmd.TextureId = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(1));
          cmd.IdxOffset = static_cast<unsigned>(l.IdxBuffer.Size);
          if (flags & 2) cmd.IdxOffset += in.byte();
          if (flags & 4) cmd.VtxOffset = in.byte();
          if (flags & 8) cmd.ElemCount = in.word();
          if (flags & 16) cmd.UserCallback = (flags & 32) ? ImDrawCallback_ResetRenderState : callback;
          if (l.CmdBuffer.Size < 256) l.CmdBuffer.push_back(cmd);
          break;
        }
        case 3: used = 2; break;
        default:
          data.DisplayPos.x = in.number();
          data.DisplayPos.y = in.number();
          data.DisplaySize.x = in.number();
          data.DisplaySize.y = in.number();
      }
    }
    data.CmdLists.resize(0);
    for (int i = 0; i < used; ++i) data.CmdLists.push_back(&lists[i]);
    data.CmdListsCount = used;
  }
};

bool opaque(const roster::platform::SoftwareRaster& raster) {
  const std::uint8_t* p = raster.pixels();
  for (long i = 0; i < static_cast<long>(raster.width()) * raster.height(); ++i)
    if (p[4 * i + 3] != 255) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  Reader in{data, size, 2};
  const int width = 1 + data[0] % 96, height = 1 + data[1] % 96;
  Scene scene;
  scene.build(in, width, height);
  static const std::uint8_t atlas[16] = {0, 64, 128, 255, 255, 128, 64, 0, 10, 20, 30, 40, 200, 255, 0, 7};
  const ImVec4 clear(0.1f, 0.2f, 0.3f, 1);

  roster::platform::SoftwareRaster raster;
  raster.set_font_atlas(atlas, 4, 4);
  if (raster.render(&scene.data, width, height, clear).empty()) std::abort();  // the first frame is drawn
  if (!opaque(raster)) std::abort();
  // The same frame: nothing to draw (when the display is the framebuffer; a scaled one is drawn whole).
  const bool one_to_one =
      scene.data.DisplaySize.x == static_cast<float>(width) && scene.data.DisplaySize.y == static_cast<float>(height);
  if (raster.render(&scene.data, width, height, clear).empty() != one_to_one) std::abort();

  // A part changed: every vertex of the first list past the middle moved down by a pixel and a half.
  ImDrawList& first = scene.lists[0];
  for (int i = first.VtxBuffer.Size / 2; i < first.VtxBuffer.Size; ++i) first.VtxBuffer[i].pos.y += 1.5f;
  raster.render(&scene.data, width, height, clear);
  roster::platform::SoftwareRaster fresh;
  fresh.set_font_atlas(atlas, 4, 4);
  fresh.render(&scene.data, width, height, clear);
  if (!opaque(raster) ||
      std::memcmp(raster.pixels(), fresh.pixels(), static_cast<std::size_t>(width) * height * 4) != 0)
    std::abort();
  return 0;
}
