// A server-paged list behind a virtualised table (users, devices, an actions log): the pages around
// the visible rows in a bounded cache, one generation per query so that an older query's answer is
// dropped, the previous query's rows kept on screen until the new one answers (no flash of
// placeholders while typing or sorting), a fast scroll fetched only once it settles, and the pages
// either side fetched once a query has stood. A failed answer leaves the rows already on screen
// where they are (under the error banner), and so does Retry. revalidate() asks again for the visible
// pages with their ETags: "not modified" costs nothing and draws nothing, a changed page replaces its
// rows in place. Which request fetches a page is the owner's: reset() gives the list a new Fetch.
#pragma once

#include "api/platform_client.h"
#include "model/api_error.h"
#include "model/page.h"
#include "store/page_cache.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace roster::store {

template <class Row>
class PagedList {
 public:
  // `if_none_match`: the ETag of the copy held (empty for a first fetch).
  using Fetch = std::function<api::CallId(std::int64_t page, int size, const std::string& if_none_match,
                                          api::PlatformClient::Done<Page<Row>> done, std::int64_t now)>;

  static constexpr int kPageSize = 100;
  static constexpr std::size_t kCachePages = 40;  // 4,000 rows at most
  // A jump of more than a page between two frames (a scrollbar drag, a fling, a deep link) fetches
  // nothing until the rows have rested this long: pages for positions flown past would be decoded
  // and dropped, and each request costs the frame that sends it.
  static constexpr std::int64_t kScrollSettleMs = 80;
  // The pages either side of the visible ones are fetched ahead only once a query has stood this
  // long: while someone types, each intermediate query would fetch a page nobody scrolls to.
  static constexpr std::int64_t kPrefetchDelayMs = 250;

  explicit PagedList(api::PlatformClient& client) : client_(client) {}

  // A new query, fetched by `fetch`: new generation, the first page requested at once.
  void reset(Fetch fetch, std::int64_t now) {
    begin_query();
    fetch_ = std::move(fetch);
    prefetch_not_before_ = now + kPrefetchDelayMs;
    request_page(0, now);
  }
  // A new query refused before it was sent: its error shows, not the previous rows.
  void refuse(ApiError error) {
    begin_query();
    forget_previous();
    fetch_ = nullptr;
    error_ = std::move(error);
  }
  // The rows on screen: requests the pages they need and, once the query has stood, one either side.
  // False when a fast scroll holds the requests back until it settles.
  bool set_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now) {
    // The pages on screen are the most recently used: scrolling evicts the ones furthest away.
    for (std::int64_t p = std::max<std::int64_t>(0, first) / kPageSize; p <= last / kPageSize; ++p)
      (total_ ? cache_ : previous_).touch(p);
    const bool jumped = first > first_visible_ + kPageSize || first < first_visible_ - kPageSize;
    first_visible_ = first;
    last_visible_ = last;
    if (jumped) fetch_due_ = now + kScrollSettleMs;
    if (fetch_due_ && now < *fetch_due_) return false;
    fetch_due_.reset();
    request_visible_pages(now);
    return true;
  }
  // Sends the requests a fast scroll or a fresh query held back, once due; true when it did.
  bool tick(std::int64_t now) {
    if (!fetch_due_ || now < *fetch_due_) return false;
    fetch_due_.reset();
    request_visible_pages(now);
    return true;
  }
  // Fetches what is visible again (Retry after an error, or a change elsewhere). The rows on screen
  // stay until their new copies arrive; pages out of sight are dropped, to be fetched when scrolled to.
  void reload(std::int64_t now) {
    abandon_requests();
    error_.reset();
    fetch_due_.reset();
    if (!fetch_) return;
    if (!total_) {  // the first page never came: the previous query's rows are still what shows
      request_page(0, now);
      return;
    }
    keep_only_visible_pages();
    for (std::int64_t p = first_visible_page(); p <= last_visible_page(); ++p) request_page(p, now);
  }
  // Asks whether the visible pages changed (conditional requests with their ETags). Quiet: nothing is
  // marked changed and nothing waits on it (no progress line) unless a page comes back different.
  // False when there is nothing to revalidate (no answer yet, an error, or requests still out).
  bool revalidate(std::int64_t now) {
    if (!fetch_ || !total_ || error_ || !in_flight_.empty() || !revalidating_.empty()) return false;
    keep_only_visible_pages();
    auto generation = generation_;
    for (std::int64_t p = first_visible_page(); p <= last_visible_page(); ++p) {
      if (!cache_.contains(p)) continue;
      auto tag = etags_.find(p);
      revalidating_[p] = fetch_(
          p, kPageSize, tag == etags_.end() ? std::string() : tag->second,
          [this, generation, p](api::Result<Page<Row>> r) { on_revalidated(generation, p, std::move(r)); }, now);
    }
    return !revalidating_.empty();
  }
  bool revalidating() const { return !revalidating_.empty(); }
  // Ignores the answers still on their way (a newer query is about to replace this one).
  void abandon_requests() {
    ++generation_;  // answers still on their way are dropped when they arrive
    for (auto& [page, id] : in_flight_) client_.cancel(id);
    for (auto& [page, id] : revalidating_) client_.cancel(id);
    in_flight_.clear();
    revalidating_.clear();
    changed_ = true;
  }

  // Until a new query's first answer arrives, the previous query's total and rows are still shown;
  // answered() tells whether what is shown belongs to the current query.
  std::optional<std::int64_t> total() const { return total_ ? total_ : previous_total_; }
  bool answered() const { return total_.has_value(); }
  bool showing_previous() const { return !total_ && previous_total_.has_value(); }
  // nullptr while the row's page is not here yet (the view draws a placeholder). Reading never
  // changes the list.
  const Row* row(std::int64_t index) const {
    auto shown = total();
    if (index < 0 || (shown && index >= *shown)) return nullptr;
    return row_in(total_ ? cache_ : previous_, index);
  }
  // This query's row, if its page is here, for filling it in (details that arrive later).
  Row* mutable_row(std::int64_t index) {
    if (index < 0 || !total_ || index >= *total_) return nullptr;
    return const_cast<Row*>(row_in(cache_, index));
  }
  // Lets `fn` change any row held (this query's and the previous one's); `fn` says whether it did.
  template <class Fn>
  void update_rows(Fn fn) {
    auto each = [&](Row& row) {
      if (fn(row)) changed_ = true;
    };
    cache_.for_each_row(each);
    previous_.for_each_row(each);
  }
  bool loading() const { return !in_flight_.empty(); }
  const std::optional<ApiError>& error() const { return error_; }
  std::uint64_t generation() const { return generation_; }
  std::size_t cached_pages() const { return cache_.size(); }
  std::int64_t first_visible() const { return first_visible_; }
  std::int64_t last_visible() const { return last_visible_; }
  std::int64_t fetch_due_at() const { return fetch_due_ ? *fetch_due_ : -1; }
  bool take_changed() {  // true once after anything visible changed (the frame must be redrawn)
    bool c = changed_;
    changed_ = false;
    return c;
  }
  void mark_changed() { changed_ = true; }

 private:
  void begin_query() {
    abandon_requests();
    if (total_) {  // the answered query's rows stay on screen until this one answers
      std::swap(previous_, cache_);
      previous_total_ = total_;
    }
    cache_.clear();
    etags_.clear();
    total_.reset();
    error_.reset();
    first_visible_ = last_visible_ = 0;
    fetch_due_.reset();
  }
  void forget_previous() {
    previous_.clear();
    previous_total_.reset();
  }
  void request_visible_pages(std::int64_t now) {
    if (!fetch_ || error_) return;
    // A new query's first page goes alone: its rows are what the user waits for, and the total it
    // brings bounds the rest.
    if (!total_ && !in_flight_.empty()) return;
    const bool prefetch = now >= prefetch_not_before_;
    if (!prefetch) fetch_due_ = prefetch_not_before_;  // the pages either side, later
    std::int64_t first_page = std::max<std::int64_t>(0, first_visible_ / kPageSize - (prefetch ? 1 : 0));
    std::int64_t last_page = last_visible_ / kPageSize + (prefetch ? 1 : 0);
    if (total_) last_page = std::min(last_page, (*total_ - 1) / kPageSize);
    for (std::int64_t p = first_page; p <= last_page; ++p)
      if (!cache_.contains(p) && !in_flight_.count(p)) request_page(p, now);
  }
  std::int64_t first_visible_page() const { return std::max<std::int64_t>(0, first_visible_) / kPageSize; }
  std::int64_t last_visible_page() const {
    std::int64_t last = std::max(first_visible_, last_visible_) / kPageSize;
    return total_ ? std::max<std::int64_t>(0, std::min(last, (*total_ - 1) / kPageSize)) : last;
  }
  void keep_only_visible_pages() {
    const std::int64_t first = first_visible_page(), last = last_visible_page();
    cache_.retain([first, last](std::int64_t p) { return p >= first && p <= last; });
    for (auto it = etags_.begin(); it != etags_.end();)
      it = cache_.contains(it->first) ? std::next(it) : etags_.erase(it);
  }
  void request_page(std::int64_t page, std::int64_t now) {
    auto generation = generation_;
    in_flight_[page] = fetch_(
        page, kPageSize, std::string(),
        [this, generation, page](api::Result<Page<Row>> r) { on_page(generation, page, std::move(r)); }, now);
    changed_ = true;
  }
  void on_page(std::uint64_t generation, std::int64_t page, api::Result<Page<Row>> result) {
    if (generation != generation_) return;  // an older query's answer
    in_flight_.erase(page);
    changed_ = true;
    if (!result.ok()) {
      // What is on screen (this query's pages, or the previous query's) stays under the banner.
      error_ = result.kind == api::ErrorKind::None ? ApiError{"The server sent an empty answer.", ""} : result.error;
      return;
    }
    forget_previous();
    error_.reset();
    store_page(page, result.value->totalElements, std::move(result.value->content), result.etag);
  }
  void on_revalidated(std::uint64_t generation, std::int64_t page, api::Result<Page<Row>> result) {
    if (generation != generation_) return;
    revalidating_.erase(page);
    // Not modified, the same ETag (a browser cache that answered for the server), or a failure: the
    // rows stay as they are and nothing is drawn. Failures are the owner's to show (the kiosk's banner).
    if (!result.ok()) return;
    auto tag = etags_.find(page);
    if (!result.etag.empty() && tag != etags_.end() && tag->second == result.etag) return;
    changed_ = true;
    store_page(page, result.value->totalElements, std::move(result.value->content), result.etag);
  }
  void store_page(std::int64_t page, std::int64_t total, std::vector<Row> rows, const std::string& etag) {
    total_ = total;
    if (etag.empty())
      etags_.erase(page);
    else
      etags_[page] = etag;
    cache_.put(page, std::move(rows));
  }
  static const Row* row_in(const PageCache<Row>& pages, std::int64_t index) {
    auto* rows = pages.peek(index / kPageSize);
    auto offset = static_cast<std::size_t>(index % kPageSize);
    return rows && offset < rows->size() ? &(*rows)[offset] : nullptr;
  }

  api::PlatformClient& client_;
  Fetch fetch_;
  std::uint64_t generation_ = 0;
  std::optional<std::int64_t> total_;
  PageCache<Row> cache_{kCachePages};
  PageCache<Row> previous_{kCachePages};  // the last answered query's pages, until this one answers
  std::optional<std::int64_t> previous_total_;
  std::map<std::int64_t, api::CallId> in_flight_;
  std::map<std::int64_t, api::CallId> revalidating_;  // quiet: not loading(), no progress line
  std::map<std::int64_t, std::string> etags_;         // of the cached pages, by page
  std::optional<ApiError> error_;
  std::int64_t first_visible_ = 0, last_visible_ = 0;
  std::optional<std::int64_t> fetch_due_;
  std::int64_t prefetch_not_before_ = 0;
  bool changed_ = true;
};

}  // namespace roster::store
