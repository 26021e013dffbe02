#include "platform/frame_damage.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace roster::platform {

namespace {

inline std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h * 0xFF51AFD7ED558CCDull;
}

inline std::uint64_t vertex_hash(std::uint64_t h, const ImDrawVert& v) {
  std::uint64_t a, b;
  std::uint32_t c;
  std::memcpy(&a, &v.pos, 8);
  std::memcpy(&b, &v.uv, 8);
  std::memcpy(&c, &v.col, 4);
  return mix(mix(mix(h, a), b), c);
}

}  // namespace

const std::vector<BandRange>& FrameDamage::update(const ImDrawData* data, int width, int height) {
  ranges_.clear();
  extents_.clear();
  const int band_count = std::max(1, (height + kBandHeight - 1) / kBandHeight);
  next_.assign(static_cast<std::size_t>(band_count), 0);
  const float top = data ? data->DisplayPos.y : 0.0f;
  const int lists = data ? std::min(data->CmdListsCount, data->CmdLists.Size) : 0;
  for (int n = 0; n < lists; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    if (!list) continue;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      BandRange extent{height, 0};
      std::uint64_t key = mix(mix(0, reinterpret_cast<std::uintptr_t>(cmd.GetTexID())),
                              static_cast<std::uint64_t>(cmd.UserCallback != nullptr));
      std::uint64_t clip;
      std::memcpy(&clip, &cmd.ClipRect.x, 8);
      key = mix(key, clip);
      std::memcpy(&clip, &cmd.ClipRect.z, 8);
      key = mix(key, clip);
      const float clip_y0 = std::max(0.0f, cmd.ClipRect.y - top),
                  clip_y1 = std::min<float>(height, cmd.ClipRect.w - top);
      if (cmd.UserCallback || clip_y1 <= clip_y0) {
        extents_.push_back({0, 0});
        continue;
      }
      // Odd draw data is skipped, never read past: indices past the command's list, NaN positions.
      const auto index_count = static_cast<unsigned>(list->IdxBuffer.Size);
      const auto vertex_count = static_cast<unsigned>(list->VtxBuffer.Size);
      const unsigned count = cmd.IdxOffset < index_count && cmd.VtxOffset < vertex_count
                                 ? std::min(cmd.ElemCount, index_count - cmd.IdxOffset)
                                 : 0;
      const unsigned room = count ? vertex_count - cmd.VtxOffset : 0;
      const ImDrawIdx* idx = list->IdxBuffer.Data + (count ? cmd.IdxOffset : 0);
      const ImDrawVert* vtx = list->VtxBuffer.Data + (count ? cmd.VtxOffset : 0);
      for (unsigned i = 0; i + 2 < count; i += 3) {
        if (idx[i] >= room || idx[i + 1] >= room || idx[i + 2] >= room) continue;
        const ImDrawVert& a = vtx[idx[i]];
        const ImDrawVert& b = vtx[idx[i + 1]];
        const ImDrawVert& c = vtx[idx[i + 2]];
        float y0 = std::max(std::min({a.pos.y, b.pos.y, c.pos.y}) - top, clip_y0);
        float y1 = std::min(std::max({a.pos.y, b.pos.y, c.pos.y}) - top, clip_y1);
        if (!(y1 > y0)) continue;  // NaN too
        std::uint64_t h = vertex_hash(vertex_hash(vertex_hash(key, a), b), c);
        int first = static_cast<int>(y0) / kBandHeight;
        int last = std::min(band_count - 1, static_cast<int>(std::ceil(y1)) / kBandHeight);
        for (int band = first; band <= last; ++band) next_[band] = mix(next_[band], h);
        extent.y0 = std::min(extent.y0, static_cast<int>(y0));
        extent.y1 = std::max(extent.y1, static_cast<int>(std::ceil(y1)));
      }
      extents_.push_back(extent.y1 > extent.y0 ? extent : BandRange{0, 0});
    }
  }

  const bool whole = width != width_ || height != height_ || bands_.size() != next_.size();
  width_ = width;
  height_ = height;
  if (whole) {
    ranges_.push_back({0, height});
  } else {
    for (int band = 0; band < band_count; ++band) {
      if (next_[band] == bands_[band]) continue;
      int y0 = band * kBandHeight, y1 = std::min(height, y0 + kBandHeight);
      if (!ranges_.empty() && ranges_.back().y1 == y0)
        ranges_.back().y1 = y1;
      else
        ranges_.push_back({y0, y1});
    }
    // Too many passes: merge the two ranges with the smallest gap until few enough are left.
    while (static_cast<int>(ranges_.size()) > kMaxRanges) {
      std::size_t best = 0;
      for (std::size_t i = 1; i + 1 < ranges_.size(); ++i)
        if (ranges_[i + 1].y0 - ranges_[i].y1 < ranges_[best + 1].y0 - ranges_[best].y1) best = i;
      ranges_[best].y1 = ranges_[best + 1].y1;
      ranges_.erase(ranges_.begin() + static_cast<std::ptrdiff_t>(best) + 1);
    }
  }
  bands_.swap(next_);
  return ranges_;
}

}  // namespace roster::platform
