// The users toolbar's filters. A multi-select filter: a button ("Role", "Role · 2" when some are
// chosen) that opens a popup of checkboxes with OK and Reset; the choice is a draft until OK. A
// single-choice filter: a button ("Last sign-in", "Last sign-in · 90+ days" when one is chosen) that
// opens a popup of choices, one applied (and the popup closed) by a click. Popups open against their
// button, never over it (anchored_popup.h). Layout names: filter.<id>, filter.<id>.<option text>,
// filter.<id>.ok, filter.<id>.popup.
#pragma once

#include "ui/ui_context.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace roster::ui {

class FilterPopup {
 public:
  // `options` are (key, text) pairs; returns the chosen keys when OK or Reset was pressed.
  std::optional<std::vector<std::string>> draw(UiContext& ctx, const char* label, const char* id,
                                               const std::vector<std::pair<std::string, std::string>>& options,
                                               const std::vector<std::string>& current);

 private:
  std::vector<std::string> draft_;  // the open popup's choice until OK
};

// The width of a filter's button: its label, the count chosen (0: none) and the caret.
float filter_button_width(const char* label, std::size_t chosen);

// A single-choice filter. `options` are (key, text) pairs, the first the "any" choice (the button then
// reads `label` alone); `chosen_text` is what the button adds after `label` otherwise. Returns the key
// clicked, if any.
std::optional<std::string> choice_filter(UiContext& ctx, const char* label, const char* id,
                                         const std::vector<std::pair<std::string, std::string>>& options,
                                         const std::string& current, const std::string& chosen_text);

}  // namespace roster::ui
