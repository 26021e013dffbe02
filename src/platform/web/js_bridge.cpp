#include "platform/web/js_bridge.h"

#include <emscripten.h>

#include <cstdlib>

namespace {

// clang-format off
EM_JS(char*, js_config_string, (const char* key), {
  var config = Module["rosterConfig"] || {};
  var value = config[UTF8ToString(key)];
  var text = (value === undefined || value === null) ? "" : String(value);
  var size = lengthBytesUTF8(text) + 1;
  var ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});

EM_JS(double, js_device_pixel_ratio, (), { return window.devicePixelRatio || 1; });
EM_JS(int, js_font_atlas_size, (), {
  var atlas = Module["rosterFontAtlas"];
  return atlas ? atlas.length : 0;
});
EM_JS(void, js_take_font_atlas, (std::uint8_t* out), {
  var atlas = Module["rosterFontAtlas"];
  if (atlas) HEAPU8.set(atlas, out);
  Module["rosterFontAtlas"] = null;
});
EM_JS(int, js_utc_offset, (), { return -new Date().getTimezoneOffset(); });
EM_JS(int, js_utc_offset_at, (double ms), { return -new Date(ms).getTimezoneOffset(); });
EM_JS(double, js_now, (), { return Date.now(); });

EM_JS(void, js_set_cursor, (const char* cursor), {
  var canvas = Module["canvas"];
  var value = UTF8ToString(cursor);
  if (canvas && canvas.style.cursor !== value) canvas.style.cursor = value;
});

EM_JS(void, js_copy, (const char* text), {
  var value = UTF8ToString(text);
  var fallback = function() {
    var area = document.createElement("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) {}
    document.body.removeChild(area);
  };
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(value).catch(fallback);
  else fallback();
});

EM_JS(void, js_update_location, (const char* hash, int push), {
  var config = Module["rosterConfig"] || {};
  if (!config["ownsLocation"]) return;
  var value = UTF8ToString(hash);
  if (location.hash === value) return;
  if (push) history.pushState(null, "", value); else history.replaceState(null, "", value);
});

EM_JS(void, js_emit, (const char* name, const char* json), {
  if (Module["rosterEmit"]) Module["rosterEmit"](UTF8ToString(name), UTF8ToString(json));
});

EM_JS(void, js_set_text_input, (int active, float x, float y, float h), {
  if (Module["rosterTextInput"]) Module["rosterTextInput"](!!active, x, y, h);
});

EM_JS(void, js_report_frames, (int frames), {
  Module["framesDrawn"] = frames;
  if (Module["rosterConfig"] && Module["rosterConfig"]["ownsLocation"]) window.rosterFramesDrawn = frames;
});

// A microtask: it runs as soon as the current event handler returns, in the same task. Timers and
// posted messages were both seen waiting 50-70 ms behind the browser's rendering work here.
EM_JS(void, js_post_prompt, (), {
  queueMicrotask(function () { Module["_roster_prompted_frame"](); });
});

// The software renderer's picture: rows [y0, y1) of the RGBA buffer, handed to the page as an ImageData
// over the module's memory (no copy here; putImageData copies) for its 2D canvas.
EM_JS(void, js_present_pixels, (const std::uint8_t* rgba, int width, int height, int y0, int y1), {
  if (!Module["rosterPresent"] || y1 <= y0) return;
  var rows = new Uint8ClampedArray(HEAPU8.buffer, rgba + y0 * width * 4, (y1 - y0) * width * 4);
  Module["rosterPresent"](new ImageData(rows, width, y1 - y0), y0, width, height);
});

EM_JS(void, js_show_renderer, (const char* name), {
  if (Module["rosterRenderer"]) Module["rosterRenderer"](UTF8ToString(name));
});

// What draws WebGL here: the unmasked renderer's name where the browser gives it ("ANGLE (Google,
// Vulkan 1.3.0 (SwiftShader Device ...))", "llvmpipe ..."), else the plain one.
EM_JS(char*, js_webgl_renderer_name, (), {
  var text = "";
  try {
    var gl = Module["canvas"].getContext("webgl2");
    if (gl) {
      var info = gl.getExtension("WEBGL_debug_renderer_info");
      text = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) || "");
    }
  } catch (e) {}
  var size = lengthBytesUTF8(text) + 1;
  var ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});

// Gives the GPU (or software GL) back the canvas's drawing buffer once software draws for good.
EM_JS(void, js_release_webgl, (), {
  try {
    var gl = Module["canvas"].getContext("webgl2");
    var lose = gl && gl.getExtension("WEBGL_lose_context");
    if (lose && !gl.isContextLost()) lose.loseContext();
  } catch (e) {}
});

// When the browser is idle (after the frame's work, when nothing else waits), so the mirror's work
// holds back neither a picture nor an answer's handling; after 100 ms without idle time, or in a
// browser without idle callbacks, as an ordinary task.
EM_JS(void, js_request_a11y_flush, (), {
  if (Module["rosterA11yFlushPending"]) return;
  Module["rosterA11yFlushPending"] = true;
  var run = function () {
    Module["rosterA11yFlushPending"] = false;
    Module["_roster_a11y_flush"]();
  };
  if (typeof requestIdleCallback === "function") requestIdleCallback(run, {timeout: 100});
  else setTimeout(run, 0);
});

// The text's decoding counts as the diff's (its hand-over to the page), for the benchmarks.
EM_JS(void, js_apply_a11y, (const char* json, double ratio, double diff_ms), {
  if (!Module["rosterA11y"]) return;
  var start = performance.now();
  var text = UTF8ToString(json);
  Module["rosterA11y"](text, ratio, diff_ms + (performance.now() - start));
});

EM_JS(void, js_note_a11y_unchanged, (double diff_ms), {
  if (Module["rosterA11yUnchanged"]) Module["rosterA11yUnchanged"](diff_ms);
});

EM_JS(char*, js_storage_get, (const char* key), {
  var text = "";
  try { text = window.localStorage.getItem(UTF8ToString(key)) || ""; } catch (e) {}
  var size = lengthBytesUTF8(text) + 1;
  var ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});

EM_JS(void, js_storage_set, (const char* key, const char* value), {
  try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});
// clang-format on

std::string take(char* p) {
  std::string s = p ? p : "";
  std::free(p);
  return s;
}

}  // namespace

namespace roster::platform::web {

std::string config_string(const char* key) { return take(js_config_string(key)); }
bool config_flag(const char* key) {
  auto v = config_string(key);
  return v == "true" || v == "1";
}
double device_pixel_ratio() { return js_device_pixel_ratio(); }

std::vector<std::uint8_t> take_font_atlas_snapshot() {
  int size = js_font_atlas_size();
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size > 0 ? size : 0));
  if (!bytes.empty()) js_take_font_atlas(bytes.data());
  return bytes;
}
int local_utc_offset_minutes() { return js_utc_offset(); }
int utc_offset_at(std::int64_t epoch_ms) { return js_utc_offset_at(static_cast<double>(epoch_ms)); }
double now_ms() { return js_now(); }
void set_cursor(const char* css_cursor) { js_set_cursor(css_cursor); }
void copy_to_clipboard(const std::string& text) { js_copy(text.c_str()); }
void update_location(const std::string& hash, bool push) { js_update_location(hash.c_str(), push ? 1 : 0); }
void emit_event(const std::string& name, const std::string& json) { js_emit(name.c_str(), json.c_str()); }
void set_text_input(bool active, float x, float y, float h) { js_set_text_input(active ? 1 : 0, x, y, h); }
void report_frames_drawn(int frames) { js_report_frames(frames); }
void post_prompt() { js_post_prompt(); }
std::string storage_get(const char* key) { return take(js_storage_get(key)); }
void present_pixels(const std::uint8_t* rgba, int width, int height, int y0, int y1) {
  js_present_pixels(rgba, width, height, y0, y1);
}
void show_renderer(const char* name) { js_show_renderer(name); }
void release_webgl() { js_release_webgl(); }
std::string webgl_renderer_name() { return take(js_webgl_renderer_name()); }
void apply_a11y(const std::string& update_json, double pixel_ratio, double diff_ms) {
  js_apply_a11y(update_json.c_str(), pixel_ratio, diff_ms);
}

void request_a11y_flush() { js_request_a11y_flush(); }
void note_a11y_unchanged(double diff_ms) { js_note_a11y_unchanged(diff_ms); }
void storage_set(const char* key, const std::string& value) { js_storage_set(key, value.c_str()); }

}  // namespace roster::platform::web
