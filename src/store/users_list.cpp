#include "store/users_list.h"

#include "model/validation.h"

namespace roster::store {

void UsersList::set_query(const api::UsersQuery& query, std::int64_t now) {
  if (has_query_ && query == query_) return;
  has_query_ = true;
  ++generation_;
  for (auto& [page, id] : in_flight_) client_.cancel(id);
  in_flight_.clear();
  cancel_details();
  if (total_) {  // the answered query's rows stay on screen until this one answers
    std::swap(previous_, cache_);
    previous_total_ = total_;
    previous_query_ = query_;
  }
  query_ = query;
  cache_.clear();
  total_.reset();
  error_.reset();
  changed_ = true;
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

void UsersList::drop_pending_answers() {
  if (in_flight_.empty()) return;
  ++generation_;
  for (auto& [page, id] : in_flight_) client_.cancel(id);
  in_flight_.clear();
  cancel_details();
  changed_ = true;
}

void UsersList::reload(std::int64_t now) {
  ++generation_;
  for (auto& [page, id] : in_flight_) client_.cancel(id);
  in_flight_.clear();
  cancel_details();
  cache_.clear();
  error_.reset();
  changed_ = true;
  fetch_due_.reset();
  request_visible_pages(now);
  if (in_flight_.empty()) request_page(0, now);
}

void UsersList::set_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now) {
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
    User* u = cached_row(i);
    if (!u || u->status || details_in_flight_.count(i) || details_failed_.count(u->id)) continue;
    auto generation = generation_;
    auto user_id = u->id;
    details_in_flight_[i] = client_.send(api::user_request(user_id), [this, generation, i, user_id](const api::HttpResponse& r) {
      if (generation != generation_) return;
      details_in_flight_.erase(i);
      changed_ = true;
      auto detail = api::decode_user(r);
      User* row = cached_row(i);
      if (!detail.ok() || !row || row->id != user_id || !detail.value->status) {
        details_failed_.insert(user_id);  // shown as unavailable, not asked again
        return;
      }
      const User& d = *detail.value;
      row->title = d.title;
      row->nickName = d.nickName;
      row->phoneNumber = d.phoneNumber;
      row->tz = d.tz;
      row->locale = d.locale;
      row->status = d.status;
      row->lastModifiedTs = d.lastModifiedTs;
      row->lastLoggedAt = d.lastLoggedAt;
      row->registeredAt = d.registeredAt;
    }, now);
  }
}

void UsersList::cancel_details() {
  for (auto& [row, id] : details_in_flight_) client_.cancel(id);
  details_in_flight_.clear();
}

User* UsersList::cached_row(std::int64_t index) {
  if (index < 0 || !total_ || index >= *total_) return nullptr;
  auto* rows = cache_.find_mutable(index / kPageSize);
  auto offset = static_cast<std::size_t>(index % kPageSize);
  return rows && offset < rows->size() ? &(*rows)[offset] : nullptr;
}

void UsersList::request_page(std::int64_t page, std::int64_t now) {
  auto generation = generation_;
  in_flight_[page] = client_.send(api::users_page_request(query_, page, kPageSize),
                                  [this, generation, page](const api::HttpResponse& r) { on_page(generation, page, r); }, now);
  changed_ = true;
}

void UsersList::on_page(std::uint64_t generation, std::int64_t page, const api::HttpResponse& response) {
  if (generation != generation_) return;  // an older query's answer
  in_flight_.erase(page);
  changed_ = true;
  forget_previous();
  auto result = api::decode_users_page(response);
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
  cache_.put(page, std::move(result.value->content));
}

void UsersList::forget_previous() {
  previous_.clear();
  previous_total_.reset();
}

const User* UsersList::row(std::int64_t index) {
  auto shown = total();
  if (index < 0 || (shown && index >= *shown)) return nullptr;
  const auto* rows = total_ ? cache_.find(index / kPageSize) : previous_.find(index / kPageSize);
  if (!rows) return nullptr;
  auto offset = static_cast<std::size_t>(index % kPageSize);
  return offset < rows->size() ? &(*rows)[offset] : nullptr;
}

}  // namespace roster::store
