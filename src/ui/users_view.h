// The Users screen: title with the total, the search box, Role and Status filters, the scope presets
// (organization members / all with sub-organizations / with no devices), the error banner, the empty
// state, and the users table.
#pragma once

#include "ui/ui_context.h"
#include "ui/users_table.h"

#include <string>
#include <vector>

namespace roster::ui {

class UsersView {
 public:
  void draw(UiContext& ctx);
  UsersTable& table() { return table_; }
  void focus_search() { focus_search_ = true; }

 private:
  void draw_toolbar(UiContext& ctx);
  void draw_role_filter(UiContext& ctx);
  void draw_status_filter(UiContext& ctx);
  void draw_presets(UiContext& ctx);
  void draw_empty(UiContext& ctx, ImVec2 size);

  UsersTable table_;
  char search_buffer_[1024] = {};
  std::string shown_search_;
  bool focus_search_ = false;
  bool search_active_ = false;  // last frame's state of the search box
  std::vector<int> role_draft_;
  std::vector<std::string> status_draft_;
};

// The banner above content when a request failed: what happened, in words, and Retry.
void error_banner(UiContext& ctx, const std::string& message);

}  // namespace roster::ui
