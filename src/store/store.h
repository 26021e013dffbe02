// The console's application state and the only place it changes. Views call intents (type a query,
// sort, open a user); answers from the server arrive through the ApiClient's callbacks, which the
// platform delivers at the start of a frame. The platform reads back what to show, which URL hash to
// push or replace, and which events to hand to the embedding page.
#pragma once

#include "api/api_client.h"
#include "api/platform_api.h"
#include "store/org_tree.h"
#include "store/route.h"
#include "store/users_list.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace roster::store {

struct Toast {
  std::string text;
  std::int64_t until_ms = 0;
};

struct HistoryUpdate {
  std::string hash;
  bool push = false;  // push a history entry (navigation) or replace it (typing, sorting)
};

struct Event {
  std::string name;  // navigate | userOpen | error | signedOut
  std::string json;
};

class Store {
 public:
  // Typing sends the search at once, then at most one every kSearchThrottleMs (the latest text when
  // the interval ends); an answer to an older query is dropped (generations), so only the latest text
  // ever shows. One or two characters wait for a pause in typing instead.
  static constexpr std::int64_t kSearchThrottleMs = 50;
  static constexpr std::int64_t kShortQueryPauseMs = 300;
  // The progress line appears only once requests have been out this long: a fast answer should not
  // flash it, nor make the console draw frames it does not need.
  static constexpr std::int64_t kProgressDelayMs = 200;
  // The preset counts for a query go out once it has stood this long (and its rows are in): counts
  // for every intermediate query of a typed word would compete with the next query's rows.
  static constexpr std::int64_t kCountsDelayMs = 250;

  explicit Store(api::ApiClient& client);

  // Intents.
  void start(const Route& initial, bool with_session, std::int64_t now);
  void navigate(const Route& route, bool push, std::int64_t now);   // from the UI or the host page
  void follow_location(const std::string& hash, std::int64_t now);  // Back/Forward or a typed URL
  void type_search(const std::string& text, std::int64_t now);
  void clear_search(std::int64_t now);
  void set_sort(const std::string& label, bool descending, std::int64_t now);
  void set_role_filter(std::vector<int> roles, std::int64_t now);
  void set_status_filter(std::vector<std::string> statuses, std::int64_t now);
  void set_preset(api::UserPreset preset, std::int64_t now);
  void set_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now);
  void select_row(std::int64_t index);
  void open_user(long long user_id, std::int64_t now);
  void retry(std::int64_t now);
  void toast(const std::string& text, std::int64_t now);
  void sign_out(std::int64_t now);

  // Called once at the start of each frame: commits a debounced search, sends due retries.
  void tick(std::int64_t now);

  // Reading.
  const Route& route() const { return route_; }
  UsersList& users() { return users_; }
  OrgTree& orgs() { return orgs_; }
  const std::string& search_text() const { return search_text_; }
  std::optional<std::int64_t> selected_row() const { return selected_; }
  const std::optional<api::SessionInfo>& session() const { return session_; }
  bool signed_out() const { return signed_out_; }
  const std::optional<User>& profile_user() const { return profile_user_; }
  const std::optional<ApiError>& profile_error() const { return profile_error_; }
  const std::vector<Role>& roles() const { return roles_; }
  // The server lacks Roster's extensions (the public cloud): no roles route, or list items that are
  // plain summaries. The views then say so, hide the extension filters and fill rows lazily.
  bool public_api_only() const { return roles_absent_ || users_.extended() == false; }
  // How many users each scope preset would show for the current search and filters (the active one
  // is the list's own total); empty until known.
  std::optional<std::int64_t> preset_count(api::UserPreset preset) const;
  std::string role_name(int role_id) const;
  const std::optional<Toast>& current_toast() const { return toast_; }
  bool busy() const;  // requests in flight (any: counts and roles too)
  // The screen waits for its data (rows, the organization tree, a profile); background requests
  // such as the preset counts do not count.
  bool waiting() const;
  bool progress_visible(std::int64_t now) const;  // the screen has waited long enough to show the line
  // When tick() must run next without input (a throttled search, a retry, a toast or the progress line
  // due), or -1: the platform sets a timer rather than drawing frames to wait.
  std::int64_t next_wake_at(std::int64_t now) const;
  bool take_changed();

  std::optional<HistoryUpdate> take_history();
  std::vector<Event> take_events();
  // The embedding API's state(): route, query, filters, sort, totals, visible rows, selection, errors.
  nlohmann::json state(std::int64_t first_visible, std::int64_t last_visible);

 private:
  void apply_route(std::int64_t now);
  void change_users_query(const api::UsersQuery& q, bool push, std::int64_t now);
  void emit(const std::string& name, const std::string& json);
  void refresh_preset_counts(std::int64_t now);
  void send_preset_counts(std::int64_t now);

  api::ApiClient& client_;
  UsersList users_;
  OrgTree orgs_;
  Route route_;
  std::string search_text_;
  std::optional<std::int64_t> search_due_;
  std::int64_t last_search_sent_ = -1'000'000;
  std::optional<std::int64_t> waiting_since_;
  std::optional<std::int64_t> selected_;
  std::optional<api::SessionInfo> session_;
  bool signed_out_ = false;
  std::optional<User> profile_user_;
  std::optional<ApiError> profile_error_;
  std::uint64_t profile_generation_ = 0;
  std::vector<Role> roles_;
  bool roles_absent_ = false;
  std::optional<api::UsersQuery> counted_query_;  // the query (preset aside) the counts are for
  std::uint64_t counts_generation_ = 0;
  std::optional<std::int64_t> preset_counts_[3];
  bool counts_due_ = false;
  std::int64_t counts_not_before_ = 0;
  std::optional<Toast> toast_;
  std::optional<HistoryUpdate> history_;
  std::vector<Event> events_;
  bool changed_ = true;
};

}  // namespace roster::store
