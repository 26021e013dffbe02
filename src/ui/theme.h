// Roster's look (UI.md): colours for the light and dark themes, the fonts (Noto Sans Regular and Bold
// at the sizes the design names, Font Awesome icons merged in), and the ImGui style, all built at the
// device pixel ratio so text stays crisp. Rebuilt between frames when the ratio or theme changes.
#pragma once

#include "imgui.h"

#include <cstdint>
#include <vector>

namespace roster::ui {

struct Palette {
  ImU32 background, surface, border, text, muted, accent, accent_soft, focus, hover, selected, placeholder;
  ImU32 accent_fill;     // the primary button's fill (and the logo's): white text on it reads at 4.5:1
  ImU32 on_fill;         // text on accent_fill and on danger (white, but for forced colours)
  ImU32 control_border;  // the outline that identifies a control (a field, a check box): 3:1 on surfaces
  ImU32 focus_ring;      // the keyboard focus ring: opaque, 3:1 against the surfaces it is drawn on
  ImU32 error, error_soft;
  ImU32 danger;  // the fill of a destructive button: on_fill text on it reads in both themes
  ImU32 green, green_soft, amber, amber_soft, grey, grey_soft, red, red_soft;
};

struct Fonts {
  ImFont* body = nullptr;        // 15 px regular (+ icons)
  ImFont* body_bold = nullptr;   // 15 px bold
  ImFont* small_bold = nullptr;  // 12 px bold: badges
  ImFont* header = nullptr;      // 13 px bold: table headers
  ImFont* title = nullptr;       // 22 px bold: page titles
};

// What the person asked of their system (CSS media features, read by the host page's glue), which the
// theme honours. WCAG 1.4.3, 1.4.11 and 2.3.3; the values come from roster-embed.js.
struct Preferences {
  bool more_contrast = false;   // prefers-contrast: more: a palette with stronger text and borders
  bool forced_colors = false;   // forced-colors: active: the system's few colours (canvas, text, highlight)
  bool reduced_motion = false;  // prefers-reduced-motion: reduce: nothing slides, pulses or scrolls smoothly
  // Under forced colours, the system's own colours as the page resolved them (CSS Canvas, CanvasText,
  // Highlight, HighlightText), 0xRRGGBB; -1 where the page could not tell.
  int system_canvas = -1, system_text = -1, system_highlight = -1, system_highlight_text = -1;
  bool operator==(const Preferences& o) const {
    return more_contrast == o.more_contrast && forced_colors == o.forced_colors && reduced_motion == o.reduced_motion &&
           system_canvas == o.system_canvas && system_text == o.system_text && system_highlight == o.system_highlight &&
           system_highlight_text == o.system_highlight_text;
  }
};

// The colours of a theme: light or dark, adjusted for the preferences. Every text/background pair
// the views draw meets 4.5:1 and every control outline 3:1 (tests/ui/contrast_test.cpp).
Palette make_palette(bool dark, const Preferences& prefs = {});

struct Theme {
  bool dark = false;
  Preferences prefs;   // set before build_theme, which builds the palette from it
  float scale = 1.0f;  // device pixel ratio
  Palette colors{};
  Fonts fonts;
  float px(float css_px) const { return css_px * scale; }  // the 8 px grid, in device pixels
};

// Builds fonts (clearing the atlas) and style for a pixel ratio and theme. Call outside a frame.
// `atlas_snapshot`: a font atlas baked by the build (ui/font_atlas_snapshot.h); when it was baked from
// these fonts at this ratio it is installed and true is returned. Otherwise the atlas is left to be
// rasterized when its texture is first asked for.
bool build_theme(Theme& theme, float pixel_ratio, bool dark, const char* font_dir,
                 const std::vector<std::uint8_t>* atlas_snapshot = nullptr);
ImVec4 to_vec4(ImU32 c);

// Icon code points (Font Awesome 4.7), UTF-8 encoded. Each constant has a line in
// assets/fonts/icons.txt, which decides the glyphs subset into icons.ttf.
namespace icon {
constexpr const char* kUsers = "\xef\x83\x80";
constexpr const char* kSitemap = "\xef\x83\xa8";
constexpr const char* kMicrochip = "\xef\x8b\x9b";
constexpr const char* kSearch = "\xef\x80\x82";
constexpr const char* kTimes = "\xef\x80\x8d";
constexpr const char* kChevronRight = "\xef\x81\x94";
constexpr const char* kSignOut = "\xef\x82\x8b";
constexpr const char* kCaretDown = "\xef\x83\x97";
constexpr const char* kWarning = "\xef\x81\xb1";
constexpr const char* kInfo = "\xef\x81\x9a";
constexpr const char* kRefresh = "\xef\x80\xa1";
constexpr const char* kMoon = "\xef\x86\x86";
constexpr const char* kSun = "\xef\x86\x85";
constexpr const char* kCheck = "\xef\x80\x8c";
constexpr const char* kCopy = "\xef\x83\x85";
}  // namespace icon

}  // namespace roster::ui
