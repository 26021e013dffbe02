// What the software raster's tests share: reading a pixel of the picture, draw data made by hand (one
// list, commands in order), counting what differs from a background, and copying the picture.
#pragma once

#include "imgui.h"
#include "platform/software_raster.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace roster::test::raster {

using roster::platform::SoftwareRaster;

struct Pixel {
  int r, g, b, a;
};

inline Pixel at(const SoftwareRaster& raster, int x, int y) {
  const std::uint8_t* p = raster.pixels() + (static_cast<std::size_t>(y) * raster.width() + x) * 4;
  return {p[0], p[1], p[2], p[3]};
}

inline bool same(Pixel p, int r, int g, int b) { return p.r == r && p.g == g && p.b == b && p.a == 255; }

inline const ImVec4 kBlack(0, 0, 0, 1);

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

inline int count_not(const SoftwareRaster& raster, Pixel background) {
  int n = 0;
  for (int y = 0; y < raster.height(); ++y)
    for (int x = 0; x < raster.width(); ++x) {
      Pixel p = at(raster, x, y);
      n += p.r != background.r || p.g != background.g || p.b != background.b;
    }
  return n;
}

inline std::vector<std::uint8_t> copy(const SoftwareRaster& raster) {
  return std::vector<std::uint8_t>(raster.pixels(),
                                   raster.pixels() + static_cast<std::size_t>(raster.width()) * raster.height() * 4);
}

}  // namespace roster::test::raster
