// The console's Tab order (WCAG 2.1.1, 2.1.2, 2.4.3, 2.4.7). ImGui's own tabbing only visits text
// fields of one window and wraps around, which traps the keyboard in the canvas; this chain visits
// the console's controls in the order they are drawn (rail, top bar, search, filters, table, a
// profile's tabs...), draws a focus ring around the one focused from the keyboard, and says when a
// Tab at either end must leave the canvas for the host page (the platform then lets the browser's
// own Tab happen). Views declare each control as a stop right after drawing it:
//
//   bool clicked = ImGui::InvisibleButton("nav", size);
//   FocusChain::Stop s = ctx.focus->stop("nav.users");  // Enter or Space on it press the button
//
// Popups and dialogs keep ImGui's own Tab (a modal dialog holds the keyboard, as a DOM one does).
#pragma once

#include "imgui.h"

#include <string>
#include <vector>

namespace roster::ui {

struct Theme;
struct Layout;

class FocusChain {
 public:
  struct Stop {
    bool focused = false;       // this stop has the keyboard focus (keys such as arrows are its own)
    bool just_focused = false;  // it got it by the last frame's Tab, Shift+Tab or entering the canvas
    bool keyboard = false;      // focused, and from the keyboard (the ring shows)
  };

  // Before the views draw: reads Tab and Shift+Tab (when no popup is open) and the mouse.
  void begin_frame();
  // After the last item of a control: declares it a stop, named (stable across frames). Enter or
  // Space on a focused stop press the item (ImGui's activation, as a click would) unless
  // `activate` is false (a stop with keys of its own: the users grid, the tab list).
  Stop stop(const std::string& name, bool activate = true);
  // The same for a stop whose ring goes around [min, max] (a tab list: its current tab).
  Stop stop_at(const std::string& name, ImVec2 min, ImVec2 max, bool activate = true);
  // After the views: moves the focus as the Tab pressed this frame asks, and draws the ring (its
  // rectangle goes in `layout` as "focus", for tests and the host page's state()).
  void end_frame(const Theme& theme, Layout* layout = nullptr);

  // Whether a Tab (or Shift+Tab with `backward`) pressed now must leave the canvas: the focus is on
  // the last stop (first), or the chain is empty. Asked by the platform at the browser's keydown,
  // on the stops of the last frame.
  bool tab_leaves(bool backward) const;
  // The focus left the canvas (the browser took the Tab): nothing is focused until it comes back.
  void leave();
  // The canvas got the DOM focus from the keyboard: `backward` (Shift+Tab from after the console)
  // starts at the last stop, else at the first.
  void enter(bool backward);
  // Makes the last item, a text field, ready for typing next frame (as a click would): for a stop
  // that Tab just reached.
  static void type_into_last_item();
  // Focus a stop by name (a view's own shortcut, such as `/` for the search box).
  void focus(const std::string& name);

  const std::string& focused() const { return focused_; }
  // Where stop `name` was drawn last frame; false when it was not.
  bool stop_rect(const std::string& name, ImVec2& min, ImVec2& max) const;
  bool ring_visible() const { return keyboard_ && !focused_.empty(); }
  std::vector<std::string> order() const;  // the last frame's stops, in Tab order

 private:
  struct Entry {
    std::string name;
    ImGuiID id = 0;
    ImVec2 min, max;
    bool activate = true;
  };
  std::vector<Entry> stops_;  // this frame's, in drawing order
  std::vector<Entry> last_;   // the last frame's: Enter's target and the platform's questions
  bool popup_open_ = false;   // as of the last frame: a menu or dialog holds the keys
  std::string focused_;
  std::string just_;       // focused by this frame's move, for Stop::just_focused next frame
  bool keyboard_ = false;  // the focus came from the keyboard: the ring shows
  int move_ = 0;           // +1 Tab, -1 Shift+Tab pressed this frame
  int enter_ = 0;          // +1 / -1: the canvas was entered; the focus goes to the first / last stop
  ImGuiID activate_ = 0;   // the stop that Enter or Space pressed this frame
};

}  // namespace roster::ui
