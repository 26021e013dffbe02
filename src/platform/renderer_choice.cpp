#include "platform/renderer_choice.h"

#include <algorithm>
#include <cctype>

namespace roster::platform {

bool is_software_gl(const std::string& webgl_name) {
  std::string name = webgl_name;
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* cpu : {"swiftshader", "llvmpipe", "softpipe", "software rasterizer", "microsoft basic render"})
    if (name.find(cpu) != std::string::npos) return true;
  return false;
}

RendererChoice choose_renderer(const std::string& option, bool webgl_available) {
  if (option == "software") return {true, "The page asked for the software renderer."};
  if (!webgl_available)
    return {true, option == "webgl" ? "The page asked for WebGL, but this browser has no WebGL 2: drawn in software."
                                    : "This browser has no WebGL 2: drawn in software."};
  return {false, ""};
}

}  // namespace roster::platform
