// How wide a column of times must be to show any of them whole: a date cut to "23:48 Nov 21, 20…"
// loses its year, and a kiosk, which nobody hovers, has no other way to tell it.
#pragma once

#include "ui/ui_context.h"

namespace roster::ui {

// The width, in the current font, of the widest time format_console_time writes with a year (the
// widest month name of the language in force, a two-digit day, 23:48).
float widest_console_time(const UiContext& ctx);

}  // namespace roster::ui
