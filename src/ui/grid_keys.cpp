#include "ui/grid_keys.h"

#include "imgui.h"

#include <algorithm>

namespace roster::ui {

std::optional<std::int64_t> grid_row_move(std::optional<std::int64_t> current, std::int64_t first_shown,
                                          std::int64_t page, std::int64_t total) {
  if (total <= 0) return std::nullopt;
  const std::int64_t row = current.value_or(first_shown - 1);
  std::optional<std::int64_t> next;
  if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) next = row + 1;
  if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) next = current ? row - 1 : first_shown;
  if (ImGui::IsKeyPressed(ImGuiKey_PageDown)) next = (current ? row : first_shown) + page;
  if (ImGui::IsKeyPressed(ImGuiKey_PageUp)) next = (current ? row : first_shown) - page;
  if (ImGui::IsKeyPressed(ImGuiKey_Home)) next = 0;
  if (ImGui::IsKeyPressed(ImGuiKey_End)) next = total - 1;
  if (!next) return std::nullopt;
  next = std::clamp<std::int64_t>(*next, 0, total - 1);
  return next == current ? std::nullopt : next;
}

bool grid_open_pressed() { return ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter); }

int grid_details_key(bool open) {
  if (ImGui::IsKeyPressed(ImGuiKey_Space, false)) return open ? -1 : 1;
  if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) return 1;
  if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) return -1;
  return 0;
}

bool grid_keys_free() { return !ImGui::IsAnyItemActive() && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId); }

}  // namespace roster::ui
