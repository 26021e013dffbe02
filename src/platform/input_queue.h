// What the platform hands Dear ImGui between frames, timed so that nothing is lost or repeated:
//
// - Text (typed, composed, from the canvas or the hidden text field) waits for the frame in which a
//   text field is active. A key typed while focus is still moving into a field (`/` and then typing
//   at once) is held until the field is active, instead of reaching ImGui in a frame with no active
//   field (which drops it); text that arrives with no field active or about to be is dropped, as
//   ImGui would (the `/` that asked for the search box is not typed into it).
// - A button press at a position ImGui has not yet seen in a frame (a tap-to-click whose down and up
//   come together, with no move before) waits one frame: items that allow overlap (table headers)
//   only take a press when they were hovered in the frame before.
//
// The browser's input code and the view tests both feed ImGui through this class; ConsoleFrame calls
// begin_frame() before ImGui's frame and end_frame() after it.
#pragma once

#include <string>
#include <vector>

namespace roster::platform {

class InputQueue {
 public:
  void text(const char* utf8) { text_ += utf8; }
  void pointer(float x, float y);
  void button(int button, bool down);

  // Before ImGui's frame: the text goes to the active field, waits for one about to be active, or is
  // dropped.
  void begin_frame();
  // After it: held presses go to ImGui, whose frame has now taken the new position (waiting for
  // io.MousePos to equal it could wait for ever: ImGui floors and clamps what it is given).
  void end_frame();
  // Something is still waiting for a frame.
  bool pending() const { return !text_.empty() || !held_.empty(); }

 private:
  struct Press {
    int button;
    bool down;
  };
  std::string text_;
  std::vector<Press> held_;
  float x_ = -1e30f, y_ = -1e30f;  // the pointer's last position given to ImGui
  bool moved_ = false;             // since the last frame ended
};

}  // namespace roster::platform
