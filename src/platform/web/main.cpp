// The web entry point and the functions the page's JavaScript calls (the embedding API's back end).
// Each module instance runs one console.
#include "platform/web/console_app.h"

#include <emscripten.h>

#include <string>

namespace {

roster::platform::web::ConsoleApp* g_app = nullptr;

void frame() {
  if (g_app) g_app->frame();
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* roster_state_json() {
  static std::string state;
  state = g_app ? g_app->state_json() : "{}";
  return state.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* roster_frame_stats() {
  static std::string stats;
  stats = g_app ? g_app->take_frame_stats() : "{}";
  return stats.c_str();
}

EMSCRIPTEN_KEEPALIVE void roster_navigate(const char* route) {
  if (g_app && route) g_app->navigate(route);
}

EMSCRIPTEN_KEEPALIVE void roster_on_location(const char* hash) {
  if (g_app && hash) g_app->follow_location(hash);
}

EMSCRIPTEN_KEEPALIVE void roster_text_input(const char* utf8) {
  if (g_app && utf8) g_app->text_input(utf8);
}

EMSCRIPTEN_KEEPALIVE void roster_paste(const char* utf8) {
  if (g_app && utf8) g_app->paste(utf8);
}

EMSCRIPTEN_KEEPALIVE void roster_scroll_to_row(double row) {
  if (g_app && row >= 0) g_app->scroll_to_row(static_cast<std::int64_t>(row));
}

EMSCRIPTEN_KEEPALIVE void roster_set_theme(int dark) {
  if (g_app) {
    g_app->set_theme(dark != 0);
    g_app->wake();
  }
}

// The system colours (0xRRGGBB, -1 unknown) are read by the page under forced colours only.
EMSCRIPTEN_KEEPALIVE void roster_set_preferences(int more_contrast, int forced_colors, int reduced_motion, int canvas,
                                                 int text, int highlight, int highlight_text) {
  if (!g_app) return;
  roster::ui::Preferences prefs;
  prefs.more_contrast = more_contrast != 0;
  prefs.forced_colors = forced_colors != 0;
  prefs.reduced_motion = reduced_motion != 0;
  prefs.system_canvas = canvas;
  prefs.system_text = text;
  prefs.system_highlight = highlight;
  prefs.system_highlight_text = highlight_text;
  g_app->set_preferences(prefs);
  g_app->wake();
}

EMSCRIPTEN_KEEPALIVE void roster_focus_enter(int backward) {
  if (g_app) g_app->focus_enter(backward != 0);
}

EMSCRIPTEN_KEEPALIVE void roster_focus_leave() {
  if (g_app) g_app->focus_leave();
}

EMSCRIPTEN_KEEPALIVE void roster_prompted_frame() {
  if (g_app) g_app->run_prompted_frame();
}

// A mirror element operated: its node id, the action ("activate", or "text" with the search box's text).
EMSCRIPTEN_KEEPALIVE void roster_a11y_action(const char* id, const char* action, const char* text) {
  if (g_app && id && action) g_app->a11y_action(id, action, text ? text : "");
}

// The browser is idle after a frame that drew: the accessibility mirror catches up with it.
EMSCRIPTEN_KEEPALIVE void roster_a11y_flush() {
  if (g_app) g_app->flush_a11y();
}

EMSCRIPTEN_KEEPALIVE void roster_wake() {
  if (g_app) g_app->wake();
}

EMSCRIPTEN_KEEPALIVE void roster_destroy() {
  if (!g_app) return;
  emscripten_cancel_main_loop();
  g_app->destroy();
  delete g_app;
  g_app = nullptr;
}

}  // extern "C"

int main() {
  g_app = new roster::platform::web::ConsoleApp();
  if (!g_app->start()) {
    delete g_app;
    g_app = nullptr;
    return 1;
  }
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
