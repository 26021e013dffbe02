// The console's application state and the only place it changes. It owns what the screens share
// (the route, the session, roles, toasts, history and host-page events) and one state unit per
// screen (UsersScreen, OrgTree, ProfileScreen, DevicesScreen) and for the organization picker
// (OrgSearch), and routes to them the intents views
// emit and the answers the typed client delivers. Views read it through const; the frame applies the
// intents of a frame at one point (apply), and the platform delivers answers at the start of a frame.
// The platform reads back what to show, which URL hash to push or replace, and which events to hand
// to the host page.
#pragma once

#include "api/platform_client.h"
#include "model/session.h"
#include "store/admin_desk.h"
#include "store/devices_screen.h"
#include "store/intent.h"
#include "store/kiosk.h"
#include "store/language.h"
#include "store/org_names.h"
#include "store/org_search.h"
#include "store/org_tree.h"
#include "store/profile_screen.h"
#include "store/route.h"
#include "store/selection.h"
#include "store/users_screen.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roster::store {

struct Toast {
  std::string text;
  std::int64_t until_ms = 0;
};

struct HistoryUpdate {
  std::string hash;
  bool push = false;  // push a history entry (navigation) or replace it (typing, sorting, a tab)
  // Typing: the address may follow once the text has rested (each replace costs the browser a
  // style pass). Anything else is written at once, so Back never leaves an entry unwritten.
  bool settle = false;
};

// What the signed-in person may do to users from this console.
enum class AdminAbility {
  None,        // Staff, User, a viewer operator, a kiosk: the list is read-only
  PublicOnly,  // an Admin against the public API (the proxy): invite, role change, transfer
  Full,        // an Admin against the reference server: everything of section 7 too
};

struct Event {
  std::string name;  // navigate | userOpen | error | signedOut | download
  std::string json;
};

class Store {
 public:
  // The progress line appears only once requests have been out this long: a fast answer should not
  // flash it, nor make the console draw frames it does not need.
  static constexpr std::int64_t kProgressDelayMs = 200;
  static constexpr std::int64_t kMinuteMs = 60'000;

  explicit Store(api::PlatformClient& client);

  void start(const Route& initial, bool with_session, std::int64_t now);
  // Kiosk mode (after start): the configured routes in turn, the visible data revalidated, retries on
  // its own while the server does not answer. Never signs in or out.
  void start_kiosk(KioskConfig config, std::int64_t now);
  const KioskStatus* kiosk() const { return kiosk_ ? &kiosk_->status() : nullptr; }
  // Applies the intents of a frame in order. A typed query that is due goes out here, in the task of
  // its keystroke.
  void apply(std::vector<Intent> intents, std::int64_t now);
  void apply(const Intent& intent, std::int64_t now);
  // Called once at the start of each frame (and nowhere else): sends a search that typing made due
  // while the person paused, held-back pages, due retries and preset counts; expires toasts.
  void tick(std::int64_t now);

  // Reading.
  const Route& route() const { return route_; }
  const UsersScreen& users_screen() const { return users_; }
  const UsersList& users() const { return users_.list(); }
  const OrgTree& orgs() const { return orgs_; }
  const OrgSearch& org_search() const { return org_search_; }
  const ProfileScreen& profile() const { return profile_; }
  const DevicesScreen& devices_screen() const { return devices_; }
  const std::string& search_text() const { return users_.search_text(); }
  std::optional<std::int64_t> selected_row() const { return users_.selected(); }
  const std::optional<SessionInfo>& session() const { return session_; }
  // The language in force and why (state().locale, the person menu's tick).
  const LanguageChoice& language() const { return language_; }
  bool signed_out() const { return signed_out_; }
  // Why the console was signed out when its credentials stopped holding, in the console's words
  // (and the server's, when they say more); empty after a sign-out the person asked for.
  const std::string& signed_out_reason() const { return signed_out_reason_; }
  const std::optional<User>& profile_user() const { return profile_.user(); }
  const std::optional<ApiError>& profile_error() const { return profile_.error(); }
  const std::vector<Role>& roles() const { return roles_; }
  // The server lacks Roster's extensions (the public cloud): no roles route, or list items that are
  // plain summaries. The views then say so, hide the extension filters and fill rows lazily.
  bool public_api_only() const { return roles_absent_ || users_.list().extended() == false; }
  // How many users each scope preset would show for the current search and filters (the active one
  // is the list's own total); empty until known.
  std::optional<std::int64_t> preset_count(UserPreset preset) const { return users_.preset_count(preset); }
  std::string role_name(int role_id) const;
  const std::optional<Toast>& current_toast() const { return toast_; }

  // Administration.
  AdminAbility admin_ability() const;
  const AdminDesk& admin() const { return admin_; }
  const Selection& selection() const { return selection_; }
  // The selected users' count for the list on screen.
  std::int64_t selected_count() const { return selection_.count(users_.list().total().value_or(0)); }
  void change_user(const UserChange& change, std::int64_t now);
  void invite_user(const api::Invitation& invitation, std::int64_t now);
  void run_bulk(const intent::RunBulk& bulk, std::int64_t now);
  // A download's link past this (the API base and the request line's own words aside) would not fit
  // the 8 KB request line servers read.
  static constexpr std::size_t kMaxDownloadUrl = 7 * 1024;
  void export_users(bool selection, std::int64_t now);
  void export_actions_log(std::int64_t now);
  bool busy() const;  // requests in flight (any: counts and roles too)
  // The screen waits for its data (rows, the organization tree, a profile); background requests
  // such as the preset counts do not count.
  bool waiting() const;
  bool progress_visible(std::int64_t now) const;  // the screen has waited long enough to show the line
  // When tick() must run next without input (a throttled search, a retry, a toast or the progress line
  // due), or -1: the platform sets a timer rather than drawing frames to wait.
  std::int64_t next_wake_at(std::int64_t now) const;
  bool take_changed();
  // Answers that changed nothing (revalidations answered "not modified") since the last call: the
  // frame loop does not draw for them.
  int take_quiet_answers() { return client_.take_not_modified(); }

  std::optional<HistoryUpdate> take_history();
  std::vector<Event> take_events();

  // The intents, one by one (apply() dispatches to these; tests may call them directly).
  void navigate(const Route& route, bool push, std::int64_t now);
  void follow_location(const std::string& hash, std::int64_t now);
  void type_search(const std::string& text, std::int64_t now);
  void clear_search(std::int64_t now);
  void set_sort(const std::string& label, bool descending, std::int64_t now);
  void set_role_filter(std::vector<int> roles, std::int64_t now);
  void set_status_filter(std::vector<std::string> statuses, std::int64_t now);
  void set_not_signed_in_filter(int days, std::int64_t now);  // 0: any
  void set_preset(UserPreset preset, std::int64_t now);
  void set_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now);
  void select_row(std::int64_t index);
  void open_user(long long user_id, std::int64_t now, std::optional<User> known = std::nullopt);
  void set_profile_tab(ProfileTab tab, std::int64_t now);
  void set_actions_query(const ActionsQuery& query, std::int64_t now);
  void set_devices_query(const DevicesQuery& query, std::int64_t now);
  void toggle_org(int org_id, std::int64_t now);
  void retry(std::int64_t now);
  // A toast shows for kToastMs, or longer for what takes reading (a refusal's reason).
  static constexpr std::int64_t kToastMs = 2000, kLongToastMs = 6000;
  void toast(const std::string& text, std::int64_t now, std::int64_t duration = kToastMs);
  void sign_out(std::int64_t now);
  void kiosk_touched(std::int64_t now);
  // The host page's locale option and the browser's languages (before start), and a person's choice
  // in the menu: the language changes at once, the screen's state (query, scroll) untouched.
  void set_language_preferences(std::string host_tag, std::vector<std::string> browser_tags);
  void choose_language(const std::string& tag);

 private:
  bool shows_elapsed_time() const;  // the screen says how long ago things were
  void kiosk_tick(std::int64_t now);
  // Revalidates what the screen shows (ETags), or fetches it again where it failed or never came.
  void refresh_screen(std::int64_t now);
  void apply_route(std::int64_t now);
  // Puts the chosen language in force; when it changed, the next frame redraws and the host page
  // hears a `locale` event ({locale, source}: the default page writes it into the URL).
  void apply_language();
  void change_users_query(const UsersQuery& q, bool push, std::int64_t now, bool typed = false);
  // Sends the query typing has made due by `now`, if any (from the keystroke, or from tick).
  void send_due_search(std::int64_t now);
  void emit(const std::string& name, const std::string& json);
  // A 401 came back: the session (or the host's token) no longer holds. Signs out once, telling the
  // host page why and which route to come back to.
  void credentials_refused(const std::string& server_words);
  // Applies what the administration desk has for the rows, the profile and the toasts.
  void drain_admin(std::int64_t now);
  void extend_selection(std::int64_t index, std::int64_t now);

  api::PlatformClient& client_;
  UsersScreen users_;
  OrgTree orgs_;
  OrgSearch org_search_;  // the organization picker's field and results (one popup at a time)
  ProfileScreen profile_;
  DevicesScreen devices_;
  OrgNames org_names_;  // public API: organization names the items lack, by id
  AdminDesk admin_;
  Selection selection_;
  std::uint64_t selection_generation_ = 0;  // the list generation the selection belongs to
  std::optional<User> opening_;             // the list's row of the user being opened (drawn before the detail)
  Route route_;
  std::optional<std::int64_t> waiting_since_;
  std::int64_t shown_minute_ = 0;  // the minute the profile's clocks were last drawn for
  std::optional<SessionInfo> session_;
  LanguageChoice language_;
  const LocaleData* shown_locale_ = nullptr;  // the locale last put in force (apply_language)
  bool signed_out_ = false;
  bool with_session_ = false;  // signed in with the session cookie (not a host-given token)
  std::string signed_out_reason_;
  std::vector<Role> roles_;
  bool roles_absent_ = false;
  std::optional<Toast> toast_;
  std::optional<HistoryUpdate> history_;
  std::vector<Event> events_;
  bool changed_ = true;
  std::optional<Kiosk> kiosk_;
  std::int64_t shown_second_ = 0;  // the second the kiosk's offline banner was last drawn for
};

}  // namespace roster::store
