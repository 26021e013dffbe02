#include "ui/activity_histogram.h"

#include "model/device.h"
#include "model/time_format.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace roster::ui {

ImU32 client_color(int i, bool dark) {
  static const ImU32 kLight[8] = {IM_COL32(0x1F, 0xA3, 0x7A, 255), IM_COL32(0x3B, 0x82, 0xF6, 255),
                                  IM_COL32(0xF5, 0x9E, 0x0B, 255), IM_COL32(0x8B, 0x5C, 0xF6, 255),
                                  IM_COL32(0xEC, 0x48, 0x99, 255), IM_COL32(0x06, 0xB6, 0xD4, 255),
                                  IM_COL32(0xEF, 0x44, 0x44, 255), IM_COL32(0x94, 0xA3, 0xB8, 255)};
  ImU32 c = kLight[std::clamp(i, 0, 7)];
  if (!dark) return c;
  return (c & 0x00FFFFFF) | (static_cast<ImU32>(220) << IM_COL32_A_SHIFT);
}

std::optional<Interval> ActivityHistogram::draw(UiContext& ctx, const ActionsHistogram& h, const Interval& interval,
                                                float height) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;

  // Legend along the top: a swatch and each client's total over the interval, in lines that wrap
  // (a phone); the card grows by the lines past the first.
  std::int64_t totals[8] = {};
  std::int64_t peak = 1;
  for (const auto& b : h.buckets) {
    peak = std::max(peak, b.total());
    for (int c = 0; c < 8; ++c) {
      auto it = b.counts.find(kActionClients[c]);
      if (it != b.counts.end()) totals[c] += it->second;
    }
  }
  ImGui::PushFont(t.fonts.header);
  const float line_h = t.px(20);
  int lines = 1;
  float x = pos.x + t.px(16);
  for (int c = 0; c < 8; ++c) {
    if (!totals[c]) continue;
    const std::string label = std::string(kActionClients[c]) + " " + std::to_string(totals[c]);
    const float item_w = t.px(14) + ImGui::CalcTextSize(label.c_str()).x;
    if (x > pos.x + t.px(16) && x + item_w > pos.x + w - t.px(16)) ++lines, x = pos.x + t.px(16);
    x += item_w + t.px(16);
  }
  height += line_h * static_cast<float>(lines - 1);
  draw->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + height), p.surface, t.px(8));
  draw->AddRect(pos, ImVec2(pos.x + w, pos.y + height), p.border, t.px(8));
  float lx = pos.x + t.px(16), ly = pos.y + t.px(12);
  for (int c = 0; c < 8; ++c) {
    if (!totals[c]) continue;
    std::string label = std::string(kActionClients[c]) + " " + std::to_string(totals[c]);
    const float item_w = t.px(14) + ImGui::CalcTextSize(label.c_str()).x;
    if (lx > pos.x + t.px(16) && lx + item_w > pos.x + w - t.px(16)) lx = pos.x + t.px(16), ly += line_h;
    draw->AddRectFilled(ImVec2(lx, ly + t.px(3)), ImVec2(lx + t.px(10), ly + t.px(13)), client_color(c, t.dark),
                        t.px(2));
    draw->AddText(ImVec2(lx + t.px(14), ly), p.muted, label.c_str());
    lx += t.px(14) + ImGui::CalcTextSize(label.c_str()).x + t.px(16);
  }
  ImGui::PopFont();

  const float top = ly + t.px(24), bottom = pos.y + height - t.px(24), left = pos.x + t.px(16);
  const float right = pos.x + w - t.px(16);
  const int n = static_cast<int>(h.buckets.size());
  std::optional<Interval> chosen;
  ImGui::SetCursorScreenPos(ImVec2(left, top));
  ImGui::InvisibleButton("histogram", ImVec2(std::max(1.0f, right - left), std::max(1.0f, bottom - top)));
  ctx.mark("histogram");
  if (n == 0) {
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + height + t.px(12)));
    return std::nullopt;
  }
  const float slot = (right - left) / static_cast<float>(n);
  const float gap = slot > t.px(4) ? std::max(1.0f, slot * 0.2f) : 0.0f;
  const bool hovered = ImGui::IsItemHovered();
  const float mx = ImGui::GetIO().MousePos.x;
  const int under = hovered ? std::clamp(static_cast<int>((mx - left) / slot), 0, n - 1) : -1;
  if (ImGui::IsItemActivated()) drag_from_ = under;
  const bool dragging = drag_from_ >= 0 && ImGui::IsItemActive();
  const int sel_a = dragging ? std::min(drag_from_, under < 0 ? drag_from_ : under) : -1;
  const int sel_b = dragging ? std::max(drag_from_, under < 0 ? drag_from_ : under) : -1;
  for (int i = 0; i < n; ++i) {
    const auto& b = h.buckets[i];
    float x0 = left + slot * static_cast<float>(i) + gap * 0.5f,
          x1 = left + slot * static_cast<float>(i + 1) - gap * 0.5f;
    if (i >= sel_a && i <= sel_b && sel_a >= 0)
      draw->AddRectFilled(ImVec2(x0, top), ImVec2(x1, bottom), p.accent_soft);
    else if (i == under)
      draw->AddRectFilled(ImVec2(x0, top), ImVec2(x1, bottom), p.hover);
    float y = bottom;
    for (int c = 0; c < 8; ++c) {
      auto it = b.counts.find(kActionClients[c]);
      if (it == b.counts.end() || it->second <= 0) continue;
      float bar = (bottom - top) * static_cast<float>(it->second) / static_cast<float>(peak);
      draw->AddRectFilled(ImVec2(x0, y - bar), ImVec2(x1, y), client_color(c, t.dark));
      y -= bar;
    }
  }
  draw->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), p.border);
  // The interval's ends under the axis, in the viewer's time.
  ImGui::PushFont(t.fonts.header);
  std::string from = format_console_time(interval.from_ms, ctx.now_ms, ctx.offset(interval.from_ms));
  std::string to = format_console_time(interval.to_ms, ctx.now_ms, ctx.offset(interval.to_ms));
  draw->AddText(ImVec2(left, bottom + t.px(4)), p.muted, from.c_str());
  draw->AddText(ImVec2(right - ImGui::CalcTextSize(to.c_str()).x, bottom + t.px(4)), p.muted, to.c_str());
  ImGui::PopFont();
  if (under >= 0 && !dragging) {
    const auto& b = h.buckets[under];
    std::string tip = format_console_time(b.ts, ctx.now_ms, ctx.offset(b.ts)) + "\n" + std::to_string(b.total()) +
                      (b.total() == 1 ? " action" : " actions");
    for (int c = 0; c < 8; ++c) {
      auto it = b.counts.find(kActionClients[c]);
      if (it != b.counts.end() && it->second)
        tip += "\n" + std::string(kActionClients[c]) + ": " + std::to_string(it->second);
    }
    ImGui::SetTooltip("%s", tip.c_str());
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  }
  if (ImGui::IsItemDeactivated() && drag_from_ >= 0) {
    int last = under < 0 ? drag_from_ : under;
    int a = std::min(drag_from_, last), z = std::max(drag_from_, last);
    std::int64_t from_ms = h.buckets[a].ts, to_ms = h.buckets[z].ts + h.bucketMs;
    chosen = Interval{std::max(from_ms, interval.from_ms), std::min(to_ms, interval.to_ms)};
    drag_from_ = -1;
  }
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + height + t.px(12)));
  return chosen;
}

}  // namespace roster::ui
