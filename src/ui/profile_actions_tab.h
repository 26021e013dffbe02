// The profile's Actions Log tab: interval presets (Last Hour ... 3 Months, Custom Range with date
// and time inputs validated in words), the Client filter, a search over action name and code, the
// activity histogram, and the log itself (Time, Organization Name, Client, Action Name, Action
// Code), paged and sorted on the server.
#pragma once

#include "ui/activity_histogram.h"
#include "ui/data_table.h"
#include "ui/filter_popup.h"
#include "ui/ui_context.h"

#include <string>

namespace roster::ui {

class ProfileActionsTab {
 public:
  void draw(UiContext& ctx);

 private:
  void draw_presets(UiContext& ctx, const ActionsQuery& q);
  void draw_custom_range(UiContext& ctx, const ActionsQuery& q);
  void draw_filters(UiContext& ctx, const ActionsQuery& q);
  void draw_cell(UiContext& ctx, int column, const ActionLogEntry& e, float row_h);

  DataTable table_;
  ActivityHistogram histogram_;
  FilterPopup clients_;
  bool custom_open_ = false;
  char from_text_[32] = {}, to_text_[32] = {};
  std::string custom_error_;
  char search_[256] = {};
  std::string shown_search_;
  bool search_active_ = false;
};

}  // namespace roster::ui
