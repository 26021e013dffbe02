#include "platform/web/console_app.h"

#include "imgui.h"
#include "platform/kiosk_scale.h"
#include "platform/renderer_choice.h"
#include "platform/web/js_bridge.h"

#include <nlohmann/json.hpp>

#include <GLES3/gl3.h>
#include <emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace roster::platform::web {

namespace {

ImGuiPlatformImeData g_ime;  // where ImGui's caret is, for the hidden text field

void remember_ime(ImGuiViewport*, ImGuiPlatformImeData* data) { g_ime = *data; }

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
  mirror_ = !config_flag("noMirror");
  dark_ = config_flag("dark");
  theme_.prefs.more_contrast = config_flag("moreContrast");
  theme_.prefs.forced_colors = config_flag("forcedColors");
  theme_.prefs.reduced_motion = config_flag("reducedMotion");

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // table layouts persist in localStorage instead
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  io.SetClipboardTextFn = [](void*, const char* text) { copy_to_clipboard(text); };
  // The page cannot read the clipboard; a paste brings its text with the browser's paste event, and
  // ImGui's own paste (Ctrl+V, Shift+Insert) reads that text (Input::paste).
  io.ClipboardUserData = &input_;
  io.GetClipboardTextFn = [](void* input) -> const char* { return static_cast<Input*>(input)->pasted(); };
  io.SetPlatformImeDataFn = remember_ime;
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
  auto layout = storage_get("roster.layout");
  if (!layout.empty()) ImGui::LoadIniSettingsFromMemory(layout.c_str(), layout.size());
  choose_drawing(config_string("renderer"));
  input_.install(canvas_, text_field_);
  input_.set_on_urgent([this] { prompt_frame(); });
  input_.set_on_tab([this](bool backward) {
    if (!shell_.focus_chain().tab_leaves(backward)) return false;
    shell_.focus_chain().leave();
    return true;
  });

  transport_.set_on_complete([this] { prompt_frame(); });
  http_ = std::make_unique<api::ApiClient>(transport_, config_string("apiBase"));
  auto token = config_string("token");
  if (!token.empty()) http_->set_bearer(token);
  client_ = std::make_unique<api::PlatformClient>(*http_);
  store_ = std::make_unique<store::Store>(*client_);
  std::vector<std::string> languages;  // navigator.languages, best first, joined by commas
  for (std::string rest = config_string("languages"); !rest.empty();) {
    const auto comma = rest.find(',');
    languages.push_back(rest.substr(0, comma));
    rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
  }
  store_->set_language_preferences(config_string("locale"), std::move(languages));
  frame_ = std::make_unique<platform::ConsoleFrame>(transport_, *store_, shell_);
  input_.set_queue(&frame_->input());
  if (kiosk_) {
    // Read-only, unattended: the configured routes in turn, no session, no sign-out.
    const std::string options = config_string("kioskConfig");
    store::KioskConfig kiosk = store::parse_kiosk_config(options);
    if (kiosk.routes.empty()) kiosk.routes.push_back(store::parse_route(config_string("route")));
    kiosk_scale_ = platform::kiosk_type_scale(options);  // presentation: the theme's, not the store's
    store_->start(kiosk.routes.front(), token.empty(), now_ms());
    store_->start_kiosk(std::move(kiosk), static_cast<std::int64_t>(now_ms()));
  } else {
    store_->start(store::parse_route(config_string("route")), token.empty(), now_ms());
  }
  // The font atlas: installed from the snapshot the page fetched while the module downloaded, or,
  // at a ratio the build did not bake (a kiosk's larger type included), rasterized (100-200 ms here)
  // while the first requests are out rather than in the first frame after they come back.
  font_atlas_snapshot_ = take_font_atlas_snapshot();
  fit_canvas();
  rebuild_theme();
  running_ = true;
  live_ = this;
  return true;
}

bool ConsoleApp::start_webgl() {
  // The first console's canvas comes with this context already created by roster-embed.js (preload),
  // with these attributes: keep the two in step.
  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  // Emscripten would otherwise ask for every extension the browser offers, each taking 3-100 ms under
  // software rendering; the renderer uses WebGL 2 core only.
  attrs.enableExtensionsByDefault = EM_FALSE;
  attrs.alpha = EM_FALSE;
  attrs.antialias = EM_FALSE;
  attrs.premultipliedAlpha = EM_FALSE;
  attrs.preserveDrawingBuffer = EM_TRUE;  // frames redraw only their damaged bands
  gl_ = emscripten_webgl_create_context(canvas_.c_str(), &attrs);
  if (gl_ <= 0) return false;
  emscripten_webgl_make_context_current(gl_);
  return renderer_.init();
}

void ConsoleApp::choose_drawing(const std::string& choice) {
  const bool webgl = choice != "software" && start_webgl();
  if (webgl) webgl_name_ = webgl_renderer_name();
  const platform::RendererChoice chosen = platform::choose_renderer(choice, webgl);
  if (chosen.software) return use_software(chosen.reason);
  drawing_ = Drawing::WebGL;
  show_renderer("webgl");
  watch_context();
}

void ConsoleApp::use_software(const std::string& why) {
  if (drawing_ == Drawing::WebGL && gl_ > 0) {
    emscripten_set_webglcontextlost_callback(canvas_.c_str(), nullptr, EM_FALSE, nullptr);
    emscripten_set_webglcontextrestored_callback(canvas_.c_str(), nullptr, EM_FALSE, nullptr);
    if (!context_lost_) {
      renderer_.shutdown();
      release_webgl();  // after the callbacks went: this loss is ours
    }
  }
  drawing_ = Drawing::Software;
  drawing_reason_ = why;
  context_lost_ = false;
  show_renderer("software");
  software_.invalidate();
  theme_dirty_ = true;  // the atlas's pixels, for the raster's own copy
  if (frame_) frame_->wake();
  std::fprintf(stderr, "Roster: %s\n", why.c_str());
}

void ConsoleApp::watch_context() {
  emscripten_set_webglcontextlost_callback(canvas_.c_str(), this, EM_FALSE, on_context_lost);
  emscripten_set_webglcontextrestored_callback(canvas_.c_str(), this, EM_FALSE, on_context_restored);
}

EM_BOOL ConsoleApp::on_context_lost(int, const void*, void* self) {
  auto* app = static_cast<ConsoleApp*>(self);
  if (app != live_ || app->drawing_ != Drawing::WebGL) return EM_TRUE;
  const double now = now_ms();
  app->context_lost_ = true;
  app->lost_at_ms_ = now;
  auto& losses = app->losses_ms_;
  losses.erase(std::remove_if(losses.begin(), losses.end(), [&](double at) { return now - at > kLossWindowMs; }),
               losses.end());
  losses.push_back(now);
  app->renderer_.forget_context();
  // The store, the network and the frames go on; only drawing waits for the context to come back.
  app->wake_at(now + kRestoreWaitMs);
  return EM_TRUE;  // preventDefault: without it the browser never restores the context
}

EM_BOOL ConsoleApp::on_context_restored(int, const void*, void* self) {
  auto* app = static_cast<ConsoleApp*>(self);
  if (app == live_ && app->drawing_ == Drawing::WebGL && app->context_lost_) app->context_restored();
  return EM_TRUE;
}

void ConsoleApp::context_restored() {
  context_lost_ = false;
  if (static_cast<int>(losses_ms_.size()) >= kLossesForSoftware)
    return use_software("The WebGL context was lost " + std::to_string(losses_ms_.size()) +
                        " times in a few minutes: drawn in software from now on.");
  emscripten_webgl_make_context_current(gl_);
  if (!renderer_.init()) return use_software("WebGL could not be set up again after the context was restored.");
  theme_dirty_ = true;  // the font texture is uploaded again with the atlas
  prompt_frame();
}

void ConsoleApp::check_lost_context(double now) {
  if (!context_lost_ || now - lost_at_ms_ < kRestoreWaitMs) return;
  use_software("The WebGL context was lost and not restored: drawn in software from now on.");
}

void ConsoleApp::destroy() {
  if (!running_) return;
  running_ = false;
  if (live_ == this) live_ = nullptr;
  input_.uninstall();
  if (drawing_ == Drawing::WebGL && gl_ > 0) {
    emscripten_set_webglcontextlost_callback(canvas_.c_str(), nullptr, EM_FALSE, nullptr);
    emscripten_set_webglcontextrestored_callback(canvas_.c_str(), nullptr, EM_FALSE, nullptr);
    emscripten_webgl_make_context_current(gl_);
    renderer_.shutdown();
  }
  ImGui::DestroyContext();
  if (gl_ > 0) emscripten_webgl_destroy_context(gl_);
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
  // Setting a canvas's size, even to the size it has, reallocates its drawing buffer and waits for
  // the GPU process: roster-embed.js sizes the canvas before the module starts, so usually it fits.
  int buffer_w = 0, buffer_h = 0;
  emscripten_get_canvas_element_size(canvas_.c_str(), &buffer_w, &buffer_h);
  if (buffer_w != width_ || buffer_h != height_) emscripten_set_canvas_element_size(canvas_.c_str(), width_, height_);
  if (frame_) frame_->wake();
}

void ConsoleApp::rebuild_theme() {
  fonts_baked_ =
      ui::build_theme(theme_, static_cast<float>(ratio_) * kiosk_scale_, dark_, "/fonts", &font_atlas_snapshot_);
  if (drawing_ == Drawing::Software)
    software_.upload_fonts();
  else
    renderer_.upload_fonts();
  theme_dirty_ = false;
  if (frame_) frame_->wake();
}

void ConsoleApp::set_theme(bool dark) {
  if (dark == dark_) return;
  dark_ = dark;
  theme_dirty_ = true;
}

void ConsoleApp::set_preferences(const ui::Preferences& prefs) {
  if (theme_.prefs == prefs) return;
  theme_.prefs = prefs;
  theme_dirty_ = true;
}

void ConsoleApp::focus_enter(bool backward) {
  shell_.focus_chain().enter(backward);
  input_.note_urgent();
}

void ConsoleApp::focus_leave() {
  shell_.focus_chain().leave();
  input_.note_activity();
}

void ConsoleApp::sync_text_input() {
  bool want = ImGui::GetIO().WantTextInput;
  if (want == text_active_ && !want) return;
  text_active_ = want;
  float r = static_cast<float>(ratio_);
  set_text_input(want, g_ime.InputPos.x / r, g_ime.InputPos.y / r, g_ime.InputLineHeight / r);
}

void ConsoleApp::flush_to_host(double now) {
  double due = host_.flush(*store_, now);
  if (due >= 0) wake_at(due);
}

void ConsoleApp::frame() {
  if (!running_) return;
  double now = now_ms();
  auto now_i = static_cast<std::int64_t>(now);
  // A frame's CPU time counts everything it does: answers applied (JSON decoded), ImGui, drawing.
  const double cpu_start = emscripten_get_now();
  fit_canvas();
  check_lost_context(now);
  // While the context is lost the atlas waits: uploading it now would go nowhere and drop its pixels.
  if (theme_dirty_ && !context_lost_) rebuild_theme();
  if (shell_.take_theme_toggle()) {
    set_theme(!dark_);
    rebuild_theme();
  }
  bool draw = frame_->prepare(now_i, input_.take_activity(), text_active_);
  flush_to_host(now);
  if (draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
    io.DeltaTime = static_cast<float>(std::clamp((now - last_frame_ms_) / 1000.0, 0.001, 0.1));
    last_frame_ms_ = now;
    frame_->draw(theme_, now_i, utc_offset_at, kiosk_, &layout_, mirror_ ? &a11y_tree_ : nullptr);
    render(now, cpu_start);
    // The mirror after the picture. A frame prompted by a key, a click or an answer is one somebody
    // waits for, and so is the next one (that key's answer), and so are the frames between them
    // (ImGui's settling frames, a spinner's): for a while after a prompted frame, the mirror's update
    // waits for the browser's idle time, so none of them waits behind it. A scrolling or animation
    // frame's update is made at once otherwise: scrolling leaves little idle time, and an update held
    // back grows and then runs while SwiftShader draws (a wheel step's p95 went from 1.5 to 6 ms when
    // every update waited for idle time, and to 5.5-6.5 ms in a task right after each scrolling frame).
    if (mirror_) {
      a11y_due_ = true;
      if (in_prompted_frame_) a11y_hold_until_ = now + kA11yHoldMs;
      if (now < a11y_hold_until_)
        request_a11y_flush();
      else
        flush_a11y();
    }
    input_.apply_cursor();
    sync_text_input();
    if (io.WantSaveIniSettings) {
      storage_set("roster.layout", ImGui::SaveIniSettingsToMemory());
      io.WantSaveIniSettings = false;
    }
    flush_to_host(now);
  }
  // After the views ran: typing may have just set a throttled search.
  if (auto at = store_->next_wake_at(now_i); at >= 0) wake_at(static_cast<double>(at));
}

void ConsoleApp::render(double now, double cpu_start) {
  if (drawing_ == Drawing::Software) {
    if (software_.render(ImGui::GetDrawData(), width_, height_, ui::to_vec4(theme_.colors.background)))
      report_frames_drawn(++frames_drawn_);
    host_.report_rows_shown(*store_, shell_.users().table());
    host_.record_frame_ms(emscripten_get_now() - cpu_start);
    return;
  }
  if (context_lost_) return;  // nothing can be drawn until it is restored (or software takes over)
  // Only what changed is drawn; a frame identical to the canvas (the settling frames after a change,
  // mostly) makes no GL call at all. While the GPU is still busy with the last frame drawn, an
  // animation frame (scrolling, dragging) is drawn on a later one instead, its picture then being
  // the newest anyway; a prompted frame (a key, a click, an answer) is drawn at once.
  if (!in_prompted_frame_ && renderer_.gpu_behind() && now - last_draw_ms_ < kMaxDrawWaitMs) {
    frame_->keep_drawing();
    return;
  }
  if (renderer_.render(ImGui::GetDrawData(), width_, height_, ui::to_vec4(theme_.colors.background))) {
    last_draw_ms_ = now;
    report_frames_drawn(++frames_drawn_);
  } else if (renderer_.failed() && !drawing_failure_reported_) {
    drawing_failure_reported_ = true;
    emit_event("error", "{\"message\":\"The console could not set up WebGL drawing.\"}");
  }
  host_.report_rows_shown(*store_, shell_.users().table());
  host_.record_frame_ms(emscripten_get_now() - cpu_start);
}

void ConsoleApp::flush_a11y() {
  if (!a11y_due_) return;
  a11y_due_ = false;
  update_a11y();
}

void ConsoleApp::update_a11y() {
  if (!mirror_) return;
  const double start = emscripten_get_now();
  const std::string update = a11y_.update(a11y_tree_);
  if (update.empty())
    note_a11y_unchanged(emscripten_get_now() - start);
  else
    apply_a11y(update, ratio_, emscripten_get_now() - start);
}

void ConsoleApp::a11y_action(const std::string& id, const std::string& action, const std::string& text) {
  if (!store_) return;
  // The node as drawn now: a frame drawn since the mirror was last brought in step (its update waiting
  // for idle time) may have moved it, and a click must land where it is.
  flush_a11y();
  const auto now = static_cast<std::int64_t>(now_ms());
  const ui::A11yNode* node = a11y_.shown().find(id);
  if (!node) return;
  if (action == "text") {
    if (node->set_text) {
      node->set_text(text);  // a field the view owns (a dialog's, the devices search): it takes it next frame
      prompt_frame();
    } else if (node->role == "searchbox") {
      store_->apply(store::intent::SetSearchText{text}, now);  // the users search: the store holds its text
    }
    return wake();
  }
  if (node->intent) {
    store_->apply(*node->intent, now);
    return wake();
  }
  if (!node->clicks) return;
  // The widget's own click: the pointer to its middle, pressed and released (as a tap is).
  auto& input = frame_->input();
  input.pointer((node->x0 + node->x1) * 0.5f, (node->y0 + node->y1) * 0.5f);
  input.button(0, true);
  input.button(0, false);
  wake();
  prompt_frame();
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

std::string ConsoleApp::state_json() {
  if (!store_) return "{}";
  const DrawingState drawing{drawing_ == Drawing::Software ? "software" : "webgl", drawing_reason_, webgl_name_,
                             context_lost_, static_cast<int>(losses_ms_.size())};
  return host_.state_json(*store_, shell_.users().table(), layout_, ratio_, frames_drawn_, dark_, theme_.prefs,
                          fonts_baked_, drawing);
}

void ConsoleApp::wake() {
  if (frame_) frame_->wake();
}

void ConsoleApp::navigate(const std::string& route) {
  if (!store_) return;
  store_->apply(store::intent::Navigate{store::parse_route(route), true}, static_cast<std::int64_t>(now_ms()));
  wake();
}

void ConsoleApp::follow_location(const std::string& hash) {
  if (!store_) return;
  host_.location_followed();
  store_->apply(store::intent::FollowLocation{hash}, static_cast<std::int64_t>(now_ms()));
  wake();
}

void ConsoleApp::text_input(const char* utf8) {
  input_.add_text(utf8);
  prompt_frame();
}

void ConsoleApp::paste(const char* utf8) { input_.paste(utf8); }

void ConsoleApp::scroll_to_row(std::int64_t row) {
  shell_.users().table().scroll_to(row);
  wake();
}

}  // namespace roster::platform::web
