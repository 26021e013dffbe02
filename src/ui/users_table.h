// The users table: a virtualised grid over any number of rows (a million included). It keeps its own
// scroll position in rows, draws only the rows on screen (placeholders for pages still loading), and
// tells the store which rows are visible (an intent). Columns resize, reorder and hide (ImGui table
// settings, persisted by the platform); headers sort through the server's sortBy. The cells are
// drawn by users_table_cells.h.
#pragma once

#include "ui/ui_context.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace roster::ui {

class UsersTable {
 public:
  void draw(UiContext& ctx, ImVec2 size);

  std::int64_t first_visible() const { return first_row_; }
  std::int64_t last_visible() const { return first_row_ + visible_rows_ - 1; }
  // Scrolls so that `row` is the first row (embedding API, Home/End, deep scrolling in tests).
  void scroll_to(std::int64_t row) { pending_scroll_ = row; }
  bool has_keyboard_focus() const { return focused_; }
  void set_keyboard_focus(bool f) { focused_ = f; }

 private:
  void handle_keys(UiContext& ctx, std::int64_t total);
  void setup_columns(const Theme& t);
  // The route's sort shown in the headers; a click on a header becomes the route's sort.
  void sync_sort(UiContext& ctx);
  void draw_header_row(UiContext& ctx, float header_h);
  // The row's selectable (hover and selection tint, click selects, double-click opens), under its cells.
  void draw_row_selectable(UiContext& ctx, std::int64_t row, const User* user, float row_h);
  void draw_row(UiContext& ctx, std::int64_t row, float row_h);
  void handle_scrolling(std::int64_t total, const ImVec2& min, const ImVec2& max);
  void draw_scrollbar(UiContext& ctx, std::int64_t total, const ImVec2& min, const ImVec2& max);
  void clamp(std::int64_t total);
  void ensure_visible(std::int64_t row);
  // A click on a rectangle drawn this frame: pressed and released over it, wherever the mouse went
  // between. Done by hand because text drawn over the row's selectable has no ImGui item of its own.
  bool clicked(const std::string& target, ImVec2 min, ImVec2 max);

  std::int64_t first_row_ = 0;
  std::int64_t visible_rows_ = 1;
  double wheel_rows_ = 0;  // fractional wheel and touch movement not yet applied
  std::optional<std::int64_t> pending_scroll_;
  bool dragging_thumb_ = false;
  float drag_offset_ = 0;
  bool focused_ = true;
  std::uint64_t last_generation_ = 0;
  std::string pressed_target_;
  std::optional<std::pair<std::string, bool>> shown_sort_;  // the sort the headers show (label, descending)
};

}  // namespace roster::ui
