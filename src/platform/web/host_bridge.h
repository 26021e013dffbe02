// What the host page sees of a console, apart from its pixels: the URL hash kept in step with the
// route, the store's events and the "rows" event, the state() report with the layout of the controls,
// and the frame statistics. The frame loop (console_app.h) calls it after each frame; the exported
// functions (main.cpp) read from it.
#pragma once

#include "store/store.h"
#include "ui/ui_context.h"
#include "ui/users_table.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roster::platform::web {

// What draws the console, for state(): tests and the page see which renderer took over and why.
struct DrawingState {
  const char* renderer = "webgl";  // "webgl" or "software"
  std::string reason;              // why software draws, in words; empty for WebGL
  std::string webgl_name;          // the GPU or software GL behind WebGL, when there was a context
  bool context_lost = false;       // lost and waiting to be restored
  int context_losses = 0;          // in the last few minutes
};

class HostBridge {
 public:
  // Writes the history update and hands the store's events to the page. Returns when a replaced
  // URL is due to be written (the platform sets a timer), or -1.
  double flush(store::Store& store, double now);
  // Back/Forward (or a typed address) moved the browser to another entry: a replace still waiting
  // belonged to the entry left, and must not be written over the new one.
  void location_followed();
  // The host's "rows" event: once per query (list generation), in the task of the frame that first
  // drew its rows (or its empty state).
  void report_rows_shown(const store::Store& store, const ui::UsersTable& table);
  std::string state_json(const store::Store& store, const ui::UsersTable& table, const ui::Layout& layout,
                         double pixel_ratio, int frames_drawn, bool dark, const ui::Preferences& prefs,
                         bool fonts_baked, const DrawingState& drawing) const;

  void record_frame_ms(double ms) {
    // Bounded: a kiosk runs for weeks and nobody takes its statistics (20,000 frames, 160 KB).
    if (frame_ms_.size() < 20000) frame_ms_.push_back(ms);
  }
  // CPU milliseconds of the drawn frames since the last call: {count, p50, p95, max} as JSON.
  std::string take_frame_stats();

 private:
  // Replacing the URL costs the browser a style pass and a favicon reload (about 10 ms here): while
  // typing, the address follows once the text has rested. Pushes (navigation) are written at once.
  static constexpr double kLocationSettleMs = 300;
  std::optional<std::string> pending_hash_;
  double pending_hash_at_ = 0;
  std::uint64_t rows_shown_generation_ = 0;
  std::vector<double> frame_ms_;  // CPU time of each frame run (not of those held for the GPU)
};

}  // namespace roster::platform::web
