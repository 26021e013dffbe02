// What the platform hands Dear ImGui between frames, in the order it arrived, timed so that nothing is
// lost, repeated or reordered:
//
// - One ordered queue for pointer moves, button presses, keys and text. Before each frame the queue
//   gives ImGui what may go now and keeps the rest, in order: a key or text never overtakes the click
//   before it (a click in the table, then `/`, must leave the search box before `/` is read).
// - A button press at a position ImGui has not yet seen in a frame (a tap-to-click whose move, down and
//   up come together) waits one frame: items that allow overlap (table headers) only take a press when
//   they were hovered in the frame before. After a press or a non-typing key, the rest waits for the
//   next frame, whose views have acted on it (focus moves, menus open).
// - Text (typed, composed, from the canvas or the hidden text field) goes to the active text field;
//   while one is about to be active (`/` asked for the search box) it waits, for a few frames at most;
//   with none active or coming it goes to ImGui as typed characters that no field takes, which a view
//   may read as a shortcut (`?` on any keyboard layout) and ImGui forgets at the frame's end. A
//   printable key is a key event only when no field takes its text, and then its own text (the next
//   text before another key) is never typed into a field that became active since (the `/` that
//   asked for the search box is not typed into it).
//
// The browser's input code and the view tests both feed ImGui through this class; ConsoleFrame calls
// begin_frame() before ImGui's frame.
#pragma once

#include "imgui.h"

#include <deque>
#include <set>
#include <string>

namespace roster::platform {

class InputQueue {
 public:
  void pointer(float x, float y);
  void button(int button, bool down);
  // `printable`: the key types a character (its text follows as text()).
  void key(ImGuiKey key, bool down, bool printable = false);
  void text(const char* utf8);

  // Before ImGui's frame: gives ImGui what may go now; true when it gave anything (the frames that
  // act on it must follow, as after any input).
  bool begin_frame();
  // Something is still waiting for a frame.
  bool pending() const { return !events_.empty(); }

  // How many frames text waits for a field that was asked for but is not active yet.
  static constexpr int kTextWaitFrames = 8;

 private:
  enum class Kind { Pointer, Button, Key, Text };
  struct Event {
    Kind kind = Kind::Pointer;
    float x = 0, y = 0;
    int button = 0;
    ImGuiKey key = ImGuiKey_None;
    bool down = false;
    bool printable = false;
    std::string text;
  };
  std::deque<Event> events_;
  float seen_x_ = -1e30f, seen_y_ = -1e30f;  // the pointer's position as of ImGui's last frame
  int text_waited_ = 0;                      // frames the first text has waited for its field
  std::set<ImGuiKey> pressed_;               // keys whose press ImGui was given and whose release not yet
  // A character key went to ImGui as a key (a shortcut such as `/`): the text it brings is not typed.
  bool drop_key_text_ = false;
};

}  // namespace roster::platform
