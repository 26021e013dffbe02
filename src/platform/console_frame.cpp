#include "platform/console_frame.h"

#include "imgui.h"
#include "imgui_internal.h"  // to tell when ImGui has settled

#include <algorithm>

namespace roster::platform {

namespace {

// ImGui settles some things over the following frames (keyboard focus requests, activation, the text
// input flag): keep drawing until it has, or an idle console could stop one frame short.
bool imgui_still_settling() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  bool want_text_next = g.WantTextInputNextFrame != -1 && (g.WantTextInputNextFrame != 0) != g.IO.WantTextInput;
  return want_text_next || g.NavMoveSubmitted || g.NavNextActivateId != 0 || g.NavActivateId != 0 ||
         (g.ActiveId != 0 && g.IO.MouseDown[0]);
}

}  // namespace

void ConsoleFrame::wake(int frames) { dirty_frames_ = std::max(dirty_frames_, frames); }

bool ConsoleFrame::prepare(std::int64_t now, bool input, bool text_active) {
  int delivered = transport_.deliver();
  store_.tick(now);
  bool changed = store_.take_changed();
  // A revalidation answered "not modified" (a kiosk's refresh) changes nothing: no frame for it.
  const int quiet = store_.take_quiet_answers();
  if (input || delivered > quiet || changed) wake();
  // The progress line moves while it shows; anything else due later (a throttled search, a retry, the
  // toast's end) wakes the console by timer.
  if (store_.progress_visible(now)) keep_drawing();
  if (text_active && now - last_blink_ms_ >= kCaretBlinkMs) {
    last_blink_ms_ = now;
    keep_drawing();
  }
  if (dirty_frames_ == 0) return false;  // idle: no ImGui frame, no drawing
  --dirty_frames_;
  return true;
}

void ConsoleFrame::draw(ui::Theme& theme, std::int64_t now, OffsetAt viewer_offset, bool kiosk, ui::Layout* layout,
                        ui::A11yTree* a11y) {
  // Input held back for this frame counts as input arriving now: a press given to ImGui in this frame
  // takes effect over the next ones (a header's sort is read a frame after its click), which must run.
  const bool held_input = input_.begin_frame();
  ImGui::NewFrame();
  if (layout) layout->rects.clear();
  if (a11y) a11y->clear();
  ui::UiContext ctx{store_, intents_, theme, now, viewer_offset, kiosk, layout, nullptr, a11y, {}};
  shell_.draw(ctx);
  ImGui::Render();
  store_.apply(intents_.take(), now);
  if (held_input) wake();
  if (imgui_still_settling() || input_.pending()) keep_drawing();
}

}  // namespace roster::platform
