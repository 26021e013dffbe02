// The console drawn without WebGL: Dear ImGui's draw data rasterized in WebAssembly
// (platform/software_raster.h), and only the bands that changed handed to the page, which puts them
// on a 2D canvas. Used when WebGL 2 cannot be created, when a lost context does not come back, and
// where the only WebGL is itself software and slower than this (see README, "Renderers").
#pragma once

#include "imgui.h"
#include "platform/software_raster.h"

namespace roster::platform::web {

class SoftwarePresenter {
 public:
  void upload_fonts();  // after the font atlas was (re)built: the raster keeps its own copy
  // Draws what changed since the last call, on `clear` as background. False when nothing changed.
  bool render(ImDrawData* data, int framebuffer_width, int framebuffer_height, ImVec4 clear);
  void invalidate() { raster_.invalidate(); }  // the next frame is presented whole (a new canvas)

 private:
  platform::SoftwareRaster raster_;
};

}  // namespace roster::platform::web
