// Which renderer draws the console: WebGL 2 whenever the browser gives a WebGL 2 context, the
// console's own software renderer where it does not. Even where that WebGL is itself software
// (SwiftShader, llvmpipe) WebGL stays: the software renderer rasterizes a wheel frame in a few ms, but
// the browser then composites its 2D canvas through the same software GPU, and animation frames came
// further apart than with WebGL (bench/README.md, "Renderers": at 1920x1080 p50 49.9 against 16.7 ms).
// The page may force either; the reason is said in words (state().rendererReason).
#pragma once

#include <string>

namespace roster::platform {

struct RendererChoice {
  bool software = false;
  std::string reason;  // empty when WebGL draws as it should
};

// `option`: the page's renderer option, "webgl", "software" or "auto" (anything else is "auto").
// `webgl_available`: a WebGL 2 context could be created.
RendererChoice choose_renderer(const std::string& option, bool webgl_available);

// True when the WebGL renderer named is a CPU implementation rather than a GPU (state().webglSoftware).
bool is_software_gl(const std::string& webgl_name);

}  // namespace roster::platform
