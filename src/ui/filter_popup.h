// A multi-select filter: a button ("Role", "Role · 2" when some are chosen) that opens a popup of
// checkboxes with OK and Reset. The choice is a draft until OK. Layout names: filter.<id>,
// filter.<id>.<option text>, filter.<id>.ok.
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

}  // namespace roster::ui
