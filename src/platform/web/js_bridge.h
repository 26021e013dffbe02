// Every call from C++ into the page's JavaScript, in one place. Strings go in as pointers and come
// back through malloc'd buffers; no JavaScript source is ever built from data. Each module instance
// reads its own Module.rosterConfig, so two consoles on one page do not interfere.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace roster::platform::web {

std::string config_string(const char* key);  // Module.rosterConfig[key] as text ("" when absent)
bool config_flag(const char* key);

double device_pixel_ratio();
// The font atlas snapshot the page fetched for this ratio (Module.rosterFontAtlas), handed over once:
// empty when there is none (another ratio, or the fetch failed).
std::vector<std::uint8_t> take_font_atlas_snapshot();
int local_utc_offset_minutes();            // the viewer's, now
int utc_offset_at(std::int64_t epoch_ms);  // the viewer's, at an instant (daylight saving included)
double now_ms();                           // wall clock, epoch milliseconds

void set_cursor(const char* css_cursor);
void copy_to_clipboard(const std::string& text);
void update_location(const std::string& hash, bool push);  // only when this console owns the URL
void emit_event(const std::string& name, const std::string& json);
void set_text_input(bool active, float css_x, float css_y, float css_line_height);
void report_frames_drawn(int frames);
// Calls roster_prompted_frame() (main.cpp) as soon as the current event handler returns.
void post_prompt();

// The software renderer's output: rows [y0, y1) of a width x height RGBA picture, to the page's 2D canvas.
void present_pixels(const std::uint8_t* rgba, int width, int height, int y0, int y1);
// Which renderer draws ("webgl" or "software"): the page shows the canvas it draws into.
void show_renderer(const char* name);
std::string webgl_renderer_name();  // the GPU (or software GL) behind this canvas's WebGL 2 context
void release_webgl();               // loses the context on purpose: its buffers are no longer needed

// The accessibility mirror's update (platform/a11y_mirror.h) for the page's DOM beside the canvas, with
// the device pixel ratio its rectangles are in and what computing it cost (for the benchmark).
void apply_a11y(const std::string& update_json, double pixel_ratio, double diff_ms);
// A diff that found nothing to change, and what it cost (for the benchmark's per-frame figure).
void note_a11y_unchanged(double diff_ms);
// Asks the page to call roster_a11y_flush once the browser is idle (within 100 ms): once, however
// often it is asked before then.
void request_a11y_flush();

std::string storage_get(const char* key);
void storage_set(const char* key, const std::string& value);

}  // namespace roster::platform::web
