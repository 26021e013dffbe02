// State of one users table: the query it shows and its rows (a PagedList of users, each with where
// the query matches it), whether the server's items carry the extension fields, and, against the
// public API, the detail requests that fill plain summaries for the visible rows.
#pragma once

#include "api/platform_client.h"
#include "model/text_match.h"
#include "model/users_query.h"
#include "store/org_names.h"
#include "store/paged_list.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>

namespace roster::store {

// A row as the table shows it: the user and where the query it answered matches its name, email and
// location (what is highlighted), found once when the page arrives.
struct UserRow {
  User user;
  TextMatch name, email, location;
};

class UsersList {
 public:
  using Rows = PagedList<UserRow>;
  static constexpr int kPageSize = Rows::kPageSize;
  static constexpr std::size_t kCachePages = Rows::kCachePages;
  static constexpr std::int64_t kScrollSettleMs = Rows::kScrollSettleMs;
  static constexpr std::int64_t kPrefetchDelayMs = Rows::kPrefetchDelayMs;
  // Against the public API (plain summaries), visible rows are filled from "Get user info", this many
  // requests at a time.
  static constexpr std::size_t kDetailRequests = 6;

  explicit UsersList(api::PlatformClient& client) : client_(client), rows_(client) {}

  // A different query: new generation, cache cleared, first page requested.
  void set_query(const UsersQuery& query, std::int64_t now);
  const UsersQuery& query() const { return query_; }
  // The query of the rows on screen: the previous one until this one answers (what to highlight).
  const UsersQuery& shown_query() const { return rows_.showing_previous() ? previous_query_ : query_; }
  // The rows on screen: requests the pages they need and one page either side.
  void set_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now);
  // Sends the requests a fast scroll held back, once it has settled.
  void tick(std::int64_t now);
  // When tick() has held-back requests to send, or -1.
  std::int64_t fetch_due_at() const { return rows_.fetch_due_at(); }
  // Public API: the visible rows' organization names, from their orgId.
  void fill_org_names(OrgNames& names, std::int64_t now) {
    fill_visible_org_names(rows_, names, now, [](UserRow& r) { return std::make_pair(r.user.orgId, &r.user.orgName); });
  }
  // Drops the cache and refetches what is visible (after an error, or a change elsewhere).
  void reload(std::int64_t now);
  // Asks whether the visible pages changed (ETags): rows that did are replaced in place, and the
  // others cost nothing. False when there is nothing to ask about.
  bool revalidate(std::int64_t now) { return rows_.revalidate(now); }
  bool revalidating() const { return rows_.revalidating(); }
  // An administration change: every held row of `user` takes its fields (a name's highlight is
  // found again).
  void patch_user(const User& user);
  // Ignores the answers still on their way (a newer query is about to replace this one): drawing
  // them would cost a frame for rows the user has already typed past.
  void drop_pending_answers();

  // Until a new query's first answer arrives, the previous query's total and rows are still shown
  // (typing, sorting or filtering does not flash placeholder rows for the few milliseconds a fast
  // server takes); answered() tells whether what is shown belongs to the current query.
  std::optional<std::int64_t> total() const { return rows_.total(); }
  bool answered() const { return rows_.answered(); }
  // Whether the server's list items carry the extension fields (the reference server) or only the
  // public summary; unknown until a page with rows arrived. Kept across queries.
  std::optional<bool> extended() const { return extended_; }
  // nullptr while the row's page is not here yet (the view draws a placeholder). Reading never
  // changes the list: the pages of the visible rows are kept fresh by set_visible_rows().
  const UserRow* shown_row(std::int64_t index) const { return rows_.row(index); }
  const User* row(std::int64_t index) const {
    const UserRow* r = shown_row(index);
    return r ? &r->user : nullptr;
  }
  bool loading() const { return rows_.loading(); }
  const std::optional<ApiError>& error() const { return rows_.error(); }
  std::uint64_t generation() const { return rows_.generation(); }
  std::size_t cached_pages() const { return rows_.cached_pages(); }
  bool take_changed() { return rows_.take_changed(); }

 private:
  void abandon_requests();                 // a new generation: pages and details in flight dropped
  void request_details(std::int64_t now);  // public API: "Get user info" for visible plain rows

  api::PlatformClient& client_;
  Rows rows_;
  UsersQuery query_;
  bool has_query_ = false;
  UsersQuery previous_query_;
  std::optional<bool> extended_;
  std::map<std::int64_t, api::CallId> details_in_flight_;  // by row index
  std::set<std::int64_t> details_failed_;                  // user ids whose detail did not come
};

}  // namespace roster::store
