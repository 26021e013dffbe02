// Prints how long the software renderer (platform/software_raster.h) takes to draw the real console:
// the users list (the real views over the fake transport, 20,000 users of made-up rows) at 1920x1080
// and 3840x2160, with the theme and fonts built at pixel ratio 1 and 2. For each:
//   full       a whole redraw (invalidate(), then render) of the settled list;
//   scroll     the wheel over the rows, one notch a frame: the rows move, nearly all of the table is
//              redrawn (p50, p95, max, and the rows of pixels redrawn);
//   hover      the pointer moved from row to row: the two rows whose hover changed (a one-row change).
// Only render() is timed, not ImGui's frame, after 20 whole redraws as a warm-up. Figures only;
// nothing passes or fails. Built natively by the build (-O3); built with em++ and run under node it
// gives the WebAssembly figures (bench/README.md says how).
//
//   software_raster_bench [FRAMES] [--dump DIR]
// FRAMES a series, 120 by default; --dump writes each size's settled list as DIR/users-WxH-Nx.ppm.
#include "api/api_client.h"
#include "api/platform_client.h"
#include "fake_transport.h"
#include "imgui.h"
#include "platform/console_frame.h"
#include "platform/software_raster.h"
#include "store/store.h"
#include "ui/shell_view.h"
#include "ui/theme.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

std::string users_page(std::int64_t first, int count, std::int64_t total) {
  static const char* const kCities[] = {"Kyiv", "Lviv", "Berlin", "Lisbon", "Toronto", "Osaka"};
  static const char* const kCountries[] = {"Ukraine", "Ukraine", "Germany", "Portugal", "Canada", "Japan"};
  nlohmann::json content = nlohmann::json::array();
  for (int i = 0; i < count; ++i) {
    const std::int64_t n = first + i;
    content.push_back({{"id", n + 1},
                       {"name", "Person " + std::to_string(n) + (n % 3 ? " Smith" : " Kovalenko-Brown")},
                       {"email", "person" + std::to_string(n) + "@example.com"},
                       {"roleId", 1 + n % 3},
                       {"orgId", 1},
                       {"status", n % 7 ? "Active" : "Pending"},
                       {"city", kCities[n % 6]},
                       {"country", kCountries[n % 6]},
                       {"devicesCount", n % 5},
                       {"registeredAt", 1'700'000'000'000 + n * 3'600'000},
                       {"lastLoggedAt", 1'790'000'000'000 - n * 60'000}});
  }
  return nlohmann::json{{"content", content}, {"totalElements", total}}.dump();
}

// The console without a browser, as the view tests run it (tests/ui/harness.h): the real store over a
// fake transport, the real shell, frame by frame through ConsoleFrame.
struct Console {
  roster::test::FakeTransport transport;
  roster::api::ApiClient client{transport, ""};
  roster::api::PlatformClient platform{client};
  roster::store::Store store{platform};
  roster::ui::Theme theme;
  roster::ui::ShellView shell;
  roster::ui::Layout layout;
  roster::platform::ConsoleFrame frame{transport, store, shell};
  std::int64_t now = 1'800'000'000'000;

  Console(int width, int height, float ratio, roster::platform::SoftwareRaster& raster) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DeltaTime = 1.0f / 60.0f;
    roster::ui::build_theme(theme, ratio, false, ROSTER_FONT_DIR);
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(1)));
    raster.set_font_atlas(pixels, w, h);
    store.start(roster::store::parse_route("#/users"), false, now);
    for (int i = 0; i < 4; ++i) {
      answer();
      frames(2);
    }
  }
  ~Console() { ImGui::DestroyContext(); }

  void answer() {
    for (auto& s : transport.sent) {
      if (s.answered || s.cancelled || s.request.url.find("/users") == std::string::npos) continue;
      const auto at = s.request.url.find("page=");
      const std::int64_t page = at == std::string::npos ? 0 : std::stoll(s.request.url.substr(at + 5));
      const std::int64_t total = 20'000, first = page * roster::store::UsersList::kPageSize;
      const int count = static_cast<int>(std::clamp<std::int64_t>(total - first, 0, 100));
      transport.answer(s, 200, users_page(first, count, total));
    }
  }
  void frames(int n) {
    for (int i = 0; i < n; ++i) {
      now += 16;
      if (frame.prepare(now, true, false)) frame.draw(theme, now, nullptr, false, &layout);
    }
  }
  ImVec2 centre(const std::string& name) const {
    auto it = layout.rects.find(name);
    if (it == layout.rects.end()) return ImVec2(-1, -1);
    return ImVec2((it->second.x0 + it->second.x1) * 0.5f, (it->second.y0 + it->second.y1) * 0.5f);
  }
};

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Series {
  std::vector<double> ms;
  long long rows = 0;
  void add(double t, const std::vector<roster::platform::BandRange>& ranges) {
    ms.push_back(t);
    for (const auto& r : ranges) rows += r.y1 - r.y0;
  }
  double at(double q) {
    if (ms.empty()) return 0;
    std::sort(ms.begin(), ms.end());
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1) + 0.5))];
  }
  double rows_per_frame() const { return ms.empty() ? 0 : static_cast<double>(rows) / static_cast<double>(ms.size()); }
};

int triangles(const ImDrawData* data) {
  int n = 0;
  for (int i = 0; i < data->CmdListsCount; ++i) n += data->CmdLists[i]->IdxBuffer.Size / 3;
  return n;
}

void dump(const roster::platform::SoftwareRaster& raster, const std::string& dir, float ratio) {
  const std::string path = dir + "/users-" + std::to_string(raster.width()) + "x" + std::to_string(raster.height()) +
                           "-" + std::to_string(static_cast<int>(ratio)) + "x.ppm";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return;
  std::fprintf(f, "P6\n%d %d\n255\n", raster.width(), raster.height());
  const std::uint8_t* p = raster.pixels();
  for (long i = 0; i < static_cast<long>(raster.width()) * raster.height(); ++i) std::fwrite(p + 4 * i, 1, 3, f);
  std::fclose(f);
}

void run(int width, int height, float ratio, int frames, const std::string& dump_dir) {
  roster::platform::SoftwareRaster raster;
  Console console(width, height, ratio, raster);
  const ImVec4 clear = roster::ui::to_vec4(console.theme.colors.background);
  console.frames(2);
  // Warm-up, not measured: the picture's buffer, and under node the WebAssembly compiled by the
  // optimizing tier (the first whole redraws take 2-3x as long).
  for (int i = 0; i < 20; ++i) {
    raster.invalidate();
    raster.render(ImGui::GetDrawData(), width, height, clear);
  }

  Series full;
  for (int i = 0; i < std::max(10, frames / 8); ++i) {
    raster.invalidate();
    const auto start = Clock::now();
    const auto& ranges = raster.render(ImGui::GetDrawData(), width, height, clear);
    full.add(ms_since(start), ranges);
  }
  const int tris = triangles(ImGui::GetDrawData());
  if (!dump_dir.empty()) dump(raster, dump_dir, ratio);

  // The wheel over the rows, a notch a frame, pages answered as they are asked for.
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 over = console.centre("row.3.name");
  io.AddMousePosEvent(over.x, over.y);
  console.frames(2);
  raster.render(ImGui::GetDrawData(), width, height, clear);
  Series scroll;
  for (int i = 0; i < frames; ++i) {
    io.AddMouseWheelEvent(0, -1);
    console.answer();
    console.frames(1);
    const auto start = Clock::now();
    const auto& ranges = raster.render(ImGui::GetDrawData(), width, height, clear);
    scroll.add(ms_since(start), ranges);
  }

  // The pointer from row to row: two rows' hover changes a frame.
  console.frames(3);
  raster.render(ImGui::GetDrawData(), width, height, clear);
  Series hover;
  std::vector<ImVec2> rows;
  for (const auto& [name, rect] : console.layout.rects)
    if (name.rfind("row.", 0) == 0 && name.size() > 5 && name.compare(name.size() - 5, 5, ".name") == 0)
      rows.push_back(ImVec2((rect.x0 + rect.x1) * 0.5f, (rect.y0 + rect.y1) * 0.5f));
  std::sort(rows.begin(), rows.end(), [](ImVec2 a, ImVec2 b) { return a.y < b.y; });
  for (int i = 0; i < frames && rows.size() > 2; ++i) {
    const ImVec2 p = rows[1 + static_cast<std::size_t>(i) % (rows.size() - 2)];
    io.AddMousePosEvent(p.x, p.y);
    console.frames(1);
    const auto start = Clock::now();
    const auto& ranges = raster.render(ImGui::GetDrawData(), width, height, clear);
    hover.add(ms_since(start), ranges);
  }

  std::printf("| %dx%d | %gx | %d | %.2f / %.2f | %.2f / %.2f / %.2f | %.0f | %.2f / %.2f / %.2f | %.0f |\n", width,
              height, ratio, tris, full.at(0.5), full.at(0.0), scroll.at(0.5), scroll.at(0.95), scroll.at(1.0),
              scroll.rows_per_frame(), hover.at(0.5), hover.at(0.95), hover.at(1.0), hover.rows_per_frame());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  int frames = 120;
  std::string dump_dir;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--dump" && i + 1 < argc)
      dump_dir = argv[++i];
    else
      frames = std::max(10, std::atoi(argv[i]));
  }
  std::printf("software raster, the users list (20,000 users), render() only, %d frames a series, ms\n\n", frames);
  std::printf(
      "| framebuffer | ratio | triangles | full p50 / min | scroll p50 / p95 / max | rows redrawn | "
      "hover p50 / p95 / max | rows redrawn |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  run(1920, 1080, 1.0f, frames, dump_dir);
  run(1920, 1080, 2.0f, frames, dump_dir);
  run(3840, 2160, 1.0f, frames, dump_dir);
  run(3840, 2160, 2.0f, frames, dump_dir);
  return 0;
}
