// Small drawing pieces shared by the views: status pills, initials avatars, placeholder bars,
// primary and secondary buttons, and text that is truncated with an ellipsis and shows a search
// match highlighted. They draw; they never change state.
#pragma once

#include "model/tag.h"
#include "model/text_match.h"
#include "ui/theme.h"

#include <cstdint>
#include <string>

namespace roster::ui {

// "OK" for "Olena Koval", "ΓΠ" for "Γιώργος Παπαδόπουλος": first letters of the first and last words.
std::string initials(const std::string& name);
// A stable background colour per user id (a person keeps their colour everywhere).
ImU32 avatar_color(std::int64_t user_id);
void avatar(const Theme& theme, const std::string& name, std::int64_t user_id, float diameter);

// A pill: tinted background, strong text, 12 px bold. Returns its width.
// The height of a badge (its font and padding), to centre a badge cell before drawing it.
float badge_height(const Theme& theme);
float badge(const Theme& theme, const char* text, ImU32 text_color, ImU32 fill);
void status_badge(const Theme& theme, const std::string& status);
// A tag in its organization colour ("#RRGGBB"; grey when the colour is not one).
void tag_chip(const Theme& theme, const Tag& tag);

void placeholder_bar(const Theme& theme, float width, float height);
// A card of `size` saying, in its middle, that there is nothing to show and what may help.
void empty_card(const Theme& theme, ImVec2 size, const std::string& message, const std::string& hint);

// A text tab: muted, the text colour on hover, the accent and bold with a line under it when active.
// Returns true when clicked; it is the last item (for the layout's name).
bool underline_tab(const Theme& theme, const char* label, bool active);

// Inside an open popup: Escape closes it, as on the web (ImGui does so only with keyboard navigation,
// which the console leaves off); ImGui gives the focus back to the window it was opened from.
void close_popup_on_escape();

// Items on a line that wraps (a toolbar on a phone, at 200 % zoom): before an item `width` wide
// that follows another, keeps it on that item's line when it ends before the window's right edge,
// else leaves it on the next line. Returns true when it stayed on the line.
bool flow_same_line(float width, float spacing);
// The width ImGui::Button gives `label` (the text before any "##") with the current style.
float framed_width(const char* label);
// The width of primary_button / secondary_button / danger_button(label): their text is bold.
float button_width(const Theme& t, const char* label);
// Puts `text` (typed into the accessibility mirror's copy of a field) into the buffer of the field
// `imgui_id` of the current window, as if typed there: an active ImGui field edits its own copy of
// the text, so it lets go of it first. Call before drawing the field.
void replace_field_text(const char* imgui_id, char* buffer, std::size_t size, const std::string& text);

bool primary_button(const Theme& theme, const char* label);
bool secondary_button(const Theme& theme, const char* label);
bool danger_button(const Theme& theme, const char* label);  // the confirming button of what cannot be undone

// `text` as it fits in `max_width` in the current font: whole, or its longest start that fits with "…".
std::string with_ellipsis(const std::string& text, float max_width);
// Draws `text` in at most `max_width`, ending in "…" when cut, with `match` (a search match found
// when the row arrived) highlighted. Returns true when the text was cut (the caller shows the whole
// text on hover).
bool fitted_text(const Theme& theme, const std::string& text, float max_width, ImU32 color = 0, TextMatch match = {});

}  // namespace roster::ui
