#include "ui/admin_dialogs.h"

#include "model/locale/messages.h"

#include "model/number_format.h"
#include "model/validation.h"
#include "ui/widgets.h"

#include "imgui_internal.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>

namespace roster::ui {

namespace {

// The width of a dialog's text and fields: 440 px, less on a phone so the dialog (its padding and a
// margin included) fits the screen.
float body_width(const Theme& t) {
  return std::max(t.px(200), std::min(t.px(440), ImGui::GetMainViewport()->WorkSize.x - t.px(16) * 2 - t.px(24) * 2));
}

// Where a dialog opens: a little above the middle, in the middle of a short screen; never taller than
// the screen (its content scrolls).
void place_dialog(const Theme& t, ImGuiCond cond) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float y = vp->WorkSize.y < t.px(700) ? 0.5f : 0.35f;
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * y), cond,
                          ImVec2(0.5f, y));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(vp->WorkSize.x - t.px(16), vp->WorkSize.y - t.px(16)));
}

constexpr const char* kPopup = "##admin-dialog";

std::string person(const User& u) { return (u.name.empty() ? u.email : u.name) + " (" + u.email + ")"; }

void copy(char* out, std::size_t size, const std::string& text) { std::snprintf(out, size, "%s", text.c_str()); }

// A paragraph of the dialog. For the accessibility mirror it is a paragraph too, or an alert when drawn
// in the error colour (a complaint about the form, a refusal: announced as it appears). Its id is its
// text's, so the same words keep their element from frame to frame.
void wrapped(UiContext& ctx, const std::string& text, ImU32 color = 0) {
  const Theme& t = ctx.theme;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + body_width(t));
  if (color) ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(color));
  ImGui::TextUnformatted(text.c_str());
  if (color) ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  const bool alert = color && color == t.colors.error;
  if (A11yNode* n =
          ctx.say("dialog.text." + std::to_string(std::hash<std::string>{}(text)), alert ? "alert" : "text", ""))
    n->value = text;
}

void label(const Theme& t, const char* text) {
  ImGui::Dummy(ImVec2(0, t.px(4)));
  ImGui::PushFont(t.fonts.small_bold);
  ImGui::TextColored(to_vec4(t.colors.muted), "%s", text);
  ImGui::PopFont();
}

// Radio buttons and checkboxes are as tall as a frame: the dialog's roomy text-field padding would make
// them oversized, so choices use a tighter one.
void push_choice_style(const Theme& t) { ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.px(4), t.px(3))); }

// A choice among radio buttons, said as a radio group of that name. `draw_radio` draws one and says it.
template <typename DrawRadios>
void radio_group(UiContext& ctx, const std::string& id, const std::string& name, DrawRadios draw_radios) {
  const std::string outer = ctx.a11y_parent;
  std::size_t group = 0;
  if (ctx.a11y) {
    group = ctx.a11y->nodes().size();
    ctx.a11y->add(id, outer, "radiogroup", name);
    ctx.a11y_parent = id;
  }
  draw_radios();
  if (ctx.a11y) ctx.a11y->span_later_nodes(group);
  ctx.a11y_parent = outer;
}

// A radio button or checkbox of the dialog just drawn, for the mirror (a sixth tag's is disabled).
void say_choice(UiContext& ctx, const std::string& id, const char* role, const std::string& name, bool on) {
  if (A11yNode* n = ctx.say_choice(id, role, name, on))
    if (ImGui::GetCurrentContext()->LastItemData.InFlags & ImGuiItemFlags_Disabled) n->disabled = 1;
}

void role_choice(UiContext& ctx, int& role_id, const char* id) {
  ImGui::PushID(id);
  push_choice_style(ctx.theme);
  radio_group(ctx, "dialog.role", tr(Msg::dialog_role), [&] {
    auto radio = [&](int r, const std::string& name) {
      if (ImGui::RadioButton(name.c_str(), role_id == r)) role_id = r;
      ctx.mark("dialog.role." + name);
      say_choice(ctx, "dialog.role." + std::to_string(r), "radio", name, role_id == r);
      ImGui::SameLine(0, ctx.theme.px(16));
    };
    for (const auto& r : ctx.store.roles()) radio(r.id, r.name);
    if (ctx.store.roles().empty())  // the public API has no roles call: the three default roles
      for (int r = 1; r <= 3; ++r) radio(r, ctx.store.role_name(r));
  });
  ImGui::NewLine();
  ImGui::PopStyleVar();
  ImGui::PopID();
}

const char* bulk_title(api::BulkAction a) {
  switch (a) {
    case api::BulkAction::AddTags: return tr(Msg::bulk_title_add_tags);
    case api::BulkAction::RemoveTags: return tr(Msg::bulk_title_remove_tags);
    case api::BulkAction::SetRole: return tr(Msg::bulk_title_set_role);
    case api::BulkAction::Suspend: return tr(Msg::bulk_suspend);
    case api::BulkAction::Reactivate: return tr(Msg::bulk_reactivate);
    case api::BulkAction::Delete: return tr(Msg::bulk_delete);
    case api::BulkAction::EndSessions: return tr(Msg::bulk_end_sessions);
  }
  return "";
}

}  // namespace

// A labelled text field of the dialog; editing it clears the form's complaint, which was about what it
// held. The mirror shows it as a real labelled field whose typing lands here at the next frame.
bool AdminDialogs::field(UiContext& ctx, const char* name, const char* label_text, char* buffer, std::size_t size,
                         const char* hint) {
  label(ctx.theme, label_text);
  const std::string imgui_id = std::string("##") + name;
  if (mirror_typed_ && mirror_typed_->first == name) {
    replace_field_text(imgui_id.c_str(), buffer, size, mirror_typed_->second);
    mirror_typed_.reset();
    problem_.clear();
  }
  ImGui::SetNextItemWidth(body_width(ctx.theme));
  bool enter = ImGui::InputTextWithHint(imgui_id.c_str(), hint, buffer, size, ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemEdited()) problem_.clear();
  ctx.mark(std::string("dialog.") + name);
  if (A11yNode* n = ctx.say(std::string("dialog.") + name, "textbox", label_text)) {
    n->value = buffer;
    n->set_text = [this, field = std::string(name)](const std::string& text) { mirror_typed_.emplace(field, text); };
  }
  return enter;
}

void AdminDialogs::open(UiContext& ctx, Kind kind, const User& user) {
  if (kind == Kind::Reactivate || kind == Kind::ResendInvitation) {
    store::UserChange c;
    c.kind = kind;
    c.target = user;
    ctx.emit(store::intent::ChangeUser{c});
    return;
  }
  kind_ = kind;
  user_ = user;
  typed_[0] = 0;
  problem_.clear();
  role_id_ = user.roleId;
  org_id_ = 0;
  org_name_.clear();
  switch (kind) {
    case Kind::SetRole: dialog_ = Dialog::Role; break;
    case Kind::Transfer: dialog_ = Dialog::Transfer; break;
    case Kind::Edit:
      dialog_ = Dialog::Edit;
      copy(name_, sizeof name_, user.name);
      copy(nick_, sizeof nick_, user.nickName.value_or(""));
      copy(phone_, sizeof phone_, user.phoneNumber.value_or(""));
      copy(tz_, sizeof tz_, user.tz.value_or("UTC"));
      tag_ids_.clear();
      if (user.tags)
        for (const auto& tag : *user.tags) tag_ids_.push_back(tag.id);
      ctx.emit(store::intent::LoadTags{user.orgId});
      break;
    default: dialog_ = Dialog::Confirm; break;
  }
  opening_ = true;
}

void AdminDialogs::open_invite(UiContext& ctx) {
  dialog_ = Dialog::Invite;
  typed_[0] = name_[0] = 0;
  role_id_ = 3;
  problem_.clear();
  const auto& session = ctx.store.session();
  org_id_ = ctx.store.route().users.org_id ? ctx.store.route().users.org_id : (session ? session->org_id : 0);
  org_name_ = session && org_id_ == session->org_id ? session->org_name : "";
  ctx.emit(store::intent::LoadInviteQuota{org_id_});
  opening_ = true;
}

void AdminDialogs::open_bulk(UiContext& ctx, api::BulkAction action) {
  bulk_ = action;
  bulk_count_ = ctx.store.selected_count();
  typed_[0] = 0;
  tag_ids_.clear();
  role_id_ = 3;
  problem_.clear();
  if (action == api::BulkAction::AddTags || action == api::BulkAction::RemoveTags) {
    const auto& session = ctx.store.session();
    org_id_ = ctx.store.route().users.org_id ? ctx.store.route().users.org_id : (session ? session->org_id : 0);
    ctx.emit(store::intent::LoadTags{org_id_});
    dialog_ = Dialog::BulkTags;
  } else if (action == api::BulkAction::SetRole) {
    dialog_ = Dialog::BulkRole;
  } else {
    dialog_ = Dialog::BulkConfirm;
  }
  opening_ = true;
}

std::string AdminDialogs::bulk_words(const UiContext& ctx) const {
  std::string tag;
  if (const auto* tags = ctx.store.admin().tags(org_id_))
    for (const auto& t : *tags)
      if (!tag_ids_.empty() && t.id == tag_ids_[0]) tag = t.name;
  switch (bulk_) {
    case api::BulkAction::AddTags: return tr_count(Msg::bulk_words_add_tags, bulk_count_, {{"tag", tag}});
    case api::BulkAction::RemoveTags: return tr_count(Msg::bulk_words_remove_tags, bulk_count_, {{"tag", tag}});
    case api::BulkAction::SetRole:
      return tr_count(Msg::bulk_words_set_role, bulk_count_, {{"role", ctx.store.role_name(role_id_)}});
    case api::BulkAction::Suspend: return tr_count(Msg::bulk_words_suspend, bulk_count_);
    case api::BulkAction::Reactivate: return tr_count(Msg::bulk_words_reactivate, bulk_count_);
    case api::BulkAction::Delete: return tr_count(Msg::bulk_words_delete, bulk_count_);
    case api::BulkAction::EndSessions: return tr_count(Msg::bulk_words_end_sessions, bulk_count_);
  }
  return "";
}

void AdminDialogs::draw(UiContext& ctx) {
  draw_dialog(ctx);
  draw_notices(ctx);
}

void AdminDialogs::edit_tags(UiContext& ctx) {
  const Theme& t = ctx.theme;
  constexpr std::size_t kMaxTags = 5;  // the contract's limit per user
  label(t, tr(Msg::dialog_tags_label, {{"max", static_cast<std::int64_t>(kMaxTagsPerUser)}}).c_str());
  const auto* tags = ctx.store.admin().tags(user_.orgId);
  if (!tags) return wrapped(ctx, tr(Msg::dialog_tags_loading), t.colors.muted);
  if (tags->empty()) return wrapped(ctx, tr(Msg::dialog_no_tags), t.colors.muted);
  push_choice_style(t);
  const float right = ImGui::GetCursorPosX() + body_width(t);
  bool first = true;
  for (const auto& tag : *tags) {
    auto at = std::find(tag_ids_.begin(), tag_ids_.end(), tag.id);
    bool on = at != tag_ids_.end();
    const float width =
        ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(tag.name.c_str()).x;
    if (!first) {
      ImGui::SameLine(0, t.px(16));
      if (ImGui::GetCursorPosX() + width > right) ImGui::NewLine();
    }
    first = false;
    ImGui::PushID(tag.id);  // two tags may share a name
    ImGui::BeginDisabled(!on && tag_ids_.size() >= kMaxTags);
    if (ImGui::Checkbox(tag.name.c_str(), &on)) {
      problem_.clear();
      if (on)
        tag_ids_.push_back(tag.id);
      else
        tag_ids_.erase(at);
    }
    ImGui::PopID();
    ctx.mark("dialog.tag." + tag.name);
    say_choice(ctx, "dialog.tag." + std::to_string(tag.id), "checkbox", tag.name, on);
    ImGui::EndDisabled();
  }
  ImGui::PopStyleVar();
}

bool AdminDialogs::body(UiContext& ctx) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  bool enter = false;
  switch (dialog_) {
    case Dialog::Confirm:
      if (kind_ == Kind::Delete) {
        std::string words = tr(Msg::dialog_delete_question, {{"person", person(user_)}});
        if (user_.devicesCount && *user_.devicesCount > 0)
          words += " " + tr_count(Msg::dialog_devices_stay, *user_.devicesCount,
                                  {{"org", user_.orgName.value_or(tr(Msg::dialog_their_org))}});
        wrapped(ctx, words + " " + tr(Msg::dialog_cannot_undo));
        enter = field(ctx, "confirm", tr(Msg::dialog_type_email), typed_, sizeof typed_, user_.email.c_str());
      } else if (kind_ == Kind::Suspend) {
        wrapped(ctx, tr(Msg::dialog_suspend_question, {{"person", person(user_)}}));
      } else {
        wrapped(ctx, tr(Msg::dialog_end_sessions_question, {{"person", person(user_)}}));
      }
      break;
    case Dialog::Role:
      wrapped(ctx, tr(Msg::dialog_role_of, {{"person", person(user_)}}));
      role_choice(ctx, role_id_, "role");
      break;
    case Dialog::Transfer:
      wrapped(ctx, tr(Msg::dialog_move_person, {{"person", person(user_)}}));
      label(t, tr(Msg::dialog_organization));
      org_picker_.draw(ctx, "dialog.org", org_id_, tr(Msg::dialog_choose_org), body_width(t));
      label(t, tr(Msg::dialog_role_there));
      role_choice(ctx, role_id_, "role");
      break;
    case Dialog::Edit:
      enter = field(ctx, "name", tr(Msg::dialog_name), name_, sizeof name_);
      enter = field(ctx, "nick", tr(Msg::dialog_nickname), nick_, sizeof nick_) || enter;
      enter = field(ctx, "phone", tr(Msg::dialog_phone), phone_, sizeof phone_, "+380441234567") || enter;
      enter = field(ctx, "tz", tr(Msg::dialog_time_zone), tz_, sizeof tz_, "Europe/Kyiv") || enter;
      edit_tags(ctx);
      break;
    case Dialog::Invite: {
      const auto& quota = ctx.store.admin().quota();
      if (quota)
        wrapped(ctx, tr(Msg::dialog_invites_left, {{"left", quota->left}, {"limit", quota->limit}}),
                quota->left > 0 ? p.muted : p.error);
      enter = field(ctx, "name", tr(Msg::dialog_name), name_, sizeof name_, "Mia Walker");
      enter = field(ctx, "email", tr(Msg::dialog_email), typed_, sizeof typed_, "mia.walker@example.com") || enter;
      label(t, tr(Msg::dialog_role));
      role_choice(ctx, role_id_, "role");
      label(t, tr(Msg::dialog_organization));
      org_picker_.draw(ctx, "dialog.org", org_id_, tr(Msg::dialog_choose_org), body_width(t));
      if (!ctx.store.admin().invite_error().empty()) wrapped(ctx, ctx.store.admin().invite_error(), p.error);
      break;
    }
    case Dialog::BulkTags: {
      const auto* tags = ctx.store.admin().tags(org_id_);
      if (!tags) {
        wrapped(ctx, tr(Msg::dialog_tags_loading), p.muted);
      } else if (tags->empty()) {
        wrapped(ctx, tr(Msg::dialog_no_tags), p.muted);
      } else {
        push_choice_style(t);
        radio_group(ctx, "dialog.tags", tr(Msg::dialog_tag), [&] {
          for (const auto& tag : *tags) {
            bool on = !tag_ids_.empty() && tag_ids_[0] == tag.id;
            if (ImGui::RadioButton(tag.name.c_str(), on)) tag_ids_ = {tag.id};
            ctx.mark("dialog.tag." + tag.name);
            say_choice(ctx, "dialog.tag." + std::to_string(tag.id), "radio", tag.name, on);
          }
        });
        ImGui::PopStyleVar();
      }
      if (!tag_ids_.empty()) wrapped(ctx, bulk_words(ctx) + ".", p.muted);
      break;
    }
    case Dialog::BulkRole:
      role_choice(ctx, role_id_, "role");
      wrapped(ctx, bulk_words(ctx) + ".", p.muted);
      break;
    case Dialog::BulkConfirm:
      wrapped(ctx, bulk_words(ctx) + "?" +
                       (bulk_ == api::BulkAction::Delete ? " " + std::string(tr(Msg::dialog_delete_users_note))
                                                         : std::string()));
      if (bulk_ == api::BulkAction::Delete)
        enter = field(ctx, "confirm", tr(Msg::dialog_number_of_users), typed_, sizeof typed_,
                      group_digits(bulk_count_).c_str());
      break;
    case Dialog::None: break;
  }
  if (!problem_.empty()) {
    wrapped(ctx, problem_, p.error);
    ctx.mark("dialog.problem");
  }
  if (org_picker_.is_open()) return false;  // Enter chooses in the picker
  return enter || ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false);
}

void AdminDialogs::confirm(UiContext& ctx) {
  problem_.clear();
  store::UserChange c;
  c.kind = kind_;
  c.target = user_;
  switch (dialog_) {
    case Dialog::Confirm:
      if (kind_ == Kind::Delete && user_.email != typed_) {
        problem_ = tr(Msg::dialog_type_email_exactly, {{"email", user_.email}});
        return;
      }
      break;
    case Dialog::Role: c.role_id = role_id_; break;
    case Dialog::Transfer:
      if (!org_id_) {
        problem_ = tr(Msg::dialog_choose_move_org);
        return;
      }
      c.org_id = org_id_;
      c.org_name = org_name_;
      c.role_id = role_id_;
      break;
    case Dialog::Edit: {
      c.edit = {name_, nick_, phone_, tz_, tag_ids_};
      for (const std::string& words : {validate_name(name_), *nick_ ? validate_nick_name(nick_) : std::string(),
                                       *phone_ ? validate_phone_number(phone_) : std::string()})
        if (!words.empty()) {
          problem_ = words;
          return;
        }
      break;
    }
    case Dialog::Invite: {
      for (const std::string& words : {validate_name(name_), validate_email(typed_)})
        if (!words.empty()) {
          problem_ = words;
          return;
        }
      ctx.emit(store::intent::InviteUser{api::Invitation{typed_, name_, role_id_, org_id_}});
      return;  // the dialog stays until the server accepts (or shows why not)
    }
    case Dialog::BulkTags:
    case Dialog::BulkRole:
    case Dialog::BulkConfirm: {
      if (dialog_ == Dialog::BulkTags && tag_ids_.empty()) {
        problem_ = tr(Msg::dialog_choose_tag);
        return;
      }
      if (bulk_ == api::BulkAction::Delete) {
        std::string typed = typed_;
        typed.erase(std::remove(typed.begin(), typed.end(), ','), typed.end());
        if (typed != std::to_string(bulk_count_)) {
          problem_ = tr(Msg::dialog_type_count, {{"count", bulk_count_}});
          return;
        }
      }
      ctx.emit(store::intent::RunBulk{bulk_, role_id_, tag_ids_, bulk_words(ctx)});
      dialog_ = Dialog::None;
      ImGui::CloseCurrentPopup();
      return;
    }
    case Dialog::None: return;
  }
  ctx.emit(store::intent::ChangeUser{c});
  dialog_ = Dialog::None;
  ImGui::CloseCurrentPopup();
}

void AdminDialogs::draw_dialog(UiContext& ctx) {
  if (dialog_ == Dialog::None) return;
  const Theme& t = ctx.theme;
  if (opening_) {
    ImGui::OpenPopup(kPopup);
    opening_ = false;
  }
  place_dialog(t, ImGuiCond_Appearing);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.px(24), t.px(20)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, t.px(10));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.px(10), t.px(7)));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.px(8), t.px(8)));
  ImGui::PushStyleColor(ImGuiCol_PopupBg, to_vec4(t.colors.surface));
  ImGui::PushStyleColor(ImGuiCol_ModalWindowDimBg, ImVec4(0, 0, 0, 0.35f));
  if (ImGui::BeginPopupModal(
          kPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove)) {
    const char* title = "";
    switch (dialog_) {
      case Dialog::Confirm:
        title = tr(kind_ == Kind::Delete    ? Msg::dialog_title_delete_user
                   : kind_ == Kind::Suspend ? Msg::dialog_title_suspend_user
                                            : Msg::dialog_title_end_sessions);
        break;
      case Dialog::Role: title = tr(Msg::dialog_title_change_role); break;
      case Dialog::Transfer: title = tr(Msg::dialog_title_transfer); break;
      case Dialog::Edit: title = tr(Msg::dialog_title_edit_user); break;
      case Dialog::Invite: title = tr(Msg::dialog_title_invite); break;
      default: title = bulk_title(bulk_); break;
    }
    const std::string outer = say_dialog(ctx, "dialog", title);
    ImGui::PushFont(t.fonts.title);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(body_width(t), t.px(2)));
    if (ImGui::IsWindowAppearing() &&
        (dialog_ == Dialog::Edit || dialog_ == Dialog::Invite || (dialog_ == Dialog::Confirm && kind_ == Kind::Delete)))
      ImGui::SetKeyboardFocusHere();
    const bool enter = body(ctx);
    ImGui::Dummy(ImVec2(0, t.px(6)));
    const bool destructive =
        (dialog_ == Dialog::Confirm) || (dialog_ == Dialog::BulkConfirm && bulk_ != api::BulkAction::Reactivate);
    const char* ok = dialog_ == Dialog::Invite
                         ? tr(ctx.store.admin().inviting() ? Msg::dialog_inviting : Msg::dialog_send_invitation)
                     : dialog_ == Dialog::Confirm ? tr(kind_ == Kind::Delete    ? Msg::bulk_delete
                                                       : kind_ == Kind::Suspend ? Msg::bulk_suspend
                                                                                : Msg::bulk_end_sessions)
                     : destructive                ? bulk_title(bulk_)
                                                  : tr(Msg::dialog_save);
    const bool cannot_undo = (dialog_ == Dialog::Confirm && kind_ != Kind::EndSessions) ||
                             (dialog_ == Dialog::BulkConfirm && bulk_ == api::BulkAction::Delete);
    bool go = cannot_undo ? danger_button(t, ok) : primary_button(t, ok);
    ctx.mark("dialog.ok");
    if (A11yNode* n = ctx.say("dialog.ok", "button", ok)) n->clicks = true;
    ImGui::SameLine(0, t.px(8));
    bool cancel = secondary_button(t, tr(Msg::dialog_cancel));
    ctx.mark("dialog.cancel");
    if (A11yNode* n = ctx.say("dialog.cancel", "button", tr(Msg::dialog_cancel))) n->clicks = true;
    ctx.a11y_parent = outer;
    if (go || enter) confirm(ctx);
    picker_was_open_ = org_picker_.is_open();
    if (dialog_ == Dialog::Invite && ctx.store.admin().invited_count() != invited_seen_) {
      invited_seen_ = ctx.store.admin().invited_count();
      dialog_ = Dialog::None;
      ImGui::CloseCurrentPopup();
    }
    if (cancel || (ImGui::IsKeyPressed(ImGuiKey_Escape, false) && !org_picker_.is_open() && !picker_was_open_)) {
      dialog_ = Dialog::None;
      ctx.emit(store::intent::DismissAdminNotice{});
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  } else if (!opening_) {
    dialog_ = Dialog::None;
  }
  ImGui::PopStyleColor(2);
  ImGui::PopStyleVar(4);
}

void AdminDialogs::draw_notices(UiContext& ctx) {
  const auto& admin = ctx.store.admin();
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  const bool bulk = admin.bulk_run().has_value(), conflict = admin.conflict().has_value();
  if ((!bulk && !conflict) || dialog_ != Dialog::None) return;
  place_dialog(t, ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.px(24), t.px(20)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, t.px(10));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(p.surface));
  ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(p.border));
  ImGui::Begin("##admin-notice", nullptr,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse);
  const std::string outer =
      say_dialog(ctx, "notice", conflict ? std::string(tr(Msg::notice_conflict_title)) : admin.bulk_run()->description);
  ImGui::PushFont(t.fonts.title);
  if (conflict) {
    const auto& c = *admin.conflict();
    ImGui::TextUnformatted(tr(Msg::notice_conflict_title));
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(body_width(t), t.px(2)));
    wrapped(ctx, tr(Msg::notice_conflict_text, {{"what", c.what}}));
    wrapped(ctx,
            tr(Msg::notice_conflict_now, {{"name", c.now.name},
                                          {"role", ctx.store.role_name(c.now.roleId)},
                                          {"status", c.now.status ? status_word(*c.now.status) : "\xE2\x80\x94"},
                                          {"org", c.now.orgName.value_or(std::to_string(c.now.orgId))}}),
            p.muted);
    wrapped(ctx, tr(Msg::notice_again));
  } else {
    const auto& run = *admin.bulk_run();
    ImGui::TextUnformatted(run.description.c_str());
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(body_width(t), t.px(2)));
    if (run.running) {
      wrapped(ctx, tr(Msg::notice_working), p.muted);
    } else if (run.error) {
      wrapped(ctx, tr(Msg::notice_nothing_changed, {{"error", *run.error}}), p.error);
    } else if (run.result) {
      const auto& r = *run.result;
      wrapped(ctx, tr_count(Msg::notice_changed, r.matched, {{"changed", r.changed}}));
      if (!r.failed.empty()) {
        wrapped(ctx, tr(Msg::notice_not_changed, {{"count", static_cast<std::int64_t>(r.failed.size())}}), p.error);
        const std::size_t shown = std::min<std::size_t>(r.failed.size(), 8);
        for (std::size_t i = 0; i < shown; ++i)
          wrapped(ctx,
                  tr(Msg::notice_user_failed,
                     {{"id", std::to_string(r.failed[i].user_id)}, {"message", r.failed[i].message}}),
                  p.muted);
        if (r.failed.size() > shown)
          wrapped(ctx, tr(Msg::notice_and_more, {{"count", static_cast<std::int64_t>(r.failed.size() - shown)}}),
                  p.muted);
      }
    }
  }
  ImGui::Dummy(ImVec2(0, t.px(6)));
  if (!(bulk && admin.bulk_run()->running)) {
    if (primary_button(t, tr(Msg::notice_ok)) || ImGui::IsKeyPressed(ImGuiKey_Enter, false) ||
        ImGui::IsKeyPressed(ImGuiKey_Escape, false))
      ctx.emit(store::intent::DismissAdminNotice{});
    ctx.mark("notice.ok");
    if (A11yNode* n = ctx.say("notice.ok", "button", tr(Msg::notice_ok)))
      n->intent = store::intent::DismissAdminNotice{};
  }
  ctx.a11y_parent = outer;
  ImGui::End();
  ImGui::PopStyleColor(2);
  ImGui::PopStyleVar(2);
}

}  // namespace roster::ui
