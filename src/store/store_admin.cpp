// The Store's administration: who may change users, the changes and their patches to the rows and
// the profile, the selection and bulk changes, and the CSV downloads (store.h).
#include "api/platform_api.h"
#include "model/locale/messages.h"
#include "store/store.h"

#include <nlohmann/json.hpp>

namespace roster::store {

AdminAbility Store::admin_ability() const {
  if (kiosk_ || !session_ || session_->role_id != 1) return AdminAbility::None;
  return public_api_only() ? AdminAbility::PublicOnly : AdminAbility::Full;
}

void Store::change_user(const UserChange& change, std::int64_t now) {
  const AdminAbility ability = admin_ability();
  const bool public_call = change.kind == UserChange::Kind::SetRole || change.kind == UserChange::Kind::Transfer;
  if (ability == AdminAbility::None || (ability == AdminAbility::PublicOnly && !public_call)) return;
  UserChange c = change;
  // A change decided on the profile's copy carries its ETag: a 412 then says someone else changed it.
  if (c.etag.empty() && profile_.user_id() == c.target.id && profile_.detailed()) c.etag = profile_.etag();
  admin_.change(c, now);
  drain_admin(now);
}

void Store::invite_user(const api::Invitation& invitation, std::int64_t now) {
  if (admin_ability() == AdminAbility::None) return;
  admin_.invite(invitation, now);
}

void Store::drain_admin(std::int64_t now) {
  for (const auto& patch : admin_.take_patches()) {
    users_.patch_user(patch.user);
    profile_.replace_user(patch.user, patch.etag);
    changed_ = true;
  }
  for (const auto& words : admin_.take_toasts()) toast(words, now, kLongToastMs);
  // The server's order and filters may have moved rows: the visible pages are asked again (ETags:
  // pages that did not change cost nothing).
  if (admin_.take_list_stale()) {
    if (!users_.revalidate(now)) users_.reload(now);
    changed_ = true;
  }
}

void Store::extend_selection(std::int64_t index, std::int64_t now) {
  const UsersList& list = users_.list();
  const std::int64_t missing = selection_.extend_to(index, [&list](std::int64_t i) { return list.row(i); });
  changed_ = true;
  if (missing > 0) toast(tr_count(Msg::toast_range_not_loaded, missing), now, kLongToastMs);
}

void Store::run_bulk(const intent::RunBulk& bulk, std::int64_t now) {
  if (admin_ability() != AdminAbility::Full) return;
  api::BulkChange change;
  change.action = bulk.action;
  change.role_id = bulk.role_id;
  change.tag_ids = bulk.tag_ids;
  if (selection_.all_matching()) {
    change.selection.query = users_.list().query();
    change.selection.except = selection_.ids();
  } else {
    change.selection.user_ids = selection_.ids();
  }
  if (!change.selection.query && change.selection.user_ids.empty()) return;
  admin_.bulk(change, bulk.description, now);
  selection_.clear();
  changed_ = true;
}

void Store::export_users(bool selection, std::int64_t now) {
  if (admin_ability() != AdminAbility::Full) return;
  const UsersQuery& query = users_.list().query();
  std::string url;
  if (!selection)
    url = api::users_export_url(query);
  else if (selection_.all_matching())
    url = api::users_export_url(query, {}, selection_.ids());
  else
    url = api::users_export_url(query, selection_.ids());
  // The ids travel in the link, and a server reads a request line of 8 KB at most (roster-server
  // answers 414): past that, the person is told what works instead of downloading an error.
  if (url.size() > kMaxDownloadUrl) {
    toast(tr(Msg::toast_too_many_picked, {{"count", static_cast<std::int64_t>(selection_.ids().size())}}), now,
          kLongToastMs);
    return;
  }
  emit("download", nlohmann::json{{"url", url}, {"what", "users"}}.dump());
  toast(tr(Msg::toast_csv_started), now);
}

void Store::export_actions_log(std::int64_t now) {
  if (!profile_.user()) return;
  const std::string url =
      api::actions_export_url(profile_.user_id(), profile_.actions_interval(), profile_.actions_query());
  emit("download", nlohmann::json{{"url", url}, {"what", "actionsLog"}}.dump());
  toast(tr(Msg::toast_csv_started), now);
}

}  // namespace roster::store
