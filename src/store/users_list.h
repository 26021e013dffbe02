// State of one users table: the query it shows, its total, the cached pages around the visible
// rows, the pages in flight and the last error. Every query change starts a new generation; answers
// for an older generation are dropped, so a slow response can never overwrite a newer query's rows.
#pragma once

#include "api/platform_client.h"
#include "model/text_match.h"
#include "model/users_query.h"
#include "store/page_cache.h"

#include <cstdint>
#include <optional>
#include <map>
#include <set>
#include <string>

namespace roster::store {

// A row as the table shows it: the user and where the query it answered matches its name, email and
// location (what is highlighted), found once when the page arrives.
struct UserRow {
  User user;
  TextMatch name, email, location;
};

class UsersList {
 public:
  static constexpr int kPageSize = 100;
  static constexpr std::size_t kCachePages = 40;  // 4,000 rows at most
  // A jump of more than a page between two frames (a scrollbar drag, a fling, a deep link) fetches
  // nothing until the rows have rested this long: pages for positions flown past would be decoded
  // and dropped, and each request costs the frame that sends it.
  static constexpr std::int64_t kScrollSettleMs = 80;
  // The pages either side of the visible ones are fetched ahead only once a query has stood this
  // long: while someone types, each intermediate query would fetch a page nobody scrolls to, and
  // the server would answer it while the next query waits.
  static constexpr std::int64_t kPrefetchDelayMs = 250;
  // Against the public API (plain summaries), visible rows are filled from "Get user info", this many
  // requests at a time.
  static constexpr std::size_t kDetailRequests = 6;

  explicit UsersList(api::PlatformClient& client) : client_(client) {}

  // A different query: new generation, cache cleared, first page requested.
  void set_query(const UsersQuery& query, std::int64_t now);
  const UsersQuery& query() const { return query_; }
  // The query of the rows on screen: the previous one until this one answers (what to highlight).
  const UsersQuery& shown_query() const { return total_ || !previous_total_ ? query_ : previous_query_; }
  // The rows on screen: requests the pages they need and one page either side.
  void set_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now);
  // Sends the requests a fast scroll held back, once it has settled.
  void tick(std::int64_t now);
  // When tick() has held-back requests to send, or -1.
  std::int64_t fetch_due_at() const { return fetch_due_ ? *fetch_due_ : -1; }
  // Drops the cache and refetches what is visible (after an error, or a change elsewhere).
  void reload(std::int64_t now);
  // Ignores the answers still on their way (a newer query is about to replace this one): drawing
  // them would cost a frame for rows the user has already typed past.
  void drop_pending_answers();

  // Until a new query's first answer arrives, the previous query's total and rows are still shown
  // (typing, sorting or filtering does not flash placeholder rows for the few milliseconds a fast
  // server takes); answered() tells whether what is shown belongs to the current query.
  std::optional<std::int64_t> total() const { return total_ ? total_ : previous_total_; }
  bool answered() const { return total_.has_value(); }
  // Whether the server's list items carry the extension fields (the reference server) or only the
  // public summary; unknown until a page with rows arrived. Kept across queries.
  std::optional<bool> extended() const { return extended_; }
  // nullptr while the row's page is not here yet (the view draws a placeholder). Reading never
  // changes the list: the pages of the visible rows are kept fresh by set_visible_rows().
  const UserRow* shown_row(std::int64_t index) const;
  const User* row(std::int64_t index) const {
    const UserRow* r = shown_row(index);
    return r ? &r->user : nullptr;
  }
  bool loading() const { return !in_flight_.empty(); }
  const std::optional<ApiError>& error() const { return error_; }
  std::uint64_t generation() const { return generation_; }
  std::size_t cached_pages() const { return cache_.size(); }
  bool take_changed() {  // true once after anything visible changed (the frame must be redrawn)
    bool c = changed_;
    changed_ = false;
    return c;
  }
  bool changed() const { return changed_; }

 private:
  void request_page(std::int64_t page, std::int64_t now);
  void request_visible_pages(std::int64_t now);
  void forget_previous();
  void request_details(std::int64_t now);  // public API: "Get user info" for visible plain rows
  void abandon_requests();                 // a new generation: pages and details in flight dropped
  static const UserRow* row_in(const PageCache<UserRow>& pages, std::int64_t index);
  UserRow* cached_row(std::int64_t index);  // this query's row, if its page is here
  void on_page(std::uint64_t generation, std::int64_t page, api::Result<Page<User>> result);
  void find_matches(UserRow& row) const;  // against query_, the query the row answers

  api::PlatformClient& client_;
  UsersQuery query_;
  bool has_query_ = false;
  std::uint64_t generation_ = 0;
  std::optional<std::int64_t> total_;
  PageCache<UserRow> cache_{kCachePages};
  PageCache<UserRow> previous_{kCachePages};  // the last answered query's pages, until this one answers
  std::optional<std::int64_t> previous_total_;
  UsersQuery previous_query_;
  std::optional<bool> extended_;
  std::map<std::int64_t, api::CallId> details_in_flight_;  // by row index
  std::set<std::int64_t> details_failed_;                  // user ids whose detail did not come
  std::map<std::int64_t, api::CallId> in_flight_;
  std::optional<ApiError> error_;
  std::int64_t first_visible_ = 0, last_visible_ = 0;
  std::optional<std::int64_t> fetch_due_;
  std::int64_t prefetch_not_before_ = 0;
  bool changed_ = true;
};

}  // namespace roster::store
