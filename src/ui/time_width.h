// How wide a column of times must be to show any of them whole on a kiosk: a date cut to
// "23:48 Nov 21, 20…" loses its year, and a kiosk, which nobody hovers, has no other way to tell it.
// Elsewhere a time column keeps its share of the width and a cut time shows whole on hover (so a
// desktop's users table keeps its Registered column).
#pragma once

#include "ui/ui_context.h"

namespace roster::ui {

// On a kiosk, the width in the current font of the widest time format_console_time writes with a
// year (the widest month name of the language in force, a two-digit day, 23:48); 0 elsewhere.
float kiosk_time_width(const UiContext& ctx);

}  // namespace roster::ui
