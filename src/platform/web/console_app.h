// One console in one canvas: owns the drawing (WebGL 2, or the software renderer when WebGL is missing,
// lost for good or itself software and slower), ImGui, the transport, client, store and views,
// and runs the frame loop: a frame when something changed (ConsoleFrame decides and orders it),
// prompted frames right after a key, click or answer, timers for what is due later, and frames held
// while the GPU is behind. What the host page sees goes through the HostBridge; the page's calls
// arrive through the exported functions in main.cpp.
#pragma once

#include "api/api_client.h"
#include "api/platform_client.h"
#include "platform/a11y_mirror.h"
#include "platform/console_frame.h"
#include "platform/web/fetch_transport.h"
#include "platform/web/host_bridge.h"
#include "platform/web/input.h"
#include "platform/web/renderer.h"
#include "platform/web/software_presenter.h"
#include "store/store.h"
#include "ui/shell_view.h"
#include "ui/theme.h"

#include <emscripten/html5.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace roster::platform::web {

class ConsoleApp {
 public:
  bool start();
  void frame();
  void destroy();

  // The embedding API. Called between frames (never while views draw), so applied at once.
  std::string state_json();
  std::string take_frame_stats() { return host_.take_frame_stats(); }
  void navigate(const std::string& route);
  void follow_location(const std::string& hash);
  void text_input(const char* utf8);
  void paste(const char* utf8);
  void scroll_to_row(std::int64_t row);
  void set_theme(bool dark);
  // prefers-contrast, forced-colors and prefers-reduced-motion, from the page's matchMedia.
  void set_preferences(const ui::Preferences& prefs);
  // The canvas got the DOM focus from the keyboard (Tab, or Shift+Tab with `backward`), or lost it.
  void focus_enter(bool backward);
  void focus_leave();
  void wake();
  // A mirror element was operated (a screen reader's click, Enter or Space on it): what a click on
  // the node's widget does, an intent applied or a click at its middle. "text" sets the search
  // box's text (typed into the mirror's own field).
  void a11y_action(const std::string& id, const std::string& action, const std::string& text);
  // The browser is idle: the mirror is brought in step with the last frame drawn, if it is not yet.
  void flush_a11y();

  // Runs a frame as soon as the current event handler returns (a microtask) rather than at the next
  // animation frame: typed text and arrived answers reach the screen sooner. Coalesced.
  void prompt_frame();
  void run_prompted_frame();  // the posted message's arrival

 private:
  void fit_canvas();
  void rebuild_theme();
  void sync_text_input();
  // Runs a frame at `at_ms` (a throttled search, a retry, the progress line): a timer, not frames
  // drawn while waiting. The earliest pending wake is kept; a later one is not scheduled twice.
  void wake_at(double at_ms);
  void flush_to_host(double now);  // history, events and the wake for a URL still to be written
  void render(double now, double cpu_start);
  void update_a11y();  // hands the mirror's update to the page when the frame changed what it says

  // Drawing. `choice` is the page's renderer option: "webgl", "software" or "auto".
  enum class Drawing { WebGL, Software };
  void choose_drawing(const std::string& choice);
  bool start_webgl();                         // creates the context and the renderer; false when WebGL 2 is not there
  void use_software(const std::string& why);  // for good: the 2D canvas takes over
  void watch_context();
  static EM_BOOL on_context_lost(int, const void*, void* self);
  static EM_BOOL on_context_restored(int, const void*, void* self);
  void context_restored();
  // A lost context not back within kRestoreWaitMs, or lost kLossesForSoftware times within
  // kLossWindowMs: the software renderer takes over (a driver that keeps resetting will again).
  void check_lost_context(double now);
  static constexpr double kRestoreWaitMs = 3000;
  static constexpr int kLossesForSoftware = 3;
  static constexpr double kLossWindowMs = 10 * 60 * 1000;

  FetchTransport transport_;
  std::unique_ptr<api::ApiClient> http_;
  std::unique_ptr<api::PlatformClient> client_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<platform::ConsoleFrame> frame_;
  ui::Theme theme_;
  ui::ShellView shell_;
  ui::Layout layout_;
  // False only when the host asked for no mirror (a benchmark's baseline): then no view builds a node.
  bool mirror_ = true;
  ui::A11yTree a11y_tree_;     // this frame's nodes (the last frame's, once swapped by the mirror)
  platform::A11yMirror a11y_;  // what the page's mirror shows
  bool a11y_due_ = false;      // a frame drew since the mirror was last brought in step
  HostBridge host_;
  Input input_;
  Renderer renderer_;
  SoftwarePresenter software_;
  Drawing drawing_ = Drawing::WebGL;
  std::string drawing_reason_;  // why the software renderer draws, in words (state().rendererReason)
  std::string webgl_name_;      // what is behind WebGL here (state().webglRenderer)
  bool context_lost_ = false;
  double lost_at_ms_ = 0;
  std::vector<double> losses_ms_;  // when the context was lost, within the last kLossWindowMs
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl_ = 0;
  std::string canvas_, text_field_;
  int width_ = 0, height_ = 0;
  double ratio_ = 0;
  bool dark_ = false, theme_dirty_ = true, kiosk_ = false;
  // The font atlas the build baked for this pixel ratio (kept for theme rebuilds), and whether the
  // fonts in use came from it rather than from rasterizing.
  std::vector<std::uint8_t> font_atlas_snapshot_;
  bool fonts_baked_ = false;
  bool drawing_failure_reported_ = false;
  float kiosk_scale_ = 1.0f;  // kiosk mode's larger type (and spacing with it)
  int frames_drawn_ = 0;
  double last_frame_ms_ = 0, last_draw_ms_ = 0;
  static constexpr double kMaxDrawWaitMs = 100;  // a GPU that never answers must not stop the drawing
  // After a prompted frame, how long the mirror's updates wait for idle time in every frame (the
  // frames between a key and its answer's rows), and the time that lasts until.
  static constexpr double kA11yHoldMs = 300;
  double a11y_hold_until_ = 0;
  bool text_active_ = false;
  bool running_ = false;
  bool prompt_pending_ = false;
  bool in_prompted_frame_ = false;
  double wake_timer_at_ = -1;
  // Timers outlive a destroyed console: their callbacks run only for the console still alive.
  static ConsoleApp* live_;
  static void run_if_live(void* self);
};

}  // namespace roster::platform::web
