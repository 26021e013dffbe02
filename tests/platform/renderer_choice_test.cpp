// Which renderer the console picks, from the page's option and what WebGL turned out to be.
#include "platform/renderer_choice.h"

#include <doctest/doctest.h>

using roster::platform::choose_renderer;
using roster::platform::is_software_gl;

namespace {
const char* kSwiftShader =
    "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)";
const char* kGpu = "ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)";
}  // namespace

TEST_CASE("software GL is told from a GPU by its renderer's name") {
  CHECK(is_software_gl(kSwiftShader));
  CHECK(is_software_gl("llvmpipe (LLVM 15.0.6, 256 bits)"));
  CHECK(is_software_gl("Microsoft Basic Render Driver"));
  CHECK_FALSE(is_software_gl(kGpu));
  CHECK_FALSE(is_software_gl(""));
}

TEST_CASE("auto: WebGL wherever there is a WebGL 2 context, software solely where there is none") {
  CHECK_FALSE(choose_renderer("auto", true).software);
  CHECK(choose_renderer("auto", true).reason.empty());
  CHECK_FALSE(choose_renderer("", true).software);  // no option is auto
  auto none = choose_renderer("auto", false);
  CHECK(none.software);
  CHECK(none.reason.find("no WebGL 2") != std::string::npos);
}

TEST_CASE("the page's choice wins, except that WebGL cannot be forced where there is none") {
  CHECK(choose_renderer("software", true).software);
  CHECK(choose_renderer("software", false).software);
  CHECK_FALSE(choose_renderer("webgl", true).software);
  auto forced = choose_renderer("webgl", false);
  CHECK(forced.software);
  CHECK(forced.reason.find("asked for WebGL") != std::string::npos);
}
