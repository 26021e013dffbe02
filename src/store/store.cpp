#include "store/store.h"

#include "model/locale/messages.h"
#include "model/utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace roster::store {

Store::Store(api::PlatformClient& client)
    : client_(client),
      users_(client),
      orgs_(client),
      org_search_(client),
      profile_(client),
      devices_(client),
      org_names_(client),
      admin_(client) {
  apply_language();  // English until told otherwise (the locale is the process's: a test's stays no longer)
}

void Store::set_language_preferences(std::string host_tag, std::vector<std::string> browser_tags) {
  language_.set_host(std::move(host_tag));
  language_.set_browser(std::move(browser_tags));
  apply_language();
}

void Store::choose_language(const std::string& tag) {
  if (!find_locale(tag)) return;
  language_.set_menu(tag);
  apply_language();
}

void Store::apply_language() {
  const LocaleData& locale = language_.locale();
  set_current_locale(locale);
  if (shown_locale_ == &locale) return;
  const bool first = shown_locale_ == nullptr;
  shown_locale_ = &locale;
  changed_ = true;
  if (!first || &locale != &english_locale())
    emit("locale", nlohmann::json{{"locale", locale.tag}, {"source", language_source_key(language_.source())}}.dump());
}

void Store::start(const Route& initial, bool with_session, std::int64_t now) {
  route_ = initial;
  users_.reset_to(route_.users);
  with_session_ = with_session;
  if (with_session) {
    client_.session(
        [this](api::Result<SessionInfo> s) {
          if (s.ok()) {  // a 401 is every call's (credentials_refused)
            session_ = std::move(*s.value);
            language_.set_person(session_->user.locale.value_or(""));
            apply_language();
            org_search_.set_home(session_->org_id, session_->org_name);
          }
          changed_ = true;
        },
        now);
  }
  client_.roles(
      [this](api::Result<std::vector<Role>> roles) {
        // Without the roles extension (public API) the console shows role ids with default names.
        if (roles.ok())
          roles_ = std::move(*roles.value);
        else if (roles.kind == api::ErrorKind::NotFound)
          roles_absent_ = true;
        changed_ = true;
      },
      now);
  apply_route(now);
  history_ = HistoryUpdate{print_route(route_), false};
}

void Store::apply(std::vector<Intent> intents, std::int64_t now) {
  for (const auto& intent : intents) apply(intent, now);
}

void Store::apply(const Intent& intent, std::int64_t now) {
  struct Apply {
    Store& s;
    std::int64_t now;
    void operator()(const intent::Navigate& i) const { s.navigate(i.route, i.push, now); }
    void operator()(const intent::FollowLocation& i) const { s.follow_location(i.hash, now); }
    void operator()(const intent::SetSearchText& i) const { s.type_search(i.text, now); }
    void operator()(const intent::ClearSearch&) const { s.clear_search(now); }
    void operator()(const intent::SetSort& i) const { s.set_sort(i.label, i.descending, now); }
    void operator()(const intent::SetRoleFilter& i) const { s.set_role_filter(i.role_ids, now); }
    void operator()(const intent::SetStatusFilter& i) const { s.set_status_filter(i.statuses, now); }
    void operator()(const intent::SetNotSignedInFilter& i) const { s.set_not_signed_in_filter(i.days, now); }
    void operator()(const intent::SetPreset& i) const { s.set_preset(i.preset, now); }
    void operator()(const intent::SetVisibleRows& i) const { s.set_visible_rows(i.first, i.last, now); }
    void operator()(const intent::SelectRow& i) const { s.select_row(i.index); }
    void operator()(const intent::OpenUser& i) const { s.open_user(i.user_id, now, i.known); }
    void operator()(const intent::SetProfileTab& i) const { s.set_profile_tab(i.tab, now); }
    void operator()(const intent::SetActionsQuery& i) const { s.set_actions_query(i.query, now); }
    void operator()(const intent::SetActionsVisibleRows& i) const {
      s.profile_.set_actions_visible_rows(i.first, i.last, now);
    }
    void operator()(const intent::SetProfileDevicesVisibleRows& i) const {
      s.profile_.set_devices_visible_rows(i.first, i.last, now);
    }
    void operator()(const intent::SetProfileDevicesSort& i) const {
      s.changed_ = true;
      s.profile_.set_devices_sort(i.label, i.descending, now);
    }
    void operator()(const intent::SetDevicesQuery& i) const { s.set_devices_query(i.query, now); }
    void operator()(const intent::SetDevicesVisibleRows& i) const { s.devices_.set_visible_rows(i.first, i.last, now); }
    void operator()(const intent::ToggleOrg& i) const { s.toggle_org(i.org_id, now); }
    void operator()(const intent::OrgPickerOpen&) const { s.org_search_.open(now); }
    void operator()(const intent::OrgPickerClose&) const { s.org_search_.close(); }
    void operator()(const intent::OrgPickerSearch& i) const { s.org_search_.type(i.text, now); }
    void operator()(const intent::OrgPickerToggle& i) const { s.org_search_.toggle(i.org_id, now); }
    void operator()(const intent::LookUpOrg& i) const { s.org_search_.look_up(i.org_id, now); }
    void operator()(const intent::Retry&) const { s.retry(now); }
    void operator()(const intent::ShowToast& i) const { s.toast(i.text, now); }
    void operator()(const intent::SignOut&) const {
      if (!s.kiosk_) s.sign_out(now);  // a kiosk never signs out (and has no menu to ask)
    }
    void operator()(const intent::KioskTouch&) const { s.kiosk_touched(now); }
    void operator()(const intent::ChooseLanguage& i) const { s.choose_language(i.tag); }
    void operator()(const intent::ChangeUser& i) const { s.change_user(i.change, now); }
    void operator()(const intent::InviteUser& i) const { s.invite_user(i.invitation, now); }
    void operator()(const intent::LoadInviteQuota& i) const { s.admin_.load_quota(i.org_id, now); }
    void operator()(const intent::LoadTags& i) const { s.admin_.load_tags(i.org_id, now); }
    void operator()(const intent::ToggleSelected& i) const {
      s.changed_ = true;
      s.selection_.toggle(i.index, i.user);
    }
    void operator()(const intent::ExtendSelection& i) const { s.extend_selection(i.index, now); }
    void operator()(const intent::SelectAllMatching&) const {
      s.changed_ = true;
      s.selection_.select_all_matching();
    }
    void operator()(const intent::ClearSelection&) const {
      s.changed_ = true;
      s.selection_.clear();
    }
    void operator()(const intent::RunBulk& i) const { s.run_bulk(i, now); }
    void operator()(const intent::DismissAdminNotice&) const {
      s.changed_ = true;
      s.admin_.dismiss_bulk();
      s.admin_.dismiss_conflict();
    }
    void operator()(const intent::ExportUsers& i) const { s.export_users(i.selection, now); }
    void operator()(const intent::ExportActionsLog&) const { s.export_actions_log(now); }
  };
  std::visit(Apply{*this, now}, intent);
}

std::string Store::role_name(int role_id) const {
  for (const auto& r : roles_)
    if (r.id == role_id) return r.name;
  switch (role_id) {
    case 1: return tr(Msg::role_admin);
    case 2: return tr(Msg::role_staff);
    case 3: return tr(Msg::role_user);
    default: return tr(Msg::role_numbered, {{"id", std::to_string(role_id)}});
  }
}

void Store::apply_route(std::int64_t now) {
  changed_ = true;
  switch (route_.screen) {
    case Screen::Users: users_.show(route_.users, now); break;
    case Screen::Orgs: orgs_.load(now); break;
    case Screen::UserProfile:
      profile_.open(route_.user_id, opening_, route_.actions, !public_api_only(), now);
      opening_.reset();
      break;
    case Screen::Devices: devices_.show(route_.devices, now); break;
  }
}

void Store::navigate(const Route& route, bool push, std::int64_t now) {
  if (route == route_) return;
  route_ = route;
  users_.reset_to(route_.users);
  history_ = HistoryUpdate{print_route(route_), push};
  apply_route(now);
  emit("navigate", nlohmann::json{{"route", print_route(route_)}}.dump());
}

void Store::follow_location(const std::string& hash, std::int64_t now) {
  Route r = parse_route(hash);
  if (r == route_) return;
  route_ = r;
  users_.reset_to(route_.users);
  apply_route(now);
  // A non-canonical hash typed by hand is tidied without a new history entry.
  if (print_route(route_) != hash) history_ = HistoryUpdate{print_route(route_), false};
  emit("navigate", nlohmann::json{{"route", print_route(route_)}}.dump());
}

void Store::change_users_query(const UsersQuery& q, bool push, std::int64_t now, bool typed) {
  if (q == route_.users && route_.screen == Screen::Users) return;
  route_.screen = Screen::Users;
  route_.users = q;
  users_.clear_selection();
  history_ = HistoryUpdate{print_route(route_), push, typed};
  apply_route(now);
}

void Store::type_search(const std::string& text, std::int64_t now) {
  if (!users_.type(text, now)) return;
  changed_ = true;
  send_due_search(now);  // when due now, in this frame (the keystroke's task), not the next
}

void Store::send_due_search(std::int64_t now) {
  if (auto q = users_.take_due_search(route_.users, now)) change_users_query(*q, false, now, /*typed=*/true);
}

void Store::clear_search(std::int64_t now) {
  users_.clear_typing();
  auto q = route_.users;
  q.text.clear();
  change_users_query(q, false, now);
}

void Store::set_sort(const std::string& label, bool descending, std::int64_t now) {
  auto q = route_.users;
  q.sort_label = roster::is_user_sort_label(label) ? label : "";
  q.descending = !q.sort_label.empty() && descending;
  change_users_query(q, false, now);
}

void Store::set_role_filter(std::vector<int> roles, std::int64_t now) {
  std::sort(roles.begin(), roles.end());
  auto q = route_.users;
  q.role_ids = std::move(roles);
  change_users_query(q, false, now);
}

void Store::set_status_filter(std::vector<std::string> statuses, std::int64_t now) {
  std::sort(statuses.begin(), statuses.end());
  auto q = route_.users;
  q.statuses = std::move(statuses);
  change_users_query(q, false, now);
}

void Store::set_not_signed_in_filter(int days, std::int64_t now) {
  auto q = route_.users;
  q.not_signed_in_days = days >= 1 && days <= kMaxNotSignedInDays ? days : 0;
  change_users_query(q, false, now);
}

void Store::set_preset(UserPreset preset, std::int64_t now) {
  auto q = route_.users;
  q.preset = preset;
  change_users_query(q, true, now);
}

void Store::set_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now) {
  users_.set_visible_rows(first, last, now);
}

void Store::select_row(std::int64_t index) { users_.select(index); }

void Store::open_user(long long user_id, std::int64_t now, std::optional<User> known) {
  Route r;
  r.screen = Screen::UserProfile;
  r.user_id = user_id;
  r.users = route_.users;      // the users list keeps its query while the profile shows
  r.devices = route_.devices;  // and so does the Devices screen
  opening_ = std::move(known);
  navigate(r, true, now);
  opening_.reset();
  emit("userOpen", nlohmann::json{{"userId", user_id}}.dump());
}

void Store::set_profile_tab(ProfileTab tab, std::int64_t now) {
  if (route_.screen != Screen::UserProfile || route_.tab == tab) return;
  route_.tab = tab;
  changed_ = true;
  history_ = HistoryUpdate{print_route(route_), false};  // a tab switch replaces the entry
  (void)now;                                             // every tab's first page was requested when the profile opened
}

void Store::set_actions_query(const ActionsQuery& query, std::int64_t now) {
  if (route_.screen != Screen::UserProfile) return;
  ActionsQuery q = query;
  std::sort(q.clients.begin(), q.clients.end());
  q.sort_label = is_action_sort_label(q.sort_label) ? q.sort_label : "";
  q.descending = !q.sort_label.empty() && q.descending;
  if (q.range != ActionsRange::Custom) q.from_ms = q.to_ms = 0;
  if (q == route_.actions) return;
  const bool typed = q.text != route_.actions.text;  // the search box: the address follows once it rests
  route_.actions = q;
  route_.tab = ProfileTab::Actions;
  changed_ = true;
  history_ = HistoryUpdate{print_route(route_), false, typed};
  profile_.set_actions_query(q, !public_api_only(), now);
}

void Store::set_devices_query(const DevicesQuery& query, std::int64_t now) {
  DevicesQuery q = query;
  q.owner_email.clear();
  q.sort_label = is_device_sort_label(q.sort_label) ? q.sort_label : "";
  q.descending = !q.sort_label.empty() && q.descending;
  if (route_.screen == Screen::Devices && q == route_.devices) return;
  const bool typed = route_.screen == Screen::Devices && q.text != route_.devices.text;
  route_.screen = Screen::Devices;
  route_.devices = q;
  changed_ = true;
  history_ = HistoryUpdate{print_route(route_), false, typed};
  apply_route(now);
}

void Store::toggle_org(int org_id, std::int64_t now) { orgs_.toggle(org_id, now); }

void Store::retry(std::int64_t now) {
  switch (route_.screen) {
    case Screen::UserProfile: profile_.reload(!public_api_only(), now); break;
    case Screen::Devices: devices_.reload(now); break;
    case Screen::Orgs:
    case Screen::Users: users_.reload(now); break;
  }
  changed_ = true;
}

void Store::toast(const std::string& text, std::int64_t now, std::int64_t duration) {
  toast_ = Toast{text, now + duration};
  changed_ = true;
}

void Store::sign_out(std::int64_t now) {
  client_.sign_out(
      [this](api::Result<api::PlatformClient::Nothing>) {
        signed_out_ = true;
        session_.reset();
        emit("signedOut", "{}");
        changed_ = true;
      },
      now);
}

namespace {

// The server's words on a 401 when they say more than "not signed in" (the generic refusal is
// developer wording: the console's own sentence says it better).
bool says_more(const std::string& words) {
  return !words.empty() && words.rfind("Sign in, or send an access token", 0) != 0 && words != "Not signed in." &&
         words.rfind("Not signed in, or the session has expired", 0) != 0 && words.rfind(tr(Msg::http_401), 0) != 0;
}

}  // namespace

void Store::credentials_refused(const std::string& server_words) {
  if (signed_out_) return;
  signed_out_ = true;
  session_.reset();
  signed_out_reason_ = tr(with_session_ ? Msg::store_session_ended : Msg::store_token_refused);
  if (says_more(server_words))
    signed_out_reason_ = tr(Msg::store_server_said, {{"reason", signed_out_reason_}, {"words", server_words}});
  nlohmann::json j = {{"reason", signed_out_reason_}, {"route", print_route(route_)}};
  if (says_more(server_words)) j["serverMessage"] = server_words;
  emit("signedOut", j.dump());
  changed_ = true;
}

void Store::start_kiosk(KioskConfig config, std::int64_t now) {
  kiosk_.emplace(std::move(config), now);
  session_.reset();
  Route first = kiosk_->current_route();
  if (first != route_) navigate(first, false, now);
  changed_ = true;
}

void Store::kiosk_touched(std::int64_t now) {
  if (!kiosk_) return;
  bool was_paused = kiosk_->status().paused;
  kiosk_->touched(now);
  if (kiosk_->status().paused != was_paused) changed_ = true;
}

void Store::refresh_screen(std::int64_t now) {
  switch (route_.screen) {
    case Screen::Users:
      if (users_.list().error() || !users_.list().answered())
        users_.reload(now);
      else
        users_.revalidate(now);
      break;
    case Screen::Devices:
      if (devices_.devices().error() || !devices_.devices().answered())
        devices_.reload(now);
      else
        devices_.revalidate(now);
      break;
    case Screen::UserProfile:
      if (profile_.error() || profile_.devices().error())
        profile_.reload(!public_api_only(), now);
      else
        profile_.revalidate_devices(now);
      break;
    case Screen::Orgs:
      if (orgs_.error()) orgs_.load(now);
      break;
  }
}

void Store::kiosk_tick(std::int64_t now) {
  const api::ServerHealth& health = client_.health();
  if (!health.refused.empty()) {
    if (!kiosk_->status().refused) {
      kiosk_->refused(health.refused);
      changed_ = true;
    }
    return;
  }
  const KioskStatus before = kiosk_->status();
  switch (kiosk_->step(now, health.failing_since, health.last_failure_timed_out)) {
    case Kiosk::Action::Rotate: navigate(kiosk_->current_route(), false, now); break;
    case Kiosk::Action::Refresh:
    case Kiosk::Action::Retry: refresh_screen(now); break;
    case Kiosk::Action::None: break;
  }
  const KioskStatus& after = kiosk_->status();
  if (after.offline_since != before.offline_since || after.paused != before.paused ||
      after.route_index != before.route_index || after.not_answering != before.not_answering)
    changed_ = true;
  // While offline the banner counts the seconds to the next try.
  if (after.offline_since >= 0 && now / 1000 != shown_second_) {
    shown_second_ = now / 1000;
    changed_ = true;
  }
}

void Store::tick(std::int64_t now) {
  client_.tick(now);
  // Answers were delivered just before: one of them may say the credentials no longer hold. A kiosk
  // shows the refusal and keeps trying instead (kiosk_tick).
  if (client_.take_unauthorized() && !kiosk_) credentials_refused(client_.health().refused);
  if (kiosk_) kiosk_tick(now);
  users_.tick(public_api_only(), now);
  profile_.tick(now);
  devices_.tick(now);
  if (public_api_only()) {
    // The public API's items carry an orgId and no name: each name is asked for once, by id.
    users_.fill_org_names(org_names_, now);
    profile_.fill_org_names(org_names_, now);
    devices_.fill_org_names(org_names_, now);
  }
  send_due_search(now);   // one typing made due while the person paused (throttle, short query)
  org_search_.tick(now);  // the picker's, likewise, and the names its paths lack
  drain_admin(now);
  // A selection belongs to the rows it was made on: a new query (or scope) clears it.
  if (users_.list().generation() != selection_generation_) {
    selection_generation_ = users_.list().generation();
    if (!selection_.empty(1)) {
      selection_.clear();
      changed_ = true;
    }
  }
  if (toast_ && toast_->until_ms <= now) {
    toast_.reset();
    changed_ = true;
  }
  // The users and devices tables and the profile say how long ago things were ("3 min ago") and the
  // profile shows the user's local time: a frame once a minute keeps them current (on a kiosk nothing
  // else would). Only what changed is drawn: a minute that changes no text draws nothing.
  if (shows_elapsed_time() && now / kMinuteMs != shown_minute_) {
    shown_minute_ = now / kMinuteMs;
    changed_ = true;
  }
  if (users_.take_new_error()) {
    emit("error", nlohmann::json{{"message", users_.list().error()->message}}.dump());
    changed_ = true;
  }
  if (!waiting())
    waiting_since_.reset();
  else if (!waiting_since_)
    waiting_since_ = now;
}

bool Store::busy() const { return client_.in_flight() > 0; }

bool Store::shows_elapsed_time() const { return route_.screen != Screen::Orgs; }

bool Store::waiting() const {
  switch (route_.screen) {
    case Screen::Users: return users_.list().loading();
    case Screen::Orgs: return orgs_.loading();
    case Screen::UserProfile: return profile_.waiting();
    case Screen::Devices: return devices_.devices().loading() && !devices_.devices().total();
  }
  return false;
}

bool Store::progress_visible(std::int64_t now) const {
  return waiting() && waiting_since_ && now - *waiting_since_ >= kProgressDelayMs;
}

std::int64_t Store::next_wake_at(std::int64_t now) const {
  std::int64_t next = -1;
  auto consider = [&next, now](std::int64_t at) {
    if (at > now && (next < 0 || at < next)) next = at;
  };
  if (client_.next_due_at() >= 0) consider(client_.next_due_at());
  if (users_.next_wake_at(now) >= 0) consider(users_.next_wake_at(now));
  if (org_search_.next_wake_at(now) >= 0) consider(org_search_.next_wake_at(now));
  for (std::int64_t at :
       {profile_.actions().fetch_due_at(), profile_.devices().fetch_due_at(), devices_.devices().fetch_due_at()})
    if (at >= 0) consider(at);
  if (toast_) consider(toast_->until_ms);
  if (kiosk_) {
    if (kiosk_->next_due_at() >= 0) consider(kiosk_->next_due_at());
    if (kiosk_->status().offline_since >= 0) consider((now / 1000 + 1) * 1000);
  }
  if (shows_elapsed_time()) consider((now / kMinuteMs + 1) * kMinuteMs);
  if (waiting_since_ && waiting()) consider(*waiting_since_ + kProgressDelayMs);
  return next;
}

bool Store::take_changed() {
  bool c = changed_;
  c = users_.take_changed() || c;
  c = orgs_.take_changed() || c;
  c = org_search_.take_changed() || c;
  c = profile_.take_changed() || c;
  c = devices_.take_changed() || c;
  c = org_names_.take_changed() || c;
  c = admin_.take_changed() || c;
  changed_ = false;
  return c;
}

std::optional<HistoryUpdate> Store::take_history() {
  auto h = std::move(history_);
  history_.reset();
  return h;
}

std::vector<Event> Store::take_events() {
  std::vector<Event> out;
  out.swap(events_);
  return out;
}

void Store::emit(const std::string& name, const std::string& json) { events_.push_back({name, json}); }

}  // namespace roster::store
