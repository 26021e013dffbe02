// The Users screen's state: the list of the route's query (UsersList), the search text as typed and
// when it goes out, the selected row, and how many users each scope preset would show. The Store
// owns the route; this unit says which query typing has made due, and the Store applies it.
#pragma once

#include "api/platform_client.h"
#include "model/users_query.h"
#include "store/users_list.h"

#include <cstdint>
#include <optional>
#include <string>

namespace roster::store {

class UsersScreen {
 public:
  // Typing sends the search at once, then at most one every kSearchThrottleMs (the latest text when
  // the interval ends); an answer to an older query is dropped (generations), so only the latest text
  // ever shows. One or two characters wait for a pause in typing instead.
  static constexpr std::int64_t kSearchThrottleMs = 50;
  static constexpr std::int64_t kShortQueryPauseMs = 300;
  // The preset counts for a query go out once it has stood this long (and its rows are in): counts
  // for every intermediate query of a typed word would compete with the next query's rows.
  static constexpr std::int64_t kCountsDelayMs = 250;

  explicit UsersScreen(api::PlatformClient& client) : client_(client), list_(client) {}

  // The route's query is on screen: its rows are fetched, and its preset counts later.
  void show(const UsersQuery& query, std::int64_t now);
  // A new location: the search box shows its text, nothing typed is pending, nothing is selected.
  void reset_to(const UsersQuery& query);
  // Text typed into the search box; false when it is what the box already held.
  bool type(const std::string& text, std::int64_t now);
  // The query typing has made due by `now` (its text on top of `route_query`), once: the Store asks
  // at the keystroke (due at once) and at each tick (due after the throttle or the pause).
  std::optional<UsersQuery> take_due_search(const UsersQuery& route_query, std::int64_t now);
  void clear_typing();
  void clear_selection() { selected_.reset(); }
  void select(std::int64_t index);
  void set_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now) {
    list_.set_visible_rows(first, last, now);
  }
  void reload(std::int64_t now) { list_.reload(now); }
  void patch_user(const User& user) { list_.patch_user(user); }  // an administration change
  bool revalidate(std::int64_t now) { return list_.revalidate(now); }
  // Sends held-back pages and, once due, the preset counts (without the extension preset when
  // the server offers the public API only).
  void tick(bool public_api_only, std::int64_t now);

  const UsersList& list() const { return list_; }
  void fill_org_names(OrgNames& names, std::int64_t now) { list_.fill_org_names(names, now); }
  const std::string& search_text() const { return search_text_; }
  std::optional<std::int64_t> selected() const { return selected_; }
  std::optional<std::int64_t> preset_count(UserPreset preset) const;
  std::int64_t next_wake_at(std::int64_t now) const;  // -1 when nothing is due
  // True once after the list changed with an error on it (the host page hears of it).
  bool take_new_error() { return list_.error() && list_.take_changed(); }
  bool take_changed();

 private:
  void refresh_preset_counts(std::int64_t now);
  void send_preset_counts(bool public_api_only, std::int64_t now);

  api::PlatformClient& client_;
  UsersList list_;
  std::string search_text_;
  std::optional<std::int64_t> search_due_;
  std::int64_t last_search_sent_ = -1'000'000;
  std::optional<std::int64_t> selected_;
  std::optional<UsersQuery> counted_query_;  // the query (preset aside) the counts are for
  std::uint64_t counts_generation_ = 0;
  std::optional<std::int64_t> preset_counts_[3];
  bool counts_due_ = false;
  std::int64_t counts_not_before_ = 0;
  bool changed_ = false;
};

}  // namespace roster::store
