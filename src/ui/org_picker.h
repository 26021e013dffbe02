// An organization picker, for any screen or dialog that asks for one organization (the top bar's
// switcher, Transfer, Invite): a button showing the chosen organization's name and a chevron, which
// opens a popup:
// - a search field, with the keyboard as soon as the popup opens;
// - while the field is empty, the tree (the caller's organization, then its sub-organizations,
//   expanded with the chevrons or Right/Left); with text, the server's "Search organizations"
//   answer, each with its path ("Roster Demo Corp › Alpine Farms 3") in muted text, so two of one
//   name are told apart; "Showing 50 of 230" when there are more: typing narrows;
// - Up/Down (Page Up/Down) move the highlight, Enter or a click chooses, Esc (or a click outside)
//   closes; closed from the keyboard (Esc, Enter), the button keeps it (a focus ring): Enter, Space
//   or Down open it again. Enter typed before the answer to the text chooses once it is in.
// The popup opens below the button, or above it when the room below is short and there is more
// above; it never covers the button and stays inside the viewport.
//
// The store side is store/org_search.h, driven by the intents OrgPickerOpen, OrgPickerSearch,
// OrgPickerToggle, OrgPickerClose and LookUpOrg (the button asks for a name it does not know).
// One popup is open at a time (they share the store's search). Keep one OrgPicker per place it is
// drawn (it remembers its popup's state between frames).
//
// Layout names (UiContext::mark): "<id>" the button, "<id>.popup" the popup, "<id>.search" its
// field, "<id>.org.<org id>" each row, "<id>.toggle.<org id>" a tree row's chevron.
#pragma once

#include "ui/ui_context.h"

#include <string>

namespace roster::ui {

class OrgPicker {
 public:
  // Draws the button at the cursor (it is the last item afterwards). `chosen_org_id` is the
  // organization the button shows (0: none; `placeholder` shows, muted). When the person chooses an
  // organization other than it, sets it and returns true. `width`: the button's width in device
  // pixels; 0 fits the name (natural_width). Draw it before content that reads Enter or the arrows
  // (a table): the keys that open it are not seen by anything drawn after it in that frame.
  bool draw(UiContext& ctx, const char* id, int& chosen_org_id, const char* placeholder, float width = 0);
  // The width draw() gives the button for `width` 0: the name's, within [160, 280] CSS px.
  static float natural_width(const UiContext& ctx, int org_id, const char* placeholder);
  bool is_open() const { return open_; }

 private:
  // The open popup; the organization chosen in it this frame, or 0.
  int draw_popup(UiContext& ctx, const std::string& id, int chosen_org_id);
  void close(UiContext& ctx);

  bool open_ = false;          // this picker's popup is open
  bool just_opened_ = false;   // the field takes the keyboard, the popup picks its side
  bool above_ = false;         // the popup opens above the button (no room below)
  bool has_keyboard_ = false;  // the button keeps the keyboard after Esc or a choice
  char buffer_[256] = {};      // the field's text
  int highlight_ = 0;          // the highlighted row
  bool scroll_to_highlight_ = false;
  bool enter_pending_ = false;      // Enter before the answer to the typed text: chooses once it is in
  std::string shown_;               // what the rows show ("" the tree, else the text they answer): the highlight resets
  float top_y_ = 0, bottom_y_ = 0;  // the button's edges, for the popup
  float left_x_ = 0, button_w_ = 0;
};

}  // namespace roster::ui
