#include "platform/input_queue.h"

#include "imgui_internal.h"  // the active item, pending activations: whether a text field is (about to be) active

namespace roster::platform {

namespace {

bool text_field_active() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  return g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
}

// A field will be active within a frame or two: a focus request that activates is being resolved
// (SetKeyboardFocusHere: `/` on the users screen), or an activation is due. (Not io.WantTextInput nor
// g.WantTextInputNextFrame: they say a field was active at some point of the last frame, and stay so
// after an Escape that left it, until another frame runs; an idle console runs none.)
bool text_field_coming() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const bool focus_request =
      (g.NavMoveSubmitted || g.NavMoveForwardToNextFrame) && (g.NavMoveFlags & ImGuiNavMoveFlags_Activate);
  return focus_request || g.NavNextActivateId != 0 || g.NavActivateId != 0;
}

bool is_modifier(ImGuiKey key) { return (key & ImGuiMod_Mask_) != 0; }

}  // namespace

void InputQueue::pointer(float x, float y) {
  // Moves in a row coalesce: only where the pointer is matters.
  if (!events_.empty() && events_.back().kind == Kind::Pointer) {
    events_.back().x = x;
    events_.back().y = y;
    return;
  }
  Event e;
  e.kind = Kind::Pointer;
  e.x = x;
  e.y = y;
  events_.push_back(e);
}

void InputQueue::button(int button, bool down) {
  Event e;
  e.kind = Kind::Button;
  e.button = button;
  e.down = down;
  events_.push_back(e);
}

void InputQueue::key(ImGuiKey key, bool down, bool printable) {
  Event e;
  e.kind = Kind::Key;
  e.key = key;
  e.down = down;
  e.printable = printable;
  events_.push_back(e);
}

void InputQueue::text(const char* utf8) {
  if (!*utf8) return;
  if (!events_.empty() && events_.back().kind == Kind::Text) {
    events_.back().text += utf8;
    return;
  }
  Event e;
  e.kind = Kind::Text;
  e.text = utf8;
  events_.push_back(e);
}

bool InputQueue::begin_frame() {
  ImGuiIO& io = ImGui::GetIO();
  // What ImGui's last frame left: a text field active, or one on its way.
  const bool active = text_field_active();
  const bool coming = !active && text_field_coming();
  bool moved = false;  // a position given in this batch that ImGui's frames have not seen
  const std::size_t queued = events_.size();
  while (!events_.empty()) {
    Event& e = events_.front();
    if (e.kind == Kind::Pointer) {
      io.AddMousePosEvent(e.x, e.y);
      moved = moved || e.x != seen_x_ || e.y != seen_y_;
      seen_x_ = e.x;
      seen_y_ = e.y;
      events_.pop_front();
    } else if (e.kind == Kind::Button) {
      if (moved) break;  // the press waits for a frame that has seen where it is
      io.AddMouseButtonEvent(e.button, e.down);
      events_.pop_front();
      break;  // what follows waits for the frame that acts on the press
    } else if (e.kind == Kind::Key) {
      // A character key whose text a field takes (or will) is only text: its key events would make
      // ImGui spread every keystroke over frames, and a letter is no shortcut while typing.
      // Its release always goes when its press went (else ImGui would hold it down for ever, and
      // the next press of `/` would not be a press).
      const bool typed = e.printable && (active || coming) && (e.down || !pressed_.count(e.key));
      // A character key's own text acts for it (a typed shortcut, `/`): it goes in the same frame.
      const bool acts = e.down && !typed && !is_modifier(e.key) && !e.printable;
      if (!typed) {
        io.AddKeyEvent(e.key, e.down);
        if (e.down)
          pressed_.insert(e.key);
        else
          pressed_.erase(e.key);
      }
      if (e.down && !is_modifier(e.key)) drop_key_text_ = e.printable && !typed;
      events_.pop_front();
      if (acts) break;  // the next frame has acted on it (a focus request, a menu) before what follows
    } else {
      if (!active && !coming) {
        // No field takes it: ImGui gets it all the same, so a view may read a typed shortcut (`?`,
        // `/`) whatever the keyboard's layout; ImGui forgets it at the frame's end. What follows waits
        // for the frame that acted on it (`/` asks for the search box, where the next letters go).
        io.AddInputCharactersUTF8(e.text.c_str());
        drop_key_text_ = false;
        text_waited_ = 0;
        events_.pop_front();
        break;
      } else if (drop_key_text_) {
        // A key that went as a key (`/` asking for the search box): its text is not typed there.
      } else if (active) {
        io.AddInputCharactersUTF8(e.text.c_str());
      } else if (text_waited_ < kTextWaitFrames) {
        ++text_waited_;
        break;  // waits, with what follows, for the field
      }
      drop_key_text_ = false;
      text_waited_ = 0;
      events_.pop_front();
    }
  }
  return events_.size() != queued;
}

}  // namespace roster::platform
