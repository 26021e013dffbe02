// Which renderer draws the console: WebGL 2 where a GPU is behind it, the console's own software
// renderer where there is no WebGL 2, or where the only WebGL is itself software (SwiftShader,
// llvmpipe): there the console's renderer, which redraws only the bands that changed straight into
// the picture, measured faster than going through a software GPU (bench/README.md, "Renderers").
// The page may force either; the reason is said in words (state().rendererReason).
#pragma once

#include <string>

namespace roster::platform {

struct RendererChoice {
  bool software = false;
  std::string reason;  // empty when WebGL draws as it should
};

// `option`: the page's renderer option, "webgl", "software" or "auto" (anything else is "auto").
// `webgl_available`: a WebGL 2 context could be created; `webgl_name`: what its renderer calls itself.
RendererChoice choose_renderer(const std::string& option, bool webgl_available, const std::string& webgl_name);

// True when the WebGL renderer named is a CPU implementation rather than a GPU.
bool is_software_gl(const std::string& webgl_name);

}  // namespace roster::platform
