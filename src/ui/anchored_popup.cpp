#include "ui/anchored_popup.h"

#include "imgui_internal.h"  // the popup's window of last frame: the size it will take

#include <algorithm>

namespace roster::ui {

void place_popup(const Theme& t, ImGuiID popup_id, ImVec2 anchor_min, ImVec2 anchor_max, ImVec2 min_size,
                 ImVec2 max_size) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float margin = t.px(8), gap = t.px(4);
  const float left = vp->WorkPos.x + margin, right = vp->WorkPos.x + vp->WorkSize.x - margin;
  const float top = vp->WorkPos.y + margin, bottom = vp->WorkPos.y + vp->WorkSize.y - margin;
  // The size it will take this frame: what its contents asked for last frame (BeginPopup names its
  // window after the id). A popup opening now is measured by ImGui in a hidden frame first.
  ImVec2 size = min_size;
  char name[24];
  ImFormatString(name, IM_ARRAYSIZE(name), "##Popup_%08x", popup_id);
  if (ImGuiWindow* window = ImGui::FindWindowByName(name)) size = ImMax(size, ImGui::CalcWindowNextAutoFitSize(window));
  size = ImMin(size, ImVec2(std::min(max_size.x, right - left), max_size.y));
  const float below = bottom - (anchor_max.y + gap), above = (anchor_min.y - gap) - top;
  const bool down = size.y <= below || below >= above;
  const float room = std::max(0.0f, down ? below : above);
  const float height = std::min(size.y, room);
  // Left-aligned with the anchor; right-aligned with it when that would cross the viewport's edge.
  float x = anchor_min.x;
  if (x + size.x > right) x = anchor_max.x - size.x;
  x = std::max(left, std::min(x, right - size.x));
  const float y = down ? anchor_max.y + gap : anchor_min.y - gap - height;
  ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
  ImGui::SetNextWindowSizeConstraints(ImMin(min_size, ImVec2(right - left, room)),
                                      ImVec2(std::min(max_size.x, right - left), std::min(max_size.y, room)));
}

void place_popup_at_last_item(const Theme& t, const char* str_id, ImVec2 min_size, ImVec2 max_size) {
  place_popup(t, ImGui::GetID(str_id), ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), min_size, max_size);
}

void mark_popup(const UiContext& ctx, const std::string& name) {
  if (!ctx.layout) return;
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  ctx.layout->put(name, pos, ImVec2(pos.x + size.x, pos.y + size.y));
}

}  // namespace roster::ui
