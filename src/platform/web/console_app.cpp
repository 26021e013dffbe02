#include "platform/web/console_app.h"

#include "imgui.h"
#include "imgui_internal.h"  // to tell when ImGui has settled (idle frames)
#include "platform/web/js_bridge.h"

#include <nlohmann/json.hpp>

#include <GLES3/gl3.h>
#include <emscripten.h>

#include <algorithm>
#include <cmath>

namespace roster::web {

namespace {

ImGuiPlatformImeData g_ime;  // where ImGui's caret is, for the hidden text field

void remember_ime(ImGuiViewport*, ImGuiPlatformImeData* data) { g_ime = *data; }

// ImGui settles some things over the following frames (keyboard focus requests, activation, the text
// input flag): keep drawing until it has, or an idle console could stop one frame short.
bool imgui_still_settling() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  bool want_text_next = g.WantTextInputNextFrame != -1 && (g.WantTextInputNextFrame != 0) != g.IO.WantTextInput;
  return want_text_next || g.NavMoveSubmitted || g.NavNextActivateId != 0 || g.NavActivateId != 0 ||
         (g.ActiveId != 0 && g.IO.MouseDown[0]);
}

}  // namespace

ConsoleApp* ConsoleApp::live_ = nullptr;

void ConsoleApp::run_if_live(void* self) {
  if (self == live_) live_->frame();
}

bool ConsoleApp::start() {
  canvas_ = config_string("canvasSelector");
  text_field_ = config_string("textFieldSelector");
  if (canvas_.empty()) canvas_ = "#canvas";
  kiosk_ = config_flag("kiosk");
  dark_ = config_flag("dark");

  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.alpha = EM_FALSE;
  attrs.antialias = EM_FALSE;
  attrs.premultipliedAlpha = EM_FALSE;
  attrs.preserveDrawingBuffer = EM_TRUE;  // frames redraw only their damaged bands
  gl_ = emscripten_webgl_create_context(canvas_.c_str(), &attrs);
  if (gl_ <= 0) {
    emit_event("error", "{\"message\":\"WebGL 2 is not available in this browser.\"}");
    return false;
  }
  emscripten_webgl_make_context_current(gl_);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // table layouts persist in localStorage instead
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  io.SetClipboardTextFn = [](void*, const char* text) { copy_to_clipboard(text); };
  // Pasting comes from the browser's paste event as text; ImGui's own paste would insert twice.
  io.GetClipboardTextFn = [](void*) -> const char* { return ""; };
  io.SetPlatformImeDataFn = remember_ime;
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
  auto layout = storage_get("roster.layout");
  if (!layout.empty()) ImGui::LoadIniSettingsFromMemory(layout.c_str(), layout.size());
  if (!renderer_.init()) {
    emit_event("error", "{\"message\":\"The console could not set up WebGL drawing.\"}");
    return false;
  }
  input_.install(canvas_, text_field_);
  input_.set_on_urgent([this] { prompt_frame(); });

  transport_.set_on_complete([this] { prompt_frame(); });
  client_ = std::make_unique<api::ApiClient>(transport_, config_string("apiBase"));
  auto token = config_string("token");
  if (!token.empty()) client_->set_bearer(token);
  store_ = std::make_unique<store::Store>(*client_);
  store_->start(store::parse_route(config_string("route")), token.empty(), now_ms());
  // The font atlas takes 100-200 ms to rasterize here: build it while the first requests are out,
  // not in the first frame after they come back.
  fit_canvas();
  rebuild_theme();
  running_ = true;
  live_ = this;
  return true;
}

void ConsoleApp::destroy() {
  if (!running_) return;
  running_ = false;
  if (live_ == this) live_ = nullptr;
  input_.uninstall();
  emscripten_webgl_make_context_current(gl_);
  renderer_.shutdown();
  ImGui::DestroyContext();
  emscripten_webgl_destroy_context(gl_);
}

void ConsoleApp::fit_canvas() {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size(canvas_.c_str(), &css_w, &css_h);
  double ratio = device_pixel_ratio();
  int w = static_cast<int>(std::lround(css_w * ratio)), h = static_cast<int>(std::lround(css_h * ratio));
  if (w == width_ && h == height_ && ratio == ratio_) return;
  if (ratio != ratio_) theme_dirty_ = true;  // zoom or another screen: fonts are rebuilt at the new ratio
  width_ = std::max(1, w);
  height_ = std::max(1, h);
  ratio_ = ratio;
  input_.set_pixel_ratio(static_cast<float>(ratio));
  emscripten_set_canvas_element_size(canvas_.c_str(), width_, height_);
  dirty_frames_ = 3;
}

void ConsoleApp::rebuild_theme() {
  ui::build_theme(theme_, static_cast<float>(ratio_), dark_, "/fonts");
  renderer_.upload_fonts();
  theme_dirty_ = false;
  dirty_frames_ = 3;
}

void ConsoleApp::set_theme(bool dark) {
  if (dark == dark_) return;
  dark_ = dark;
  theme_dirty_ = true;
}

void ConsoleApp::sync_text_input() {
  bool want = ImGui::GetIO().WantTextInput;
  if (want == text_active_ && !want) return;
  text_active_ = want;
  float r = static_cast<float>(ratio_);
  set_text_input(want, g_ime.InputPos.x / r, g_ime.InputPos.y / r, g_ime.InputLineHeight / r);
}

void ConsoleApp::flush_store_outputs(double now) {
  if (auto h = store_->take_history()) {
    if (h->push) {
      // The entry being left keeps its latest state (a search typed just before opening a user).
      if (pending_hash_) update_location(*pending_hash_, false);
      pending_hash_.reset();
      update_location(h->hash, true);
    } else {
      pending_hash_ = h->hash;
      pending_hash_at_ = now + kLocationSettleMs;
      wake_at(pending_hash_at_);
    }
  }
  if (pending_hash_ && now >= pending_hash_at_) {
    update_location(*pending_hash_, false);
    pending_hash_.reset();
  }
  for (const auto& e : store_->take_events()) emit_event(e.name, e.json);
}

void ConsoleApp::frame() {
  if (!running_) return;
  double now = now_ms();
  auto now_i = static_cast<std::int64_t>(now);
  // A frame's CPU time counts everything it does: answers applied (JSON decoded), ImGui, drawing.
  const double cpu_start = emscripten_get_now();
  fit_canvas();
  if (theme_dirty_) rebuild_theme();
  bool active = input_.take_activity();
  int delivered = transport_.deliver();
  store_->tick(now_i);
  if (shell_.take_theme_toggle()) {
    set_theme(!dark_);
    rebuild_theme();
  }
  bool changed = store_->take_changed();
  if (active || delivered > 0 || changed) dirty_frames_ = std::max(dirty_frames_, 3);
  // The progress line moves while it shows; anything else due later (a throttled search, a retry, the
  // toast's end) wakes the console by timer.
  if (store_->progress_visible(now_i)) dirty_frames_ = std::max(dirty_frames_, 1);
  // The caret blinks twice a second while a text field is active; nothing else runs then.
  if (text_active_ && now - last_blink_ms_ >= 500) {
    last_blink_ms_ = now;
    dirty_frames_ = std::max(dirty_frames_, 1);
  }
  flush_store_outputs(now);
  if (dirty_frames_ == 0) {  // idle: no ImGui frame, no WebGL calls
    schedule_wake(now_i);
    return;
  }
  --dirty_frames_;

  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
  io.DeltaTime = static_cast<float>(std::clamp((now - last_frame_ms_) / 1000.0, 0.001, 0.1));
  last_frame_ms_ = now;
  ImGui::NewFrame();
  layout_.rects.clear();
  ui::UiContext ctx{*store_, theme_, now_i, local_utc_offset_minutes(), kiosk_, &layout_};
  shell_.draw(ctx);
  ImGui::Render();
  // Only what changed is drawn; a frame identical to the canvas (the settling frames after a change,
  // mostly) makes no GL call at all. While the GPU is still busy with the last frame drawn, an
  // animation frame (scrolling, dragging) is drawn on a later one instead, its picture then being
  // the newest anyway; a prompted frame (a key, a click, an answer) is drawn at once.
  if (!in_prompted_frame_ && renderer_.gpu_behind() && now - last_draw_ms_ < kMaxDrawWaitMs) {
    dirty_frames_ = std::max(dirty_frames_, 1);
  } else {
    if (renderer_.render(ImGui::GetDrawData(), width_, height_, ui::to_vec4(theme_.colors.background))) {
      last_draw_ms_ = now;
      report_frames_drawn(++frames_drawn_);
    }
    report_rows_shown();
    if (frame_ms_.size() < 100000) frame_ms_.push_back(emscripten_get_now() - cpu_start);
  }

  input_.apply_cursor();
  sync_text_input();
  if (imgui_still_settling()) dirty_frames_ = std::max(dirty_frames_, 1);
  if (io.WantSaveIniSettings) {
    storage_set("roster.layout", ImGui::SaveIniSettingsToMemory());
    io.WantSaveIniSettings = false;
  }
  flush_store_outputs(now);
  schedule_wake(now_i);  // after the views ran: typing may have just set a throttled search
}

void ConsoleApp::report_rows_shown() {
  if (store_->route().screen != store::Screen::Users) return;
  auto& users = store_->users();
  if (users.generation() == rows_shown_generation_ || !users.answered()) return;
  const auto& table = shell_.users().table();
  if (*users.total() > 0 && !users.row(table.first_visible())) return;  // still placeholders
  rows_shown_generation_ = users.generation();
  emit_event("rows", nlohmann::json{{"query", users.query().text}, {"totalElements", *users.total()}}.dump());
}

void ConsoleApp::schedule_wake(std::int64_t now) {
  if (auto at = store_->next_wake_at(now); at >= 0) wake_at(static_cast<double>(at));
}

void ConsoleApp::prompt_frame() {
  if (prompt_pending_ || !running_) return;
  prompt_pending_ = true;
  post_prompt();
}

void ConsoleApp::run_prompted_frame() {
  prompt_pending_ = false;
  in_prompted_frame_ = true;
  frame();
  in_prompted_frame_ = false;
}

void ConsoleApp::wake_at(double at_ms) {
  double now = now_ms();
  if (wake_timer_at_ > now && wake_timer_at_ <= at_ms) return;  // an earlier wake is already set
  wake_timer_at_ = at_ms;
  emscripten_async_call(run_if_live, this, static_cast<int>(std::max(0.0, std::ceil(at_ms - now))));
}

std::string ConsoleApp::take_frame_stats() {
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

std::string ConsoleApp::state_json() {
  if (!store_) return "{}";
  auto& table = shell_.users().table();
  auto state = store_->state(table.first_visible(), table.last_visible());
  // Where things are, in CSS pixels relative to the canvas: what tests and host pages click on.
  nlohmann::json layout = nlohmann::json::object();
  double r = ratio_ > 0 ? ratio_ : 1.0;
  for (const auto& [name, rect] : layout_.rects)
    layout[name] = {{"x", rect.x0 / r},
                    {"y", rect.y0 / r},
                    {"width", (rect.x1 - rect.x0) / r},
                    {"height", (rect.y1 - rect.y0) / r}};
  state["layout"] = std::move(layout);
  state["framesDrawn"] = frames_drawn_;
  state["theme"] = dark_ ? "dark" : "light";
  return state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void ConsoleApp::navigate(const std::string& route) {
  if (!store_) return;
  store_->navigate(store::parse_route(route), true, static_cast<std::int64_t>(now_ms()));
  wake();
}

void ConsoleApp::follow_location(const std::string& hash) {
  if (!store_) return;
  store_->follow_location(hash, static_cast<std::int64_t>(now_ms()));
  wake();
}

void ConsoleApp::text_input(const char* utf8) {
  input_.add_text(utf8);
  prompt_frame();
}

void ConsoleApp::scroll_to_row(std::int64_t row) {
  shell_.users().table().scroll_to(row);
  wake();
}

}  // namespace roster::web
