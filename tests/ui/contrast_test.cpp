// WCAG 2.1 contrast of the theme's pairs (1.4.3 text 4.5:1, 1.4.11 controls and focus 3:1), in every
// palette the console can draw with: light and dark, each as is and with prefers-contrast: more, and
// the forced-colours ones. A soft fill (alpha) is measured as drawn: blended over the surface.
#include "ui/theme.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

namespace {

using roster::ui::Palette;

struct Rgb {
  double r, g, b;
};

Rgb over(ImU32 fg, ImU32 bg) {
  ImVec4 f = ImGui::ColorConvertU32ToFloat4(fg), b = ImGui::ColorConvertU32ToFloat4(bg);
  return {f.x * f.w + b.x * (1 - f.w), f.y * f.w + b.y * (1 - f.w), f.z * f.w + b.z * (1 - f.w)};
}

double channel(double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }
double luminance(Rgb c) { return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b); }

// The ratio of `fg` drawn on `bg`, itself drawn on `base` (for soft fills).
double ratio(ImU32 fg, ImU32 bg, ImU32 base) {
  Rgb back = over(bg, base);
  ImU32 back32 = ImGui::ColorConvertFloat4ToU32(ImVec4(float(back.r), float(back.g), float(back.b), 1));
  double a = luminance(over(fg, back32)), b = luminance(back);
  return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

struct Pair {
  const char* what;
  ImU32 fg, bg;
  double minimum;
};

void check_palette(const std::string& name, const Palette& p) {
  const double text = 4.5, control = 3.0;
  const Pair pairs[] = {
      {"text on surface", p.text, p.surface, text},
      {"text on background", p.text, p.background, text},
      {"muted on surface", p.muted, p.surface, text},
      {"muted on background", p.muted, p.background, text},
      {"placeholder (hint) text on a field", p.muted, p.surface, text},
      {"accent text on surface", p.accent, p.surface, text},
      {"accent text on background", p.accent, p.background, text},
      {"accent text on accent_soft (active rail item, admin badge)", p.accent, p.accent_soft, text},
      {"accent text on a selected row", p.accent, p.selected, text},
      {"text on a selected row", p.text, p.selected, text},
      {"link (accent) on surface", p.accent, p.surface, text},
      {"green badge", p.green, p.green_soft, text},
      {"amber badge", p.amber, p.amber_soft, text},
      {"grey badge", p.grey, p.grey_soft, text},
      {"red badge", p.red, p.red_soft, text},
      {"error on surface", p.error, p.surface, text},
      {"error on error_soft", p.error, p.error_soft, text},
      {"primary button text on accent_fill", p.on_fill, p.accent_fill, text},
      {"danger button text on danger", p.on_fill, p.danger, text},
      {"control border on surface", p.control_border, p.surface, control},
      {"control border on background", p.control_border, p.background, control},
      {"focus ring on surface", p.focus_ring, p.surface, control},
      {"focus ring on background", p.focus_ring, p.background, control},
      {"focus ring on a selected row", p.focus_ring, p.selected, control},
      {"primary button on surface", p.accent_fill, p.surface, control},
      {"check box tick on accent_fill", p.on_fill, p.accent_fill, control},
  };
  for (const Pair& pair : pairs) {
    double r = ratio(pair.fg, pair.bg, p.surface);
    INFO(name << ": " << pair.what << " is " << r << ":1");
    CHECK(r >= pair.minimum);
  }
}

}  // namespace

TEST_CASE("every pair of every palette meets WCAG contrast") {
  using roster::ui::make_palette;
  using roster::ui::Preferences;
  Preferences more;
  more.more_contrast = true;
  Preferences forced;
  forced.forced_colors = true;
  check_palette("light", make_palette(false));
  check_palette("dark", make_palette(true));
  check_palette("light, more contrast", make_palette(false, more));
  check_palette("dark, more contrast", make_palette(true, more));
  check_palette("light, forced colours", make_palette(false, forced));
  check_palette("dark, forced colours", make_palette(true, forced));
}

TEST_CASE("more contrast is more: text and borders are stronger than the plain palette's") {
  roster::ui::Preferences more;
  more.more_contrast = true;
  for (bool dark : {false, true}) {
    const Palette plain = roster::ui::make_palette(dark), strong = roster::ui::make_palette(dark, more);
    CHECK(ratio(strong.text, strong.surface, strong.surface) >= ratio(plain.text, plain.surface, plain.surface));
    CHECK(ratio(strong.muted, strong.surface, strong.surface) > ratio(plain.muted, plain.surface, plain.surface));
    CHECK(ratio(strong.border, strong.surface, strong.surface) >= 3.0);
  }
}

TEST_CASE("forced colours draw with the system's own colours when the page could read them") {
  roster::ui::Preferences prefs;
  prefs.forced_colors = true;
  // A contrast theme's colours (Windows' "Desert"-like): dark text on a light canvas, a blue highlight.
  prefs.system_canvas = 0xFFFAEF;
  prefs.system_text = 0x3D3D3D;
  prefs.system_highlight = 0x903909;
  prefs.system_highlight_text = 0xFFFAEF;
  const Palette p = roster::ui::make_palette(false, prefs);
  const auto rgb = [](ImU32 c) { return ((c & 0xFF) << 16) | (c & 0xFF00) | ((c >> 16) & 0xFF); };
  CHECK(rgb(p.surface) == 0xFFFAEF);
  CHECK(rgb(p.background) == 0xFFFAEF);
  CHECK(rgb(p.text) == 0x3D3D3D);
  CHECK(rgb(p.control_border) == 0x3D3D3D);
  CHECK(rgb(p.accent_fill) == 0x903909);
  CHECK(rgb(p.focus_ring) == 0x903909);
  CHECK(rgb(p.on_fill) == 0xFFFAEF);
  CHECK(ratio(p.text, p.surface, p.surface) >= 4.5);
  CHECK(ratio(p.on_fill, p.accent_fill, p.surface) >= 4.5);
  // Unknown colours: the usual black on white.
  prefs.system_canvas = prefs.system_text = prefs.system_highlight = prefs.system_highlight_text = -1;
  const Palette fallback = roster::ui::make_palette(false, prefs);
  CHECK(rgb(fallback.text) == 0x000000);
  CHECK(rgb(fallback.surface) == 0xFFFFFF);
}
