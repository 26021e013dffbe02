#include "ui/theme.h"

#include "ui/font_atlas_snapshot.h"

#include <cmath>
#include <string>

namespace roster::ui {

namespace {

constexpr ImU32 rgb(unsigned hex, unsigned alpha = 255) {
  return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}

// The light theme. UI.md's accent #1FA37A is 3.2:1 on white: as text and under the primary button's
// white it is darkened to the same teal at 5.8:1 (#0E7455); muted text, green and amber badges are a
// shade darker for 4.5:1 on the page and on their soft fills.
Palette light_palette() {
  Palette p;
  p.background = rgb(0xF6F7F9);
  p.surface = rgb(0xFFFFFF);
  p.border = rgb(0xE3E6EA);
  p.text = rgb(0x1D232B);
  p.muted = rgb(0x656E7A);
  p.accent = rgb(0x0E7455);
  p.accent_soft = rgb(0x0E7455, 28);
  p.accent_fill = rgb(0x0E7455);
  p.on_fill = rgb(0xFFFFFF);
  p.control_border = rgb(0x868F9A);
  p.focus_ring = rgb(0x0E7455);
  p.focus = p.focus_ring;
  p.hover = rgb(0x1D232B, 10);
  p.selected = rgb(0x0E7455, 22);
  p.placeholder = rgb(0xE9ECEF);
  p.error = rgb(0xC92A2A);
  p.error_soft = rgb(0xFFF0F0);
  p.danger = rgb(0xC92A2A);
  p.green = rgb(0x237A35);
  p.green_soft = rgb(0xE6F6EA);
  p.amber = rgb(0xA35400);
  p.amber_soft = rgb(0xFFF3DB);
  p.grey = rgb(0x5C6670);
  p.grey_soft = rgb(0xEEF0F2);
  p.red = rgb(0xC92A2A);
  p.red_soft = rgb(0xFDE8E8);
  return p;
}

// The dark theme: its bright accent reads as text on the dark surfaces (7.4:1), but white on it is
// 2.4:1, so the primary button is filled with the light theme's deeper teal instead.
Palette dark_palette() {
  Palette p;
  p.background = rgb(0x0F1216);
  p.surface = rgb(0x171B21);
  p.border = rgb(0x2A3038);
  p.text = rgb(0xE6E9ED);
  p.muted = rgb(0x9AA3AE);
  p.accent = rgb(0x2BBF8E);
  p.accent_soft = rgb(0x2BBF8E, 48);
  p.accent_fill = rgb(0x0E7455);
  p.on_fill = rgb(0xFFFFFF);
  p.control_border = rgb(0x6B7480);
  p.focus_ring = rgb(0x2BBF8E);
  p.focus = p.focus_ring;
  p.hover = rgb(0xFFFFFF, 12);
  p.selected = rgb(0x2BBF8E, 36);
  p.placeholder = rgb(0x232931);
  p.error = rgb(0xFF8787);
  p.error_soft = rgb(0x3A1D1F);
  p.danger = rgb(0xC92A2A);
  p.green = rgb(0x69DB7C);
  p.green_soft = rgb(0x1B3324);
  p.amber = rgb(0xFFC078);
  p.amber_soft = rgb(0x3A2C14);
  p.grey = rgb(0xADB5BD);
  p.grey_soft = rgb(0x262C34);
  p.red = rgb(0xFF8787);
  p.red_soft = rgb(0x3A1D1F);
  return p;
}

// prefers-contrast: more: text and muted text move to the extremes, borders become control outlines,
// the soft fills stay (their text is already strong), so the layout reads the same with edges.
Palette more_contrast(Palette p, bool dark) {
  p.text = dark ? rgb(0xFFFFFF) : rgb(0x000000);
  p.muted = dark ? rgb(0xD0D5DB) : rgb(0x3D4550);
  p.border = p.control_border = dark ? rgb(0x9AA3AE) : rgb(0x5C6670);
  p.accent = dark ? rgb(0x5FE0B3) : rgb(0x075C43);
  p.focus = p.focus_ring = dark ? rgb(0xFFD43B) : rgb(0x000000);
  p.grey = p.muted;
  return p;
}

// forced-colors: active (Windows contrast themes): the page's own colours are replaced by a few
// system ones. A canvas is not recoloured by the browser, so the console draws with the system's
// colours as the page resolved them (roster-embed.js reads them), in the pairs those themes are made
// of: text on canvas, highlighted text on the highlight, and nothing soft or tinted. Where the page
// could not tell them, the usual black-on-white (or white-on-black) theme's.
Palette forced_colors(bool dark, const Preferences& prefs) {
  auto known_or = [](int known, std::uint32_t fallback) {
    return rgb(known >= 0 ? static_cast<std::uint32_t>(known) : fallback);
  };
  const ImU32 canvas = known_or(prefs.system_canvas, dark ? 0x000000 : 0xFFFFFF);
  const ImU32 text = known_or(prefs.system_text, dark ? 0xFFFFFF : 0x000000);
  const ImU32 highlight = known_or(prefs.system_highlight, dark ? 0x1AEBFF : 0x37006E);
  const ImU32 highlight_text = known_or(prefs.system_highlight_text, dark ? 0x000000 : 0xFFFFFF);
  const auto with_alpha = [](ImU32 c, int alpha) { return (c & 0x00FFFFFFu) | (static_cast<ImU32>(alpha) << 24); };
  Palette p;
  p.background = p.surface = p.placeholder = canvas;
  p.border = p.control_border = text;
  p.text = p.muted = p.grey = text;
  p.accent = p.accent_fill = p.focus = p.focus_ring = p.danger = highlight;
  p.accent_soft = p.selected = with_alpha(highlight, 60);
  p.hover = with_alpha(text, 24);
  p.error = p.red = p.green = p.amber = text;
  p.error_soft = p.red_soft = p.green_soft = p.amber_soft = p.grey_soft = canvas;
  p.on_fill = highlight_text;  // HighlightText on the highlight
  return p;
}

}  // namespace

Palette make_palette(bool dark, const Preferences& prefs) {
  if (prefs.forced_colors) return forced_colors(dark, prefs);
  Palette p = dark ? dark_palette() : light_palette();
  return prefs.more_contrast ? more_contrast(p, dark) : p;
}

ImVec4 to_vec4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

bool build_theme(Theme& theme, float pixel_ratio, bool dark, const char* font_dir,
                 const std::vector<std::uint8_t>* atlas_snapshot) {
  theme.scale = pixel_ratio;
  theme.dark = dark;
  theme.colors = make_palette(dark, theme.prefs);

  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  static const ImWchar kText[] = {0x0020, 0x024F, 0x0300, 0x036F, 0x0370, 0x03FF, 0x0400, 0x052F, 0x1E00, 0x1EFF,
                                  0x2000, 0x206F, 0x20AC, 0x20AC, 0x2190, 0x21FF, 0x2212, 0x2212, 0};
  // Column headers are the console's own words, in the shipped languages: Latin-1 (English, German)
  // and the Cyrillic of Ukrainian (U+0400-045F, and Ґґ at U+0490-0491) with punctuation; every glyph
  // left out is less to rasterize at start-up (the atlas is the slowest part of it).
  static const ImWchar kHeaderText[] = {0x0020, 0x00FF, 0x0400, 0x045F, 0x0490, 0x0491, 0x2000, 0x206F, 0};
  static const ImWchar kIcons[] = {0xF000, 0xF2FF, 0};
  std::string dir = font_dir;
  auto add = [&](const char* file, float css_px, bool with_icons, const ImWchar* ranges) {
    ImFontConfig cfg;
    cfg.OversampleH = 1;  // the atlas is built at device resolution already
    cfg.PixelSnapH = true;
    ImFont* f =
        io.Fonts->AddFontFromFileTTF((dir + "/" + file).c_str(), std::round(css_px * pixel_ratio), &cfg, ranges);
    if (with_icons) {
      ImFontConfig icons;
      icons.MergeMode = true;
      icons.OversampleH = 1;
      icons.PixelSnapH = true;
      icons.GlyphOffset.y = std::round(0.5f * pixel_ratio);
      io.Fonts->AddFontFromFileTTF((dir + "/icons.ttf").c_str(), std::round(css_px * 0.93f * pixel_ratio), &icons,
                                   kIcons);
    }
    return f;
  };
  theme.fonts.body = add("NotoSans-Regular.ttf", 15, true, kText);
  theme.fonts.body_bold = add("NotoSans-Bold.ttf", 15, true, kText);
  theme.fonts.small_bold = add("NotoSans-Bold.ttf", 12, false, kText);
  theme.fonts.header = add("NotoSans-Bold.ttf", 13, false, kHeaderText);
  theme.fonts.title = add("NotoSans-Bold.ttf", 22, false, kText);
  bool from_snapshot = atlas_snapshot && !atlas_snapshot->empty() &&
                       load_font_atlas(*io.Fonts, atlas_snapshot->data(), atlas_snapshot->size());

  ImGuiStyle style;  // from defaults every time, so repeated rebuilds never compound the scale
  if (dark)
    ImGui::StyleColorsDark(&style);
  else
    ImGui::StyleColorsLight(&style);
  const Palette& p = theme.colors;
  style.WindowPadding = ImVec2(0, 0);
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.FramePadding = ImVec2(12, 8);
  style.FrameRounding = 6;
  style.FrameBorderSize = 1;
  style.ItemSpacing = ImVec2(8, 8);
  style.ItemInnerSpacing = ImVec2(8, 4);
  style.CellPadding = ImVec2(12, 0);
  style.PopupRounding = 8;
  style.PopupBorderSize = 1;
  style.ScrollbarSize = 12;
  style.ScrollbarRounding = 6;
  style.GrabRounding = 6;
  style.ChildRounding = 8;
  style.ChildBorderSize = 1;
  style.TabRounding = 6;
  auto& c = style.Colors;
  c[ImGuiCol_WindowBg] = to_vec4(p.background);
  c[ImGuiCol_ChildBg] = to_vec4(p.surface);
  c[ImGuiCol_PopupBg] = to_vec4(p.surface);
  // Frames (fields, check boxes, buttons) and popups are outlined at 3:1 (WCAG 1.4.11: a field's edge
  // is what identifies it); cards and dividers draw their own, fainter, border.
  c[ImGuiCol_Border] = to_vec4(p.control_border);
  c[ImGuiCol_Text] = to_vec4(p.text);
  c[ImGuiCol_TextDisabled] = to_vec4(p.muted);
  c[ImGuiCol_FrameBg] = to_vec4(p.surface);
  c[ImGuiCol_FrameBgHovered] = to_vec4(p.surface);
  c[ImGuiCol_FrameBgActive] = to_vec4(p.surface);
  c[ImGuiCol_Button] = to_vec4(p.surface);
  c[ImGuiCol_ButtonHovered] = to_vec4(p.hover);
  c[ImGuiCol_ButtonActive] = to_vec4(p.selected);
  c[ImGuiCol_Header] = to_vec4(p.selected);
  c[ImGuiCol_HeaderHovered] = to_vec4(p.hover);
  c[ImGuiCol_HeaderActive] = to_vec4(p.selected);
  c[ImGuiCol_TableHeaderBg] = to_vec4(p.surface);
  c[ImGuiCol_TableBorderLight] = to_vec4(p.border);
  c[ImGuiCol_TableBorderStrong] = to_vec4(p.border);
  c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_CheckMark] = to_vec4(p.accent);
  c[ImGuiCol_SliderGrab] = to_vec4(p.accent);
  c[ImGuiCol_TextSelectedBg] = to_vec4(p.accent_soft);
  c[ImGuiCol_NavHighlight] = to_vec4(p.focus);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ResizeGrip] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_Separator] = to_vec4(p.border);
  style.ScaleAllSizes(pixel_ratio);
  ImGui::GetStyle() = style;
  return from_snapshot;
}

}  // namespace roster::ui
