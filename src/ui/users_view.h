// The Users screen: title with the total, the search box, Role and Status filters, the scope presets
// (organization members / all with sub-organizations / with no devices), the error banner, the empty
// state, and the users table.
#pragma once

#include "ui/filter_popup.h"
#include "ui/ui_context.h"
#include "ui/users_table.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace roster::ui {

class UsersView {
 public:
  void draw(UiContext& ctx);
  UsersTable& table() { return table_; }

 private:
  void draw_toolbar(UiContext& ctx);
  void draw_role_filter(UiContext& ctx);
  void draw_status_filter(UiContext& ctx);
  void draw_presets(UiContext& ctx);
  void draw_empty(UiContext& ctx, ImVec2 size);

  UsersTable table_;
  char search_buffer_[1024] = {};
  std::string shown_search_;
  bool search_active_ = false;  // last frame's state of the search box
  FilterPopup filter_;
};

}  // namespace roster::ui
