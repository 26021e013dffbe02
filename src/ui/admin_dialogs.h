// The administration dialogs and notices, one at a time, drawn over every screen: confirmations
// that name the person (Delete asks for their email to be typed), Change role, Transfer, Edit,
// Invite (with the day's remaining invitations), the bulk changes over the selection (tags, role,
// a confirmation that names the count), the outcome of a bulk change (what failed and why), and the
// 412 notice (someone else changed the user: their values now). Views open a dialog; the dialog
// emits the intents when the person confirms. Enter confirms, Escape cancels.
#pragma once

#include "api/admin_api.h"
#include "store/admin_desk.h"
#include "ui/org_picker.h"
#include "ui/ui_context.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace roster::ui {

class AdminDialogs {
 public:
  using Kind = store::UserChange::Kind;
  // One user: confirms (Suspend, End sessions, Delete) or asks for what the change needs (SetRole,
  // Transfer, Edit); Reactivate and Resend go at once.
  void open(UiContext& ctx, Kind kind, const User& user);
  void open_invite(UiContext& ctx);
  // Over the selection: `action` with what it needs (a tag, a role) or a confirmation.
  void open_bulk(UiContext& ctx, api::BulkAction action);
  bool is_open() const { return dialog_ != Dialog::None; }
  // Draws the open dialog and the notices; call once a frame after the screen.
  void draw(UiContext& ctx);

 private:
  enum class Dialog { None, Confirm, Role, Transfer, Edit, Invite, BulkTags, BulkRole, BulkConfirm };
  void draw_dialog(UiContext& ctx);
  void draw_notices(UiContext& ctx);
  bool body(UiContext& ctx);       // the dialog's fields; true when the person confirmed
  void edit_tags(UiContext& ctx);  // Edit's tag checkboxes, in rows that wrap
  void confirm(UiContext& ctx);
  bool field(UiContext& ctx, const char* name, const char* label_text, char* buffer, std::size_t size,
             const char* hint = "");
  std::string bulk_words(const UiContext& ctx) const;

  Dialog dialog_ = Dialog::None;
  bool opening_ = false;  // the popup is opened in the next draw (ImGui's OpenPopup needs the frame)
  Kind kind_ = Kind::Suspend;
  User user_;
  api::BulkAction bulk_ = api::BulkAction::AddTags;
  std::int64_t bulk_count_ = 0;
  int role_id_ = 3, org_id_ = 0;
  std::string org_name_;
  std::vector<int> tag_ids_;  // Add/Remove tag: the one chosen; Edit: the user's tags as edited
  char typed_[256] = {};      // Delete: the email typed; Invite: the email
  char name_[128] = {}, nick_[128] = {}, phone_[64] = {}, tz_[64] = {};
  std::string problem_;           // the form's own check, in words
  int invited_seen_ = 0;          // invitations the server took: one more closes the Invite dialog
  OrgPicker org_picker_;          // Transfer's and Invite's organization
  bool picker_was_open_ = false;  // its Escape closed it this frame: not the dialog's
  // What the accessibility mirror's copy of a field typed: (field, text), copied in at the next draw.
  std::optional<std::pair<std::string, std::string>> mirror_typed_;
};

}  // namespace roster::ui
