// The scrolling of a virtualised table, counted in rows rather than pixels (a million rows have no
// pixel height worth having): the first row shown, how many fit, the wheel and touch movement,
// the scrollbar thumb and its drag, and clicks on text drawn over rows. Shared by every table.
#pragma once

#include "imgui.h"
#include "ui/theme.h"

#include <cstdint>
#include <optional>
#include <string>

namespace roster::ui {

class RowScroller {
 public:
  std::int64_t first() const { return first_row_; }
  std::int64_t last() const { return first_row_ + visible_rows_ - 1; }
  std::int64_t visible_rows() const { return visible_rows_; }
  void set_visible_rows(std::int64_t n) { visible_rows_ = n < 1 ? 1 : n; }
  // Scrolls so that `row` is the first row (embedding API, Home/End, deep scrolling in tests).
  void scroll_to(std::int64_t row) { pending_scroll_ = row; }
  void to_top() {
    first_row_ = 0;
    wheel_rows_ = 0;
  }
  // At the start of a table's frame: a requested scroll, then the wheel over [min, max], clamped.
  void begin(std::int64_t total, const ImVec2& min, const ImVec2& max);
  void clamp(std::int64_t total);
  void ensure_visible(std::int64_t row);
  void draw_scrollbar(const Theme& t, std::int64_t total, const ImVec2& min, const ImVec2& max);
  // A click on a rectangle drawn this frame: pressed and released over it, wherever the mouse went
  // between. Done by hand because text drawn over a row's selectable has no ImGui item of its own.
  bool clicked(const std::string& target, ImVec2 min, ImVec2 max);

 private:
  std::int64_t first_row_ = 0;
  std::int64_t visible_rows_ = 1;
  double wheel_rows_ = 0;  // fractional wheel and touch movement not yet applied
  std::optional<std::int64_t> pending_scroll_;
  bool dragging_thumb_ = false;
  float drag_offset_ = 0;
  std::string pressed_target_;
};

}  // namespace roster::ui
