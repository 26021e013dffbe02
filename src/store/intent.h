// What a person (through a view) or the host page asks of the console: a closed set of values. Views
// only read the store while drawing and emit intents into the frame's list; the frame applies them
// all at one point, after the views have drawn (Store::apply), so no view ever sees a half-changed
// store. Intents that need the time get the frame's.
#pragma once

#include "api/admin_api.h"
#include "model/actions_query.h"
#include "model/devices_query.h"
#include "model/user.h"
#include "model/users_query.h"
#include "store/admin_desk.h"
#include "store/route.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace roster::store {

namespace intent {

struct Navigate {  // to a screen; a new history entry unless `push` is false
  Route route;
  bool push = true;
};
struct FollowLocation {  // Back/Forward or a hash typed into the address bar
  std::string hash;
};
struct SetSearchText {
  std::string text;
};
struct ClearSearch {};
struct SetSort {
  std::string label;  // a sortBy label, or empty for the server's order
  bool descending = false;
};
struct SetRoleFilter {
  std::vector<int> role_ids;
};
struct SetStatusFilter {
  std::vector<std::string> statuses;
};
struct SetNotSignedInFilter {  // the "Last sign-in" filter: not signed in for this many days; 0: any
  int days = 0;
};
struct SetPreset {
  UserPreset preset;
};
struct SetVisibleRows {
  std::int64_t first = 0, last = 0;
};
struct SelectRow {
  std::int64_t index = 0;
};
struct OpenUser {
  long long user_id = 0;
  std::optional<User> known = std::nullopt;  // the row the click came from: the profile's header draws from it at once
};
struct SetProfileTab {
  ProfileTab tab;
};
struct SetActionsQuery {  // the Actions Log tab's interval, clients, search or sort
  ActionsQuery query;
};
struct SetActionsVisibleRows {
  std::int64_t first = 0, last = 0;
};
struct SetProfileDevicesVisibleRows {
  std::int64_t first = 0, last = 0;
};
struct SetProfileDevicesSort {
  std::string label;  // a device sortBy label, or empty for the server's order
  bool descending = false;
};
struct SetDevicesQuery {  // the Devices screen's search or sort
  DevicesQuery query;
};
struct SetDevicesVisibleRows {
  std::int64_t first = 0, last = 0;
};
struct ToggleOrg {
  int org_id = 0;
};
// The organization picker (ui/org_picker.h; its state is store/org_search.h): one popup open at a time.
struct OrgPickerOpen {};  // a picker's popup opened: an empty field, the tree
struct OrgPickerClose {};
struct OrgPickerSearch {  // text typed into the picker's field
  std::string text;
};
struct OrgPickerToggle {  // a branch of the picker's tree
  int org_id = 0;
};
struct LookUpOrg {  // a picker shows an organization whose name the console does not know yet
  int org_id = 0;
};
struct Retry {};
struct ShowToast {
  std::string text;
};
struct SignOut {};
struct ChooseLanguage {  // the person menu's languages: a shipped locale's tag
  std::string tag;
};
struct KioskTouch {};  // someone touched (clicked, scrolled) a kiosk: its rotation holds for a while

// Administration (AdminDesk, Selection).
struct ChangeUser {
  UserChange change;
};
struct InviteUser {
  api::Invitation invitation;
};
struct LoadInviteQuota {
  int org_id = 0;
};
struct LoadTags {
  int org_id = 0;
};
struct ToggleSelected {  // a checkbox, or Ctrl/Cmd+click
  std::int64_t index = 0;
  User user;
};
struct ExtendSelection {  // Shift+click
  std::int64_t index = 0;
};
struct SelectAllMatching {};
struct ClearSelection {};
struct RunBulk {  // over the selection
  api::BulkAction action = api::BulkAction::AddTags;
  int role_id = 0;
  std::vector<int> tag_ids;
  std::string description;  // "Add the tag Field team to 1,204 users"
};
struct DismissAdminNotice {};  // the bulk result or the 412 notice was read
struct ExportUsers {
  bool selection = false;  // the selected rows, else the whole list
};
struct ExportActionsLog {};

}  // namespace intent

using Intent =
    std::variant<intent::Navigate, intent::FollowLocation, intent::SetSearchText, intent::ClearSearch, intent::SetSort,
                 intent::SetRoleFilter, intent::SetStatusFilter, intent::SetPreset, intent::SetVisibleRows,
                 intent::SelectRow, intent::OpenUser, intent::SetProfileTab, intent::SetActionsQuery,
                 intent::SetActionsVisibleRows, intent::SetProfileDevicesVisibleRows, intent::SetProfileDevicesSort,
                 intent::SetDevicesQuery, intent::SetDevicesVisibleRows, intent::ToggleOrg, intent::OrgPickerOpen,
                 intent::OrgPickerClose, intent::OrgPickerSearch, intent::OrgPickerToggle, intent::LookUpOrg,
                 intent::Retry, intent::ShowToast, intent::SignOut, intent::KioskTouch, intent::ChangeUser,
                 intent::InviteUser, intent::LoadInviteQuota, intent::LoadTags, intent::ToggleSelected,
                 intent::ExtendSelection, intent::SelectAllMatching, intent::ClearSelection, intent::RunBulk,
                 intent::DismissAdminNotice, intent::ExportUsers, intent::ExportActionsLog,
                 intent::SetNotSignedInFilter, intent::ChooseLanguage>;

// The intents of one frame, in the order they were emitted.
class Intents {
 public:
  void emit(Intent intent) { list_.push_back(std::move(intent)); }
  std::vector<Intent> take() {
    std::vector<Intent> out;
    out.swap(list_);
    return out;
  }
  bool empty() const { return list_.empty(); }

 private:
  std::vector<Intent> list_;
};

}  // namespace roster::store
