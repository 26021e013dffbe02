#include "ui/typed_shortcut.h"

#include "imgui.h"

namespace roster::ui {

bool shortcut_typed(char c) {
  if (ImGui::IsAnyItemActive() || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return false;
  for (ImWchar typed : ImGui::GetIO().InputQueueCharacters)
    if (typed == static_cast<ImWchar>(c)) return true;
  return false;
}

}  // namespace roster::ui
