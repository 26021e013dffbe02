// What kiosk mode adds to the shell: the operator's full-screen message when the server refuses the
// kiosk token, the offline banner above the content (how long, and when the next try is), and the
// rotation's quiet indicator in the top bar (one dot per route; it changes only when the route does,
// so it costs no frames between refreshes).
#pragma once

#include "ui/ui_context.h"

namespace roster::ui {

// Draws the operator's message over the whole window; false when the token is fine.
bool kiosk_refused_screen(UiContext& ctx);
// The band "Offline since 14:32 (5 min) — next try in 12 s", while the server fails.
void kiosk_offline_banner(UiContext& ctx);
// The dots of the rotation, right-aligned at `right` on the line centred at `center_y`.
void kiosk_rotation_indicator(UiContext& ctx, float right, float center_y);
// A touch, a click or the wheel: the rotation holds for a while.
void kiosk_notice_touch(UiContext& ctx);

}  // namespace roster::ui
