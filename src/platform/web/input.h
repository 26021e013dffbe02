// Browser input into Dear ImGui, on emscripten/html5.h: mouse, wheel, touch (a tap is one click, a
// drag scrolls), keys from the canvas and the hidden text field, text (typed, composed by an IME or
// pasted) from the page's glue, and the CSS cursor. Coordinates are scaled to device pixels.
#pragma once

#include "imgui.h"
#include "platform/input_queue.h"

#include <functional>
#include <string>

namespace roster::platform::web {

class Input {
 public:
  // `canvas` and `text_field` are CSS selectors of this console's elements.
  void install(const std::string& canvas, const std::string& text_field);
  void uninstall();
  void set_pixel_ratio(float ratio) { ratio_ = ratio; }

  // True once after any input arrived (the next frame must be drawn).
  bool take_activity() {
    bool a = activity_;
    activity_ = false;
    return a;
  }
  void note_activity() { activity_ = true; }
  // Asked at a Tab's keydown (`backward`: Shift+Tab): true when the Tab leaves the console, and then
  // the browser's own Tab happens (no keyboard trap) and ImGui never sees the key.
  void set_on_tab(std::function<bool(bool backward)> callback) { on_tab_ = std::move(callback); }
  std::function<bool(bool)> on_tab_;
  // Keys and button presses are acted on at once (a frame from a zero-delay timer) rather than at the
  // next animation frame, which a busy compositor can hold back for tens of milliseconds.
  void set_on_urgent(std::function<void()> callback) { on_urgent_ = std::move(callback); }
  void note_urgent() {
    activity_ = true;
    if (on_urgent_) on_urgent_();
  }

  // Where pointer, button and text input go (the frame's queue); nothing is taken before it is set.
  void set_queue(platform::InputQueue* queue) { queue_ = queue; }
  void add_text(const char* utf8);
  // The browser's paste event brought `utf8`: ImGui pastes it into the active field.
  void paste(const char* utf8);
  // ImGui's clipboard: the text of the paste being delivered.
  const char* pasted() const { return pasted_.c_str(); }
  void apply_cursor();

  float ratio_ = 1.0f;
  bool activity_ = true;
  // Touch: where a finger went down, and whether it has moved far enough to be a drag.
  float touch_x_ = 0, touch_y_ = 0, touch_last_y_ = 0;
  bool touch_dragging_ = false;
  int touch_id_ = -1;
  platform::InputQueue* queue_ = nullptr;
  ImGuiKey paste_key_ = ImGuiKey_None;  // the key whose paste event is awaited

 private:
  void set_callbacks(bool on);
  std::string canvas_, text_field_;
  int last_cursor_ = -2;
  std::function<void()> on_urgent_;
  std::string pasted_;
};

}  // namespace roster::platform::web
