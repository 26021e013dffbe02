// One console in one canvas: owns the WebGL context, ImGui, the transport, client, store and views,
// and runs the frame loop (drawing only when something changed). The embedding API's calls arrive
// here through the exported functions in main.cpp.
#pragma once

#include "api/api_client.h"
#include "platform/web/fetch_transport.h"
#include "platform/web/input.h"
#include "platform/web/renderer.h"
#include "store/store.h"
#include "ui/shell_view.h"
#include "ui/theme.h"

#include <emscripten/html5.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace roster::web {

class ConsoleApp {
 public:
  bool start();
  void frame();
  void destroy();

  std::string state_json();
  void navigate(const std::string& route);
  void follow_location(const std::string& hash);
  void text_input(const char* utf8);
  void scroll_to_row(std::int64_t row);
  void set_theme(bool dark);
  void wake() { dirty_frames_ = 3; }
  // Runs a frame as soon as the current event handler returns (a microtask) rather than at the next
  // animation frame: typed text and arrived answers reach the screen sooner. Coalesced.
  void prompt_frame();
  void run_prompted_frame();  // the posted message's arrival
  // Runs a frame at `at_ms` (a throttled search, a retry, the progress line): a timer, not frames
  // drawn while waiting. The earliest pending wake is kept; a later one is not scheduled twice.
  void wake_at(double at_ms);
  void schedule_wake(std::int64_t now);  // a wake for whatever the store has due next
  // The host's "rows" event: once per query (list generation), in the task of the frame that first
  // drew its rows (or its empty state).
  void report_rows_shown();
  // CPU milliseconds of the drawn frames since the last call: {count, p50, p95, max} as JSON.
  std::string take_frame_stats();

 private:
  void fit_canvas();
  void rebuild_theme();
  void sync_text_input();
  void flush_store_outputs(double now);

  FetchTransport transport_;
  std::unique_ptr<api::ApiClient> client_;
  std::unique_ptr<store::Store> store_;
  ui::Theme theme_;
  ui::ShellView shell_;
  ui::Layout layout_;
  Input input_;
  Renderer renderer_;
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl_ = 0;
  std::string canvas_, text_field_;
  int width_ = 0, height_ = 0;
  double ratio_ = 0;
  bool dark_ = false, theme_dirty_ = true, kiosk_ = false;
  int dirty_frames_ = 3, frames_drawn_ = 0;
  double last_frame_ms_ = 0, last_blink_ms_ = 0, last_draw_ms_ = 0;
  static constexpr double kMaxDrawWaitMs = 100;  // a GPU that never answers must not stop the drawing
  bool text_active_ = false;
  bool running_ = false;
  bool prompt_pending_ = false;
  bool in_prompted_frame_ = false;
  double wake_timer_at_ = -1;
  // Replacing the URL costs the browser a style pass and a favicon reload (about 10 ms here): while
  // typing, the address follows once the text has rested. Pushes (navigation) are written at once.
  static constexpr double kLocationSettleMs = 300;
  std::optional<std::string> pending_hash_;
  double pending_hash_at_ = 0;
  std::uint64_t rows_shown_generation_ = 0;
  // Timers outlive a destroyed console: their callbacks run only for the console still alive.
  static ConsoleApp* live_;
  static void run_if_live(void* self);
  std::vector<double> frame_ms_;  // CPU time of each frame run (not of those held for the GPU)
};

}  // namespace roster::web
