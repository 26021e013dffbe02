#include "store/users_list.h"

#include "model/validation.h"

namespace roster::store {

void UsersList::set_query(const UsersQuery& query, std::int64_t now) {
  if (has_query_ && query == query_) return;
  has_query_ = true;
  abandon_requests();
  if (total_) {  // the answered query's rows stay on screen until this one answers
    std::swap(previous_, cache_);
    previous_total_ = total_;
    previous_query_ = query_;
  }
  query_ = query;
  cache_.clear();
  total_.reset();
  error_.reset();
  if (!query.text.empty()) {
    auto problem = validate_query(query.text);
    if (!problem.empty()) {
      forget_previous();
      error_ = ApiError{problem, ""};
      return;
    }
  }
  first_visible_ = last_visible_ = 0;
  fetch_due_.reset();
  prefetch_not_before_ = now + kPrefetchDelayMs;
  request_page(0, now);
}

void UsersList::abandon_requests() {
  ++generation_;  // answers still on their way are dropped when they arrive
  for (auto& [page, id] : in_flight_) client_.cancel(id);
  in_flight_.clear();
  for (auto& [row, id] : details_in_flight_) client_.cancel(id);
  details_in_flight_.clear();
  changed_ = true;
}

void UsersList::drop_pending_answers() {
  if (!in_flight_.empty()) abandon_requests();
}

void UsersList::reload(std::int64_t now) {
  abandon_requests();
  cache_.clear();
  error_.reset();
  fetch_due_.reset();
  request_visible_pages(now);
  if (in_flight_.empty()) request_page(0, now);
}

void UsersList::set_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now) {
  // The pages on screen are the most recently used: scrolling evicts the ones furthest away.
  for (std::int64_t p = std::max<std::int64_t>(0, first) / kPageSize; p <= last / kPageSize; ++p)
    (total_ ? cache_ : previous_).touch(p);
  const bool jumped = first > first_visible_ + kPageSize || first < first_visible_ - kPageSize;
  first_visible_ = first;
  last_visible_ = last;
  if (jumped) fetch_due_ = now + kScrollSettleMs;
  if (fetch_due_ && now < *fetch_due_) return;
  fetch_due_.reset();
  request_visible_pages(now);
}

void UsersList::tick(std::int64_t now) {
  if (!fetch_due_ || now < *fetch_due_) return;
  fetch_due_.reset();
  request_visible_pages(now);
}

void UsersList::request_visible_pages(std::int64_t now) {
  if (!has_query_ || error_) return;
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
  request_details(now);
}

void UsersList::request_details(std::int64_t now) {
  if (extended_.value_or(true) || !total_) return;
  for (std::int64_t i = first_visible_; i <= last_visible_ && details_in_flight_.size() < kDetailRequests; ++i) {
    UserRow* r = cached_row(i);
    if (!r || r->user.status || details_in_flight_.count(i) || details_failed_.count(r->user.id)) continue;
    auto generation = generation_;
    auto user_id = r->user.id;
    details_in_flight_[i] = client_.user(
        user_id,
        [this, generation, i, user_id](api::Result<User> detail) {
          if (generation != generation_) return;
          details_in_flight_.erase(i);
          changed_ = true;
          UserRow* row = cached_row(i);
          if (!detail.ok() || !row || row->user.id != user_id || !detail.value->status) {
            details_failed_.insert(user_id);  // shown as unavailable, not asked again
            return;
          }
          copy_detail_fields(*detail.value, row->user);
          find_matches(*row);  // the location came with the detail
        },
        now);
  }
}

const UserRow* UsersList::row_in(const PageCache<UserRow>& pages, std::int64_t index) {
  auto* rows = pages.peek(index / kPageSize);
  auto offset = static_cast<std::size_t>(index % kPageSize);
  return rows && offset < rows->size() ? &(*rows)[offset] : nullptr;
}

UserRow* UsersList::cached_row(std::int64_t index) {
  if (index < 0 || !total_ || index >= *total_) return nullptr;
  return const_cast<UserRow*>(row_in(cache_, index));  // this list's own rows: filled in by details
}

void UsersList::find_matches(UserRow& row) const {
  row.name = find_match(row.user.name, query_.text);
  row.email = find_match(row.user.email, query_.text);
  row.location = find_match(location_text(row.user), query_.text);
}

void UsersList::request_page(std::int64_t page, std::int64_t now) {
  auto generation = generation_;
  in_flight_[page] = client_.users_page(
      query_, page, kPageSize,
      [this, generation, page](api::Result<Page<User>> r) { on_page(generation, page, std::move(r)); }, now);
  changed_ = true;
}

void UsersList::on_page(std::uint64_t generation, std::int64_t page, api::Result<Page<User>> result) {
  if (generation != generation_) return;  // an older query's answer
  in_flight_.erase(page);
  changed_ = true;
  forget_previous();
  if (!result.ok()) {
    error_ = result.error;
    return;
  }
  error_.reset();
  total_ = result.value->totalElements;
  if (!extended_ && !result.value->content.empty()) {
    // The reference server's items always carry these; the public API's never do.
    const User& first = result.value->content.front();
    extended_ = first.status.has_value() || first.orgName.has_value() || first.devicesCount.has_value();
  }
  std::vector<UserRow> rows(result.value->content.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].user = std::move(result.value->content[i]);
    find_matches(rows[i]);
  }
  cache_.put(page, std::move(rows));
}

void UsersList::forget_previous() {
  previous_.clear();
  previous_total_.reset();
}

const UserRow* UsersList::shown_row(std::int64_t index) const {
  auto shown = total();
  if (index < 0 || (shown && index >= *shown)) return nullptr;
  return row_in(total_ ? cache_ : previous_, index);
}

}  // namespace roster::store
