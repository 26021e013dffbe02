#include "store/admin_desk.h"

#include "model/locale/messages.h"

namespace roster::store {

namespace {

using Kind = UserChange::Kind;

std::string who(const User& u) { return u.name.empty() ? u.email : u.name; }

// What the rows show while the change is on its way.
std::optional<User> expected(const UserChange& c) {
  User u = c.target;
  switch (c.kind) {
    case Kind::Suspend: u.status = "Suspended"; break;
    case Kind::Reactivate: u.status = u.lastLoggedAt ? "Active" : "Pending"; break;
    case Kind::SetRole: u.roleId = c.role_id; break;
    case Kind::Transfer:
      u.orgId = c.org_id;
      u.roleId = c.role_id;
      if (!c.org_name.empty()) u.orgName = c.org_name;
      break;
    case Kind::Edit:
      u.name = c.edit.name;
      u.nickName = c.edit.nick_name;
      u.phoneNumber = c.edit.phone;
      u.tz = c.edit.tz;
      break;
    case Kind::EndSessions:
    case Kind::ResendInvitation:
    case Kind::Delete: return std::nullopt;  // nothing of the row changes (a deleted row is dimmed)
  }
  return u;
}

std::string done_words(const UserChange& c, const User& u) {
  switch (c.kind) {
    case Kind::Suspend: return tr(Msg::desk_done_suspend, {{"who", who(u)}});
    case Kind::Reactivate: return tr(Msg::desk_done_reactivate, {{"who", who(u)}});
    case Kind::EndSessions: return tr(Msg::desk_done_end_sessions, {{"who", who(u)}});
    case Kind::ResendInvitation: return tr(Msg::desk_done_resend, {{"email", u.email}});
    case Kind::Delete: return tr(Msg::desk_done_delete, {{"who", who(u)}});
    case Kind::SetRole: return tr(Msg::desk_done_set_role, {{"who", who(u)}});
    case Kind::Edit: return tr(Msg::desk_done_edit, {{"who", who(u)}});
    case Kind::Transfer:
      return c.org_name.empty() ? tr(Msg::desk_done_move, {{"who", who(u)}})
                                : tr(Msg::desk_done_move_to, {{"who", who(u)}, {"org", c.org_name}});
  }
  return "";
}

}  // namespace

std::string change_what(UserChange::Kind kind, const std::string& who) {
  Msg key = Msg::desk_what_edit;
  switch (kind) {
    case Kind::Suspend: key = Msg::desk_what_suspend; break;
    case Kind::Reactivate: key = Msg::desk_what_reactivate; break;
    case Kind::EndSessions: key = Msg::desk_what_end_sessions; break;
    case Kind::ResendInvitation: key = Msg::desk_what_resend; break;
    case Kind::Delete: key = Msg::desk_what_delete; break;
    case Kind::SetRole: key = Msg::desk_what_set_role; break;
    case Kind::Edit: key = Msg::desk_what_edit; break;
    case Kind::Transfer: key = Msg::desk_what_move; break;
  }
  return tr(key, {{"who", who}});
}

void AdminDesk::change(const UserChange& c, std::int64_t now) {
  const std::int64_t id = c.target.id;
  if (auto shown = expected(c)) patches_.push_back({*shown, "", false});
  if (c.kind == Kind::Delete) removed_[id] = true;
  ++pending_[id];
  changed_ = true;
  auto on_user = [this, c, now](api::Result<User> r) { answered(c, r, now); };
  switch (c.kind) {
    case Kind::Suspend: client_.change_user(api::UserAction::Suspend, id, c.etag, on_user, now); break;
    case Kind::Reactivate: client_.change_user(api::UserAction::Reactivate, id, c.etag, on_user, now); break;
    case Kind::ResendInvitation: client_.change_user(api::UserAction::ResendInvitation, id, "", on_user, now); break;
    case Kind::SetRole: client_.set_role(id, c.role_id, c.etag, on_user, now); break;
    case Kind::Edit: client_.edit_user(id, c.edit, c.etag, on_user, now); break;
    case Kind::Transfer: client_.transfer(id, c.org_id, c.role_id, on_user, now); break;
    case Kind::EndSessions:
      client_.end_sessions(
          id,
          [this, c, now](api::Result<int> r) {
            if (!r.ok()) return refused(c, r.error, r.kind, now);
            settle(c.target.id);
            toasts_.push_back(r.value == 0 ? tr(Msg::desk_no_sessions, {{"who", who(c.target)}})
                                           : done_words(c, c.target));
          },
          now);
      break;
    case Kind::Delete:
      client_.delete_user(
          id, c.etag,
          [this, c, now](api::Result<api::NoContent> r) {
            if (!r.ok()) {
              removed_.erase(c.target.id);
              return refused(c, r.error, r.kind, now);
            }
            settle(c.target.id);
            patches_.push_back({c.target, "", true});
            toasts_.push_back(done_words(c, c.target));
            list_stale_ = true;
          },
          now);
      break;
  }
}

void AdminDesk::answered(const UserChange& c, const api::Result<User>& r, std::int64_t now) {
  if (!r.ok()) return refused(c, r.error, r.kind, now);
  settle(c.target.id);
  patches_.push_back({*r.value, r.etag, false});
  toasts_.push_back(done_words(c, *r.value));
  list_stale_ = list_stale_ || c.kind != Kind::ResendInvitation;
}

void AdminDesk::refused(const UserChange& c, const ApiError& error, api::ErrorKind kind, std::int64_t now) {
  settle(c.target.id);
  // The row and the profile as they were before the change.
  patches_.push_back({c.target, "", false});
  const std::string what = change_what(c.kind, who(c.target));
  if (kind == api::ErrorKind::PreconditionFailed) {  // 412: fetch the user as they are now, and show it
    toasts_.push_back(tr(Msg::desk_conflict, {{"what", what}}));
    client_.user(
        c.target.id,
        [this, what](api::Result<User> fresh) {
          if (!fresh.ok()) return;
          patches_.push_back({*fresh.value, fresh.etag, false});
          conflict_ = Conflict{what, *fresh.value, fresh.etag};
          changed_ = true;
        },
        now);
    return;
  }
  toasts_.push_back(
      tr(Msg::desk_failed,
         {{"what", what}, {"reason", error.message.empty() ? tr(Msg::desk_server_refused) : error.message}}));
}

void AdminDesk::settle(std::int64_t user_id) {
  auto it = pending_.find(user_id);
  if (it != pending_.end() && --it->second <= 0) pending_.erase(it);
  changed_ = true;
}

void AdminDesk::invite(const api::Invitation& invitation, std::int64_t now) {
  inviting_ = true;
  invite_error_.clear();
  changed_ = true;
  client_.invite(
      invitation,
      [this, invitation, now](api::Result<User> r) {
        inviting_ = false;
        changed_ = true;
        if (!r.ok()) {
          invite_error_ = r.error.message.empty() ? tr(Msg::desk_invite_refused) : r.error.message;
          return;
        }
        ++invited_count_;
        toasts_.push_back(tr(Msg::desk_invited, {{"email", invitation.email}}));
        list_stale_ = true;
        load_quota(invitation.org_id, now);
      },
      now);
}

void AdminDesk::load_quota(int org_id, std::int64_t now) {
  client_.invite_quota(
      org_id,
      [this](api::Result<api::InviteQuota> r) {
        changed_ = true;
        if (r.ok())
          quota_ = *r.value;
        else
          quota_.reset();
      },
      now);
}

void AdminDesk::load_tags(int org_id, std::int64_t now) {
  if (tags_asked_[org_id]) return;
  tags_asked_[org_id] = true;
  client_.org_tags(
      org_id,
      [this, org_id](api::Result<std::vector<Tag>> r) {
        changed_ = true;
        if (r.ok())
          tags_[org_id] = std::move(*r.value);
        else
          tags_asked_[org_id] = false;  // asked again when the dialog opens again
      },
      now);
}

const std::vector<Tag>* AdminDesk::tags(int org_id) const {
  auto it = tags_.find(org_id);
  return it == tags_.end() ? nullptr : &it->second;
}

void AdminDesk::bulk(const api::BulkChange& change, const std::string& description, std::int64_t now) {
  bulk_ = BulkRun{description, true, std::nullopt, std::nullopt};
  changed_ = true;
  client_.bulk(
      change,
      [this](api::Result<api::BulkResult> r) {
        if (!bulk_) return;
        bulk_->running = false;
        changed_ = true;
        list_stale_ = true;
        if (r.ok())
          bulk_->result = *r.value;
        else
          bulk_->error = r.error.message.empty() ? std::string(tr(Msg::desk_change_refused)) : r.error.message;
      },
      now);
}

std::vector<UserPatch> AdminDesk::take_patches() {
  std::vector<UserPatch> out;
  out.swap(patches_);
  return out;
}

std::vector<std::string> AdminDesk::take_toasts() {
  std::vector<std::string> out;
  out.swap(toasts_);
  return out;
}

}  // namespace roster::store
