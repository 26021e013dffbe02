#include "platform/input_queue.h"

#include "imgui.h"
#include "imgui_internal.h"  // the active item, pending activations: whether a text field is (about to be) active

namespace roster::platform {

namespace {

bool text_field_active() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  return g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
}

// A field will be active within a frame or two: an activation is requested (`/` on the users
// screen), or the last frame asked for text input.
bool text_field_coming() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  return g.NavNextActivateId != 0 || g.NavActivateId != 0 || g.WantTextInputNextFrame == 1;
}

}  // namespace

void InputQueue::pointer(float x, float y) {
  ImGui::GetIO().AddMousePosEvent(x, y);
  if (x != x_ || y != y_) moved_ = true;
  x_ = x;
  y_ = y;
}

void InputQueue::button(int button, bool down) {
  // Once one press waits, the ones after it wait too, in order.
  if (moved_ || !held_.empty())
    held_.push_back({button, down});
  else
    ImGui::GetIO().AddMouseButtonEvent(button, down);
}

void InputQueue::begin_frame() {
  if (text_.empty()) return;
  if (text_field_active()) {
    ImGui::GetIO().AddInputCharactersUTF8(text_.c_str());
    text_.clear();
  } else if (!text_field_coming()) {
    text_.clear();
  }
}

void InputQueue::end_frame() {
  moved_ = false;
  if (held_.empty()) return;
  // ImGui's queue spreads a down and up of one button over two frames on its own.
  for (const Press& p : held_) ImGui::GetIO().AddMouseButtonEvent(p.button, p.down);
  held_.clear();
}

}  // namespace roster::platform
