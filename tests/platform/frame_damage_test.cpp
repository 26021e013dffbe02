// The renderer's damage bands over real ImGui draw data: unchanged frames draw nothing, a change
// redraws only the bands it touches, a resize or a new font atlas redraws everything.
#include "imgui.h"
#include "platform/frame_damage.h"

#include <doctest/doctest.h>

#include <string>

using roster::platform::BandRange;
using roster::platform::FrameDamage;

namespace {

struct Frames {
  Frames() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~Frames() { ImGui::DestroyContext(); }

  // A window over the whole display with a line of text at y=100 and one at y=400.
  ImDrawData* draw(const std::string& top, const std::string& bottom) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(800, 600));
    ImGui::Begin("w", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
    ImGui::SetCursorScreenPos(ImVec2(20, 100));
    ImGui::TextUnformatted(top.c_str());
    ImGui::SetCursorScreenPos(ImVec2(20, 400));
    ImGui::TextUnformatted(bottom.c_str());
    ImGui::End();
    ImGui::Render();
    return ImGui::GetDrawData();
  }
};

bool covers(const std::vector<BandRange>& ranges, int y) {
  for (const auto& r : ranges)
    if (r.y0 <= y && y < r.y1) return true;
  return false;
}

}  // namespace

TEST_CASE("frame damage: only the bands whose triangles changed are redrawn") {
  Frames f;
  FrameDamage damage;
  auto first = damage.update(f.draw("Ann", "Bob"), 800, 600);
  REQUIRE(first.size() == 1);  // the first frame is drawn whole
  CHECK(first[0].y0 == 0);
  CHECK(first[0].y1 == 600);

  CHECK(damage.update(f.draw("Ann", "Bob"), 800, 600).empty());  // the same picture: nothing to draw

  auto changed = damage.update(f.draw("Ann", "Bobby"), 800, 600);
  REQUIRE_FALSE(changed.empty());
  CHECK(covers(changed, 405));        // the bottom line's band
  CHECK_FALSE(covers(changed, 105));  // the top line is left as it is on the canvas
  int height = 0;
  for (const auto& r : changed) height += r.y1 - r.y0;
  CHECK(height <= 2 * FrameDamage::kBandHeight);

  // Text that moves is damage where it was and where it is.
  auto moved = damage.update(f.draw("Bobby", "Ann"), 800, 600);
  CHECK(covers(moved, 105));
  CHECK(covers(moved, 405));
}

TEST_CASE("frame damage: a resize or an invalidation redraws the whole frame") {
  Frames f;
  FrameDamage damage;
  damage.update(f.draw("Ann", "Bob"), 800, 600);
  auto resized = damage.update(f.draw("Ann", "Bob"), 800, 640);
  REQUIRE(resized.size() == 1);
  CHECK(resized[0].y1 == 640);
  CHECK(damage.update(f.draw("Ann", "Bob"), 800, 640).empty());
  damage.invalidate();
  auto again = damage.update(f.draw("Ann", "Bob"), 800, 640);
  REQUIRE(again.size() == 1);
  CHECK(again[0].y0 == 0);
  CHECK(again[0].y1 == 640);
}

TEST_CASE("frame damage: command extents bound each command's triangles") {
  Frames f;
  FrameDamage damage;
  damage.update(f.draw("Ann", "Bob"), 800, 600);
  const auto& extents = damage.command_extents();
  REQUIRE_FALSE(extents.empty());
  bool any = false;
  for (const auto& e : extents) {
    if (e.y1 <= e.y0) continue;
    any = true;
    CHECK(e.y0 >= 95);  // nothing is drawn above the first line
    CHECK(e.y1 <= 430);
  }
  CHECK(any);
}
