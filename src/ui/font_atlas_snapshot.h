// A built font atlas saved as bytes and installed again without rasterizing a glyph.
//
// Rasterizing the console's ~6,000 glyphs was the largest single cost between the module starting and
// the first rows on screen (100-150 ms in WebAssembly). The build bakes the atlas for the common pixel
// ratios (tools/bake_font_atlas.cpp), the page fetches the one it needs while the module downloads,
// and the console installs it instead of building. A snapshot is only installed into an atlas whose
// fonts were added with exactly the configuration it was baked from (sizes, ranges, font bytes: see
// font_atlas_key); anything else, a truncated or damaged file included, is refused and the caller
// builds the atlas as before. Nothing in a snapshot is trusted: every count and coordinate is checked.
#pragma once

#include "imgui.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace roster::ui {

// What the atlas would be built from: every font's configuration and the bytes of its font file.
std::uint64_t font_atlas_key(const ImFontAtlas& atlas);

// The built atlas (fonts added, then built: TexPixelsAlpha8 set) as bytes.
std::vector<std::uint8_t> save_font_atlas(const ImFontAtlas& atlas);

// Installs a snapshot into an atlas whose fonts are added but not built. True when installed: the
// atlas is then built (texture, glyphs, lookup tables). False leaves the atlas as it was.
bool load_font_atlas(ImFontAtlas& atlas, const std::uint8_t* data, std::size_t size);

}  // namespace roster::ui
