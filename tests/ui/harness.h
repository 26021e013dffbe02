// The view tests' console: the real store over a fake transport and the real shell drawn by headless
// Dear ImGui, frame by frame through ConsoleFrame (answers, tick, views, intents), as the browser
// runs it; with helpers for clicks, keys and canned answers.
#pragma once

#include "api/api_client.h"
#include "api/platform_client.h"
#include "fake_transport.h"
#include "imgui.h"
#include "platform/console_frame.h"
#include "store/store.h"
#include "ui/shell_view.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace roster::test {

inline std::string users_page(std::int64_t first, int count, std::int64_t total) {
  nlohmann::json content = nlohmann::json::array();
  for (int i = 0; i < count; ++i)
    content.push_back({{"id", first + i + 1},
                       {"name", "Person " + std::to_string(first + i)},
                       {"email", "p" + std::to_string(first + i) + "@example.com"},
                       {"roleId", 3},
                       {"orgId", 1},
                       {"status", "Active"},
                       {"city", "Kyiv"},
                       {"country", "Ukraine"},
                       {"devicesCount", 1}});
  return nlohmann::json{{"content", content}, {"totalElements", total}}.dump();
}

// A console without a browser: the store over a fake transport and the shell drawn headlessly, frame
// by frame in the browser's order (ConsoleFrame: answers, tick, views, intents).
struct Harness {
  FakeTransport transport;
  api::ApiClient client{transport, ""};
  api::PlatformClient platform{client};
  store::Store store{platform};
  ui::Theme theme;
  ui::ShellView shell;
  ui::Layout layout;
  ui::A11yTree* a11y = nullptr;  // set to have the views say what they draw
  roster::platform::ConsoleFrame frame{transport, store, shell};
  std::int64_t now = 1'800'000'000'000;
  bool kiosk = false;  // draw as kiosk mode does

  // `signed_in`: the console signed in with a session (the top bar shows the person's menu and the
  // organization switcher), as the admin of organization 1, "Roster Demo Corp".
  explicit Harness(const std::string& route = "#/users", bool signed_in = false) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1440, 900);
    io.DeltaTime = 1.0f / 60.0f;
    ui::build_theme(theme, 1.0f, false, ROSTER_FONT_DIR);
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas, as the renderer would
    store.start(store::parse_route(route), signed_in, now);
    if (signed_in)
      transport.respond("/api/session", 200,
                        R"({"user":{"id":1,"name":"Ada Admin","email":"admin@roster.demo","roleId":1,"orgId":1},)"
                        R"("role":{"id":1,"name":"Admin"},"organization":{"id":1,"name":"Roster Demo Corp"}})");
    answer_users(1000);
    frames(3);
  }
  ~Harness() { ImGui::DestroyContext(); }

  void answer_users(std::int64_t total) {
    for (auto& s : transport.sent) {
      if (s.answered || s.cancelled || s.request.url.find("/users") == std::string::npos) continue;
      auto page = std::stoll(s.request.url.substr(s.request.url.find("page=") + 5));
      auto first = page * store::UsersList::kPageSize;
      int count = static_cast<int>(std::max<std::int64_t>(0, std::min<std::int64_t>(100, total - first)));
      transport.answer(s, 200, users_page(first, count, total));  // delivered by the next frame
    }
  }

  void frames(int n) {
    for (int i = 0; i < n; ++i) {
      now += 16;
      if (frame.prepare(now, /*input=*/true, false)) frame.draw(theme, now, 0, kiosk, &layout, a11y);  // input: drawn
    }
  }

  // Where `name` was drawn in the last frame; fails the test when it was not drawn at all (never
  // layout.rects[name], which would make up an empty rectangle at 0,0 and let a check on it pass).
  const ui::Layout::Rect& rect(const std::string& name) const {
    REQUIRE_MESSAGE(layout.rects.count(name), (name + " was not drawn"));
    return layout.rects.at(name);
  }

  ImVec2 center(const std::string& name) {
    const ui::Layout::Rect& r = rect(name);
    return ImVec2((r.x0 + r.x1) * 0.5f, (r.y0 + r.y1) * 0.5f);
  }

  void click(const std::string& name) { press_button(name, 0, 2); }

  // A right-click (a column header's menu).
  void right_click(const std::string& name) { press_button(name, 1, 3); }

  // The move to `name`'s middle, then the press and the release of `button` in frames of their own,
  // then `settle` frames.
  void press_button(const std::string& name, int button, int settle) {
    ImVec2 p = center(name);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(p.x, p.y);
    frames(1);
    io.AddMouseButtonEvent(button, true);
    frames(1);
    io.AddMouseButtonEvent(button, false);
    frames(settle);
  }

  // A click whose move, press and release arrive together, between two frames (a trackpad's
  // tap-to-click), given through the platform's input queue as the browser gives them.
  void tap(const std::string& name) {
    ImVec2 p = center(name);
    frame.input().pointer(p.x, p.y);
    frame.input().button(0, true);
    frame.input().button(0, false);
    frames(4);
  }

  // Text as the browser's key and input events bring it, through the platform's input queue.
  void type(const char* utf8) {
    frame.input().text(utf8);
    frames(1);
  }

  // A character key as the browser brings it to the canvas: its press, its text, its release, through
  // the platform's input queue; no frame runs (the caller says when).
  void keystroke(ImGuiKey key, const char* utf8) {
    frame.input().key(key, true, true);
    frame.input().text(utf8);
    frame.input().key(key, false, true);
  }

  void press(ImGuiKey key) {
    ImGui::GetIO().AddKeyEvent(key, true);
    frames(1);
    ImGui::GetIO().AddKeyEvent(key, false);
    frames(1);
  }

  std::size_t requests_containing(const std::string& part) const {
    std::size_t n = 0;
    for (const auto& s : transport.sent) n += s.request.url.find(part) != std::string::npos;
    return n;
  }
};

}  // namespace roster::test
