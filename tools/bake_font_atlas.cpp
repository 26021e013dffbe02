// Build-time tool: rasterizes the console's font atlas at one device pixel ratio, exactly as the console
// would (ui::build_theme, the same fonts, compiled by the same compiler to WebAssembly and run under
// node), and writes it as a snapshot the console installs instead of rasterizing at start-up.
//   bake_font_atlas FONT_DIR PIXEL_RATIO OUT_FILE
#include "imgui.h"
#include "ui/font_atlas_snapshot.h"
#include "ui/theme.h"

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: bake_font_atlas FONT_DIR PIXEL_RATIO OUT_FILE\n");
    return 2;
  }
  float ratio = std::strtof(argv[2], nullptr);
  if (!(ratio >= 0.5f && ratio <= 4.0f)) {
    std::fprintf(stderr, "bake_font_atlas: PIXEL_RATIO must be between 0.5 and 4\n");
    return 2;
  }
  ImGui::CreateContext();
  roster::ui::Theme theme;
  roster::ui::build_theme(theme, ratio, false, argv[1]);
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  if (!atlas.Build()) {
    std::fprintf(stderr, "bake_font_atlas: the fonts in %s could not be built\n", argv[1]);
    return 1;
  }
  auto bytes = roster::ui::save_font_atlas(atlas);
  std::FILE* out = std::fopen(argv[3], "wb");
  if (bytes.empty() || !out || std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size() ||
      std::fclose(out) != 0) {
    std::fprintf(stderr, "bake_font_atlas: could not write %s\n", argv[3]);
    return 1;
  }
  std::printf("bake_font_atlas: %s, %dx%d, %zu bytes\n", argv[3], atlas.TexWidth, atlas.TexHeight, bytes.size());
  ImGui::DestroyContext();
  return 0;
}
