#include "platform/web/host_bridge.h"

#include "platform/renderer_choice.h"
#include "platform/web/js_bridge.h"
#include "store/state_report.h"

#include <emscripten/heap.h>
#include <malloc.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>

namespace roster::platform::web {

double HostBridge::flush(store::Store& store, double now) {
  if (auto h = store.take_history()) {
    if (h->settle) {
      pending_hash_ = h->hash;
      pending_hash_at_ = now + kLocationSettleMs;
    } else {
      // The entry being left keeps its latest state (a search typed just before opening a user).
      if (pending_hash_ && h->push) update_location(*pending_hash_, false);
      pending_hash_.reset();
      update_location(h->hash, h->push);
    }
  }
  if (pending_hash_ && now >= pending_hash_at_) {
    update_location(*pending_hash_, false);
    pending_hash_.reset();
  }
  for (const auto& e : store.take_events()) emit_event(e.name, e.json);
  return pending_hash_ ? pending_hash_at_ : -1;
}

void HostBridge::location_followed() { pending_hash_.reset(); }

void HostBridge::report_rows_shown(const store::Store& store, const ui::UsersTable& table) {
  if (store.route().screen != store::Screen::Users) return;
  const auto& users = store.users();
  if (users.generation() == rows_shown_generation_ || !users.answered()) return;
  if (*users.total() > 0 && !users.row(table.first_visible())) return;  // still placeholders
  rows_shown_generation_ = users.generation();
  emit_event("rows", nlohmann::json{{"query", users.query().text}, {"totalElements", *users.total()}}.dump());
}

std::string HostBridge::state_json(const store::Store& store, const ui::UsersTable& table, const ui::Layout& layout,
                                   double pixel_ratio, int frames_drawn, bool dark, const ui::Preferences& prefs,
                                   bool fonts_baked, const DrawingState& drawing) const {
  auto state = store::state_report(store, table.first_visible(), table.last_visible());
  // Where things are, in CSS pixels relative to the canvas: what tests and host pages click on.
  nlohmann::json rects = nlohmann::json::object();
  double r = pixel_ratio > 0 ? pixel_ratio : 1.0;
  for (const auto& [name, rect] : layout.rects)
    rects[name] = {{"x", rect.x0 / r},
                   {"y", rect.y0 / r},
                   {"width", (rect.x1 - rect.x0) / r},
                   {"height", (rect.y1 - rect.y0) / r}};
  state["layout"] = std::move(rects);
  state["framesDrawn"] = frames_drawn;
  // The WebAssembly heap: bytes in use by malloc, and the memory's size (it only grows): the kiosk's
  // soak benchmark watches both over days' worth of refreshes.
  const struct mallinfo heap = mallinfo();
  state["wasmHeap"] = {{"used", static_cast<std::uint64_t>(heap.uordblks)},
                       {"size", static_cast<std::uint64_t>(emscripten_get_heap_size())}};
  state["theme"] = dark ? "dark" : "light";
  // What the page's media queries said, as the palette honours it (roster-embed.js passes them on).
  state["preferences"] = {{"moreContrast", prefs.more_contrast},
                          {"forcedColors", prefs.forced_colors},
                          {"reducedMotion", prefs.reduced_motion}};
  state["fontAtlas"] = fonts_baked ? "baked" : "rasterized";  // tests: the build's snapshot was used
  state["renderer"] = drawing.renderer;
  state["rendererReason"] = drawing.reason;
  state["webglRenderer"] = drawing.webgl_name;
  state["webglSoftware"] = platform::is_software_gl(drawing.webgl_name);
  state["contextLost"] = drawing.context_lost;
  state["contextLosses"] = drawing.context_losses;
  return state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string HostBridge::take_frame_stats() {
  std::vector<double> ms;
  ms.swap(frame_ms_);
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))];
  };
  return nlohmann::json{
      {"count", ms.size()}, {"p50", at(0.5)}, {"p95", at(0.95)}, {"max", ms.empty() ? 0.0 : ms.back()}}
      .dump();
}

}  // namespace roster::platform::web
