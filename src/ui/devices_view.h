// The Devices screen (#/devices): the organization's devices with a search and server-side sort,
// infinite scroll like the users list; the owner's name links to their profile.
#pragma once

#include "ui/data_table.h"
#include "ui/ui_context.h"

#include <optional>
#include <string>

namespace roster::ui {

class DevicesView {
 public:
  void draw(UiContext& ctx);
  const DataTable& table() const { return table_; }

 private:
  void draw_search(UiContext& ctx);
  void draw_owner_cell(UiContext& ctx, const Device& d, std::int64_t screen_row, float row_h);

  DataTable table_;
  char search_[256] = {};
  std::string shown_search_;
  bool search_active_ = false;
  std::optional<std::string> mirror_typed_;  // the accessibility mirror's field typed this, for the next frame
};

}  // namespace roster::ui
