// The profile's Devices tab: the user's devices (Name, Status, Model, Last Updated), sorted on the
// server (an extension of "Devices by owner email"; not against the public API), with a summary line
// ("3 online, 1 offline") and a clear empty state.
#pragma once

#include "ui/data_table.h"
#include "ui/ui_context.h"

namespace roster::ui {

class ProfileDevicesTab {
 public:
  void draw(UiContext& ctx);

 private:
  DataTable table_;
};

}  // namespace roster::ui
