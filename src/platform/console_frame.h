// One console frame in the order every frame runs, in the browser and in the headless view tests
// alike (they drive this class, not a copy of its order):
//   1. answers: the transport hands over what arrived; the store's callbacks decode and apply them;
//   2. the store's tick: a search typing has made due, retries, timers;
//   3. draw or stay idle: a frame is drawn only while something changed (dirty frames);
//   4. the views draw from the const store and emit intents;
//   5. the intents are applied (Store::apply): the one point where the views' wishes change state.
//      A query typed in this frame goes out here, in the keystroke's own task.
// What the platform does around it (the canvas, the GPU, timers, the URL, the host page's events)
// stays outside.
#pragma once

#include "api/http.h"
#include "platform/input_queue.h"
#include "store/intent.h"
#include "store/store.h"
#include "ui/shell_view.h"
#include "ui/theme.h"
#include "ui/ui_context.h"

#include <cstdint>

namespace roster::platform {

class ConsoleFrame {
 public:
  // After a change, a few frames are drawn: ImGui settles hover and layout over the next ones.
  static constexpr int kFramesAfterChange = 3;
  // The caret blinks twice a second while a text field is active.
  static constexpr std::int64_t kCaretBlinkMs = 500;

  ConsoleFrame(api::Transport& transport, store::Store& store, ui::ShellView& shell)
      : transport_(transport), store_(store), shell_(shell) {}

  // Steps 1-3. `input` says whether input arrived since the last frame, `text_active` whether a text
  // field has the keyboard. True when this frame must be drawn (steps 4-5 follow).
  bool prepare(std::int64_t now, bool input, bool text_active);
  // Steps 4-5: ImGui's frame with the views (NewFrame to Render), then the intents applied.
  // `a11y`, when given, is cleared and filled with what the frame drew (the accessibility mirror).
  void draw(ui::Theme& theme, std::int64_t now, OffsetAt viewer_offset, bool kiosk, ui::Layout* layout,
            ui::A11yTree* a11y = nullptr);

  // Something outside the store changed (the canvas size, the theme, the host page): draw again.
  void wake(int frames = kFramesAfterChange);
  void keep_drawing() { wake(1); }  // one more frame (an animation step, a frame held for the GPU)
  int dirty_frames() const { return dirty_frames_; }
  // Pointer, button and text input for ImGui, handed over at the right frame (see InputQueue).
  InputQueue& input() { return input_; }

 private:
  api::Transport& transport_;
  store::Store& store_;
  ui::ShellView& shell_;
  store::Intents intents_;
  InputQueue input_;
  int dirty_frames_ = kFramesAfterChange;
  std::int64_t last_blink_ms_ = 0;
};

}  // namespace roster::platform
