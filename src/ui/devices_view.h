// The Devices screen (#/devices). Its list arrives with the profile work (issue 9); until then the
// screen says so rather than showing an empty table.
#pragma once

#include "ui/ui_context.h"

namespace roster::ui {

void draw_devices_view(UiContext& ctx);

}  // namespace roster::ui
