// The Actions Log's activity histogram: actions per bucket of the interval, stacked by client with a
// legend; hovering a bar shows its counts, clicking a bar or dragging over bars narrows the interval
// to them (returned as a custom range for the caller to emit). Drawn with ImDrawList.
#pragma once

#include "model/actions_histogram.h"
#include "model/actions_query.h"
#include "ui/ui_context.h"

#include <optional>

namespace roster::ui {

// The colour of a client's bars and legend swatch, by its index in kActionClients.
ImU32 client_color(int client_index, bool dark);

class ActivityHistogram {
 public:
  // Draws in the full width, `height` tall; returns the narrowed interval when the person chose one.
  std::optional<Interval> draw(UiContext& ctx, const ActionsHistogram& histogram, const Interval& interval,
                               float height);

 private:
  int drag_from_ = -1;  // the bucket a drag began on
};

}  // namespace roster::ui
