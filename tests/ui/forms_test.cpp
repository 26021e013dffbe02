// Forms as on the web: a click whose press and release come together, paste, typing that starts
// while focus moves into a field, Enter and Escape.
#include "harness.h"

#include <doctest/doctest.h>

using namespace roster;
using roster::test::Harness;

TEST_CASE("a zero-length click sorts by a header") {
  Harness h;
  h.tap("header.Email");
  h.frames(2);
  CHECK(h.store.route().users.sort_label == "Email");
}

TEST_CASE("a zero-length click chooses a preset") {
  Harness h;
  h.tap("preset.nodevices");
  h.frames(2);
  CHECK(h.store.route().users.preset == UserPreset::NoDevices);
}

TEST_CASE("a zero-length click opens the Columns menu") {
  Harness h;
  h.tap("users.columns");
  CHECK(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
}

TEST_CASE("`/` and then typing at once: every character reaches the search box, once") {
  Harness h;
  // The `/` key (its own character is not typed), then the next characters before the box is active:
  // each arrives between two frames, as keys typed 0-60 ms apart do.
  h.keystroke(ImGuiKey_Slash, "/");
  h.frames(1);
  const ImGuiKey keys[] = {ImGuiKey_K, ImGuiKey_O, ImGuiKey_V, ImGuiKey_A};
  const char* texts[] = {"k", "o", "v", "a"};
  for (int i = 0; i < 4; ++i) {
    h.keystroke(keys[i], texts[i]);
    h.frames(1);
  }
  h.frames(3);
  CHECK(ImGui::GetIO().WantTextInput);
  CHECK(h.store.search_text() == "kova");
}

TEST_CASE("`/` and the whole word before any frame runs: the word, once") {
  Harness h;
  h.keystroke(ImGuiKey_Slash, "/");
  h.keystroke(ImGuiKey_K, "k");
  h.keystroke(ImGuiKey_O, "o");
  h.frames(8);
  CHECK(h.store.search_text() == "ko");
}

TEST_CASE("`/` focuses the box again after Escape left it: no key's release is lost") {
  Harness h;
  for (int round = 0; round < 3; ++round) {
    CAPTURE(round);
    h.keystroke(ImGuiKey_Slash, "/");
    h.frames(3);
    h.keystroke(ImGuiKey_X, "x");
    h.frames(3);
    CHECK(h.store.search_text() == "x");
    h.press(ImGuiKey_Escape);  // clears the box
    h.press(ImGuiKey_Escape);  // leaves it
    h.frames(2);
    CHECK(h.store.search_text() == "");
    CHECK_FALSE(ImGui::IsAnyItemActive());
  }
}

TEST_CASE("a click in the table and `/` in the same moment: the click first, then the box") {
  Harness h;
  h.click("search");
  h.type("ann");
  h.frames(2);
  REQUIRE(h.store.search_text() == "ann");
  // The click leaves the box; the `/` that follows (before any frame) must not be typed into it.
  const auto& email = h.rect("row.3.email");  // just right of it: the row's next cell, no link
  h.frame.input().pointer(email.x1 + 30, (email.y0 + email.y1) * 0.5f);
  h.frame.input().button(0, true);
  h.frame.input().button(0, false);
  h.keystroke(ImGuiKey_Slash, "/");
  h.frames(8);
  CHECK(h.store.search_text() == "ann");
  CHECK(ImGui::IsAnyItemActive());
}

TEST_CASE("text that arrives with no field active or coming is dropped") {
  Harness h;
  h.type("x");
  h.frames(2);
  h.click("search");
  h.type("é");
  h.frames(2);
  CHECK(h.store.search_text() == "é");
}

TEST_CASE("paste, select-all and cut in a field, with Unicode") {
  Harness h;
  static std::string clipboard;
  ImGuiIO& io = ImGui::GetIO();
  io.GetClipboardTextFn = [](void*) -> const char* { return clipboard.c_str(); };
  io.SetClipboardTextFn = [](void*, const char* text) { clipboard = text; };
  h.click("search");
  clipboard = "Олена Ø";
  auto chord = [&](ImGuiKey mod, ImGuiKey key) {
    io.AddKeyEvent(mod, true);
    io.AddKeyEvent(key, true);
    h.frames(1);
    io.AddKeyEvent(key, false);
    io.AddKeyEvent(mod, false);
    h.frames(2);
  };
  chord(ImGuiMod_Ctrl, ImGuiKey_V);
  CHECK(h.store.search_text() == "Олена Ø");
  chord(ImGuiMod_Shift, ImGuiKey_Insert);
  CHECK(h.store.search_text() == "Олена ØОлена Ø");
  chord(ImGuiMod_Ctrl, ImGuiKey_A);
  chord(ImGuiMod_Ctrl, ImGuiKey_X);
  CHECK(clipboard == "Олена ØОлена Ø");
  CHECK(h.store.search_text().empty());
  io.GetClipboardTextFn = nullptr;
  io.SetClipboardTextFn = nullptr;
}

TEST_CASE("a zero-length click activates the search box as the first pointer event") {
  Harness h;
  h.tap("search");
  h.frames(2);
  CHECK(ImGui::GetIO().WantTextInput);
}

TEST_CASE("Escape closes a menu, and the console takes keys again") {
  Harness h;
  h.click("filter.status");
  REQUIRE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
  h.press(ImGuiKey_Escape);
  h.frames(2);
  CHECK_FALSE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
  // Focus is back on the console: `/` goes to the search box again.
  h.keystroke(ImGuiKey_Slash, "/");
  h.frames(3);
  CHECK(ImGui::GetIO().WantTextInput);
}
