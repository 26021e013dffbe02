// What every view gets for a frame: the store to read, the list its intents go into, the theme, the
// time, and the viewer's UTC offset. Views read the store (const) and emit intents, which the frame
// applies after drawing; they never change state while drawing, nor touch the network or the DOM.
#pragma once

#include "model/time_format.h"
#include "store/intent.h"
#include "store/store.h"
#include "ui/a11y_tree.h"
#include "ui/focus_chain.h"
#include "ui/theme.h"

#include <cstdint>
#include <map>
#include <string>

namespace roster::ui {

class AdminDialogs;
class ScrollAway;

// Where the controls a person (or a test, or a host page) aims at were drawn last frame, in device
// pixels: the search box, column headers, filter buttons and popup items, the rows' name cells.
struct Layout {
  struct Rect {
    float x0, y0, x1, y1;
  };
  std::map<std::string, Rect> rects;
  void put(const std::string& name, ImVec2 min, ImVec2 max) { rects[name] = {min.x, min.y, max.x, max.y}; }
  void put_last_item(const std::string& name) { put(name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()); }
};

struct UiContext {
  const store::Store& store;
  store::Intents& intents;
  Theme& theme;
  std::int64_t now_ms = 0;
  OffsetAt offset_at = nullptr;  // the viewer's zone: times on screen use the offset at their instant
  int offset(std::int64_t epoch_ms) const { return offset_at ? offset_at(epoch_ms) : 0; }
  bool kiosk = false;
  Layout* layout = nullptr;         // filled while drawing, when the platform asks for it
  AdminDialogs* dialogs = nullptr;  // the administration dialogs (the shell's), which views open
  // The accessibility mirror's nodes, filled while drawing when the platform keeps a mirror (null:
  // views build nothing for it). a11y_parent is the node new ones go under (the screen's main).
  A11yTree* a11y = nullptr;
  std::string a11y_parent;
  FocusChain* focus = nullptr;  // the Tab order (the shell's); none in kiosk mode
  // The screen's top that scrolls away (ui/scroll_away.h): a table filling the screen says where it starts.
  ScrollAway* scroll_away = nullptr;
  void mark(const std::string& name) const {
    if (layout) layout->put_last_item(name);
  }
  void emit(store::Intent intent) const { intents.emit(std::move(intent)); }
  // A node for ImGui's last item, under a11y_parent; null when no mirror is kept. Use it at once
  // (the next node added may move it).
  A11yNode* say(const std::string& id, const char* role, const std::string& name) const {
    return a11y ? &a11y->add_last_item(id, a11y_parent, role, name) : nullptr;
  }
  // The last item is a Tab stop (ui/focus_chain.h).
  FocusChain::Stop stop(const std::string& name, bool activate = true) const {
    return focus ? focus->stop(name, activate) : FocusChain::Stop{};
  }
  FocusChain::Stop stop_at(const std::string& name, ImVec2 min, ImVec2 max, bool activate = true) const {
    return focus ? focus->stop_at(name, min, max, activate) : FocusChain::Stop{};
  }
};

// A dialog (a modal popup) for the accessibility mirror: a node over the current window, named
// `name`, made the parent of the nodes said after it. Returns the parent to put back when it ends.
// The same for a menu (a popup of choices): a "menu" node whose items are said after it. A dialog
// stands on its own; a menu belongs to the landmark of the button that opened it.
inline std::string say_popup(UiContext& ctx, const std::string& id, const char* role, const std::string& name) {
  std::string outer = ctx.a11y_parent;
  if (!ctx.a11y) return outer;
  const ImVec2 a = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  A11yNode& n = ctx.a11y->add(id, std::string(role) == "dialog" ? "" : outer, role, name);
  n.x0 = a.x, n.y0 = a.y, n.x1 = a.x + size.x, n.y1 = a.y + size.y;
  ctx.a11y_parent = id;
  return outer;
}
inline std::string say_dialog(UiContext& ctx, const std::string& id, const std::string& name) {
  std::string outer = say_popup(ctx, id, "dialog", name);
  if (ctx.a11y) ctx.a11y->nodes_back().modal = 1;
  return outer;
}
inline std::string say_menu(UiContext& ctx, const std::string& id, const std::string& name) {
  return say_popup(ctx, id, "menu", name);
}

}  // namespace roster::ui
