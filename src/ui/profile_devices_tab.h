// The profile's Devices tab: the user's devices (Name, Status, Model, Last Updated), sortable, with
// a summary line ("3 online, 1 offline") and a clear empty state.
#pragma once

#include "ui/data_table.h"
#include "ui/ui_context.h"

namespace roster::ui {

class ProfileDevicesTab {
 public:
  void draw(UiContext& ctx);

 private:
  DataTable table_;
  SortChoice sort_;  // "Devices by owner email" has no server sort: the tab's sort stays local to it
};

}  // namespace roster::ui
