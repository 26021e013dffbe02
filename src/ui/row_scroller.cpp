#include "ui/row_scroller.h"

#include <algorithm>
#include <cmath>

namespace roster::ui {

void RowScroller::begin(std::int64_t total, const ImVec2& min, const ImVec2& max) {
  if (pending_scroll_) {
    first_row_ = *pending_scroll_;
    pending_scroll_.reset();
  }
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsMouseHoveringRect(min, max) && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) &&
      io.MouseWheel != 0) {
    // The wheel is the rows' while they can move that way; at the first row (going up) or the last
    // (going down) it is left for the screen around them (its top scrolls back, ui/scroll_away.h).
    const std::int64_t max_first = std::max<std::int64_t>(0, total - visible_rows_);
    if ((io.MouseWheel > 0 && first_row_ > 0) || (io.MouseWheel < 0 && first_row_ < max_first)) {
      wheel_rows_ -= io.MouseWheel * 3.0;  // three rows a notch, as in web data grids
      auto whole = static_cast<std::int64_t>(wheel_rows_);
      wheel_rows_ -= static_cast<double>(whole);
      const std::int64_t wanted = first_row_ + whole;
      first_row_ = std::clamp<std::int64_t>(wanted, 0, max_first);
      // What the rows could not take goes on (a fast flick past the first row brings the top back).
      io.MouseWheel = static_cast<float>(first_row_ - wanted) / 3.0f;
      if (first_row_ != wanted) wheel_rows_ = 0;
    }
  }
  clamp(total);
}

void RowScroller::clamp(std::int64_t total) {
  std::int64_t max_first = std::max<std::int64_t>(0, total - visible_rows_);
  first_row_ = std::clamp<std::int64_t>(first_row_, 0, max_first);
}

void RowScroller::ensure_visible(std::int64_t row) {
  if (row < first_row_) first_row_ = row;
  if (row >= first_row_ + visible_rows_) first_row_ = row - visible_rows_ + 1;
}

void RowScroller::draw_scrollbar(const Theme& t, std::int64_t total, const ImVec2& min, const ImVec2& max) {
  if (total <= visible_rows_) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float track_h = max.y - min.y;
  float thumb_h = std::max(t.px(28), track_h * static_cast<float>(visible_rows_) / static_cast<float>(total));
  std::int64_t range = total - visible_rows_;
  float thumb_y =
      min.y + (track_h - thumb_h) * static_cast<float>(static_cast<double>(first_row_) / static_cast<double>(range));
  ImVec2 thumb_min(min.x + t.px(3), thumb_y), thumb_max(max.x - t.px(3), thumb_y + thumb_h);
  ImGuiIO& io = ImGui::GetIO();
  bool over_track = ImGui::IsMouseHoveringRect(min, max);
  bool over_thumb = ImGui::IsMouseHoveringRect(thumb_min, thumb_max);
  if (over_track && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    dragging_thumb_ = true;
    drag_offset_ = over_thumb ? io.MousePos.y - thumb_y : thumb_h * 0.5f;
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) dragging_thumb_ = false;
  if (dragging_thumb_) {
    double fraction = (io.MousePos.y - drag_offset_ - min.y) / std::max(1.0f, track_h - thumb_h);
    first_row_ = static_cast<std::int64_t>(std::llround(std::clamp(fraction, 0.0, 1.0) * static_cast<double>(range)));
  }
  ImU32 color = dragging_thumb_ || over_thumb ? t.colors.muted : t.colors.border;
  draw->AddRectFilled(thumb_min, thumb_max, color, t.px(4));
}

bool RowScroller::clicked(const std::string& target, ImVec2 min, ImVec2 max) {
  if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) ||
      ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) || !ImGui::IsMouseHoveringRect(min, max))
    return false;
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) pressed_target_ = target;
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && pressed_target_ == target) {
    pressed_target_.clear();
    return true;
  }
  return false;
}

}  // namespace roster::ui
