// The web entry point: a WebGL2 context on the page's canvas, sized in device pixels, Dear ImGui
// with Noto Sans built at the device pixel ratio, and a main loop that draws only when something
// changed. For now it shows the console's frame with a placeholder; the console views come next.
#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include "imgui.h"
#include "imgui_impl_opengl3.h"

#include <cmath>

namespace {

EMSCRIPTEN_WEBGL_CONTEXT_HANDLE g_context = 0;
double g_pixel_ratio = 1.0;
int g_width = 0, g_height = 0;  // device pixels
int g_dirty_frames = 3;         // frames still to draw; 0 means idle (no WebGL calls at all)
int g_frames_drawn = 0;
ImFont* g_title_font = nullptr;

// Lets tests and the host page see that frames are drawn, without building JS source from data.
EM_JS(void, report_frames_drawn, (int frames), {
  if (typeof window !== 'undefined') window.rosterFramesDrawn = frames;
});

void build_fonts_and_style() {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  static const ImWchar kRanges[] = {0x0020, 0x024F, 0x0300, 0x036F, 0x0370, 0x03FF, 0x0400, 0x052F,
                                    0x1E00, 0x1EFF, 0x2000, 0x206F, 0x20AC, 0x20AC, 0x2190, 0x21FF, 0};
  ImFontConfig config;
  config.OversampleH = 1;  // the atlas is already at device resolution
  io.Fonts->AddFontFromFileTTF("/fonts/NotoSans-Regular.ttf", std::round(15.0 * g_pixel_ratio), &config, kRanges);
  g_title_font = io.Fonts->AddFontFromFileTTF("/fonts/NotoSans-Bold.ttf", std::round(22.0 * g_pixel_ratio), &config, kRanges);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();

  ImGuiStyle style;  // rebuilt from defaults, then scaled, so repeated changes do not compound
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0xF6 / 255.f, 0xF7 / 255.f, 0xF9 / 255.f, 1);
  style.Colors[ImGuiCol_Text] = ImVec4(0x1D / 255.f, 0x23 / 255.f, 0x2B / 255.f, 1);
  style.ScaleAllSizes(static_cast<float>(g_pixel_ratio));
  ImGui::GetStyle() = style;
}

void fit_canvas() {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  double ratio = emscripten_get_device_pixel_ratio();
  int w = static_cast<int>(std::lround(css_w * ratio)), h = static_cast<int>(std::lround(css_h * ratio));
  if (w == g_width && h == g_height && ratio == g_pixel_ratio) return;
  bool ratio_changed = ratio != g_pixel_ratio;
  g_width = w;
  g_height = h;
  g_pixel_ratio = ratio;
  emscripten_set_canvas_element_size("#canvas", w, h);
  if (ratio_changed) build_fonts_and_style();
  g_dirty_frames = 3;
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
  g_dirty_frames = 3;
  return EM_FALSE;
}

void draw_placeholder() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 0));
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin("Roster", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  const float unit = ImGui::GetFontSize();
  // The window's own draw list is clipped inside its padding; the bar spans the whole width.
  ImDrawList* draw = ImGui::GetBackgroundDrawList();
  // Top bar: white surface with a bottom border, as in UI.md.
  draw->AddRectFilled(vp->Pos, ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + 3.5f * unit), IM_COL32(255, 255, 255, 255));
  draw->AddLine(ImVec2(vp->Pos.x, vp->Pos.y + 3.5f * unit), ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + 3.5f * unit),
                IM_COL32(0xE3, 0xE6, 0xEA, 255));
  ImGui::SetCursorPos(ImVec2(1.5f * unit, 0.9f * unit));
  ImGui::PushFont(g_title_font);
  ImGui::TextColored(ImVec4(0x1F / 255.f, 0xA3 / 255.f, 0x7A / 255.f, 1), "Roster");
  ImGui::PopFont();
  ImGui::SetCursorPos(ImVec2(1.5f * unit, 5 * unit));
  ImGui::PushFont(g_title_font);
  ImGui::TextUnformatted("Users");
  ImGui::PopFont();
  ImGui::SetCursorPosX(1.5f * unit);
  ImGui::TextColored(ImVec4(0x6A / 255.f, 0x73 / 255.f, 0x80 / 255.f, 1),
                     "Користувачі · Χρήστες · Użytkownicy — the console is being built.");
  ImGui::End();
  ImGui::PopStyleColor();
}

void frame() {
  fit_canvas();
  if (g_dirty_frames == 0) return;  // idle: no NewFrame, no draw calls
  --g_dirty_frames;
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(g_width), static_cast<float>(g_height));
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  draw_placeholder();
  ImGui::Render();
  glViewport(0, 0, g_width, g_height);
  glClearColor(0xF6 / 255.f, 0xF7 / 255.f, 0xF9 / 255.f, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  report_frames_drawn(++g_frames_drawn);
}

}  // namespace

int main() {
  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.alpha = EM_FALSE;
  attrs.antialias = EM_FALSE;
  g_context = emscripten_webgl_create_context("#canvas", &attrs);
  if (g_context <= 0) {
    EM_ASM({ console.error('Roster: WebGL2 is not available'); });
    return 1;
  }
  emscripten_webgl_make_context_current(g_context);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui_ImplOpenGL3_Init("#version 300 es");
  g_pixel_ratio = 0;  // forces fonts and style on the first fit
  fit_canvas();
  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_resize);
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
