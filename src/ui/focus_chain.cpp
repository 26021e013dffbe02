#include "ui/focus_chain.h"

#include "imgui_internal.h"
#include "ui/theme.h"
#include "ui/ui_context.h"

#include <algorithm>

namespace roster::ui {

namespace {

bool any_popup_open() { return ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId); }

}  // namespace

void FocusChain::begin_frame() {
  move_ = 0;
  activate_ = 0;
  popup_open_ = any_popup_open();
  if (popup_open_) return;  // a menu or dialog has the keyboard (and ImGui's Tab inside it)
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsKeyPressed(ImGuiKey_Tab) && !io.KeyCtrl && !io.KeyAlt) {
    move_ = io.KeyShift ? -1 : +1;
    keyboard_ = true;
  }
  // Enter or Space press the focused stop, as ImGui's keyboard navigation would (which the console
  // leaves off: its arrow keys are the grid's). Not while a text field has the keys.
  const bool press = ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false) ||
                     ImGui::IsKeyPressed(ImGuiKey_Space, false);
  if (press && keyboard_ && !focused_.empty() && !ImGui::IsAnyItemActive()) {
    auto it = std::find_if(last_.begin(), last_.end(), [&](const Entry& e) { return e.name == focused_; });
    if (it != last_.end() && it->activate) {
      ImGuiContext& g = *ImGui::GetCurrentContext();
      g.NavNextActivateId = it->id;
      g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
      activate_ = it->id;
    }
  }
}

FocusChain::Stop FocusChain::stop(const std::string& name, bool activate) {
  return stop_at(name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), activate);
}

FocusChain::Stop FocusChain::stop_at(const std::string& name, ImVec2 min, ImVec2 max, bool activate) {
  stops_.push_back({name, ImGui::GetItemID(), min, max, activate});
  Stop s;
  s.focused = name == focused_;
  s.just_focused = s.focused && name == just_;
  s.keyboard = s.focused && keyboard_;
  return s;
}

void FocusChain::end_frame(const Theme& theme, Layout* layout) {
  just_.clear();
  auto index_of = [&](const std::string& name) {
    auto it = std::find_if(stops_.begin(), stops_.end(), [&](const Entry& e) { return e.name == name; });
    return it == stops_.end() ? -1 : static_cast<int>(it - stops_.begin());
  };
  const int count = static_cast<int>(stops_.size());
  if (enter_ && count) {
    focused_ = stops_[enter_ > 0 ? 0 : count - 1].name;
    just_ = focused_;
    keyboard_ = true;
  } else if (move_ && count) {
    const int at = index_of(focused_);
    const int next = at < 0 ? (move_ > 0 ? 0 : count - 1) : at + move_;
    if (next < 0 || next >= count) {
      focused_.clear();  // past either end: the browser moved the focus out of the canvas
    } else {
      focused_ = stops_[next].name;
      just_ = focused_;
    }
    // A text field that had the keys gives them up (ImGui would keep it active).
    if (ImGui::IsAnyItemActive()) ImGui::ClearActiveID();
  }
  enter_ = 0;
  // A click moves the focus to what was clicked (so Tab goes on from there), without the ring.
  if (ImGui::IsMouseClicked(0) || ImGui::IsMouseClicked(1)) {
    keyboard_ = false;
    const ImGuiID active = ImGui::GetActiveID();
    auto it = std::find_if(stops_.begin(), stops_.end(), [&](const Entry& e) { return active && e.id == active; });
    if (it != stops_.end()) focused_ = it->name;
  }
  if (keyboard_ && !any_popup_open()) {
    const int at = index_of(focused_);
    if (at >= 0) {
      // The ring: 2 CSS px of focus_ring (3:1 on every surface, tests/ui/contrast_test.cpp), 2 px
      // outside the control so it never covers the control's own border or text.
      const Entry& e = stops_[at];
      const float gap = theme.px(2), width = theme.px(2);
      const ImVec2 a(e.min.x - gap, e.min.y - gap), b(e.max.x + gap, e.max.y + gap);
      ImGui::GetForegroundDrawList()->AddRect(a, b, theme.colors.focus_ring, theme.px(6), 0, width);
      if (layout) layout->put("focus", a, b);
    }
  }
  last_ = std::move(stops_);
  stops_.clear();
}

bool FocusChain::tab_leaves(bool backward) const {
  if (popup_open_) return false;
  if (last_.empty()) return true;
  if (focused_.empty()) return false;  // Tab goes to the first stop, Shift+Tab to the last
  return focused_ == (backward ? last_.front().name : last_.back().name);
}

void FocusChain::type_into_last_item() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  g.NavNextActivateId = ImGui::GetItemID();
  g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
}

void FocusChain::leave() {
  focused_.clear();
  keyboard_ = false;
}

void FocusChain::enter(bool backward) { enter_ = backward ? -1 : +1; }

void FocusChain::focus(const std::string& name) {
  focused_ = name;
  just_ = name;
}

std::vector<std::string> FocusChain::order() const {
  std::vector<std::string> names;
  for (const auto& e : last_) names.push_back(e.name);
  return names;
}

bool FocusChain::stop_rect(const std::string& name, ImVec2& min, ImVec2& max) const {
  for (const Entry& e : last_)
    if (e.name == name) {
      min = e.min, max = e.max;
      return true;
    }
  return false;
}

}  // namespace roster::ui
