#include "store/users_list.h"

#include "model/validation.h"

namespace roster::store {

namespace {

void find_matches(UserRow& row, const std::string& text) {
  row.name = find_match(row.user.name, text);
  row.email = find_match(row.user.email, text);
  row.location = find_match(location_text(row.user), text);
}

}  // namespace

void UsersList::set_query(const UsersQuery& query, std::int64_t now) {
  if (has_query_ && query == query_) return;
  has_query_ = true;
  abandon_requests();
  if (rows_.answered()) previous_query_ = query_;  // its rows stay on screen until this one answers
  query_ = query;
  if (!query.text.empty()) {
    auto problem = validate_query(query.text);
    if (!problem.empty()) {
      rows_.refuse(ApiError{problem, ""});
      return;
    }
  }
  rows_.reset(
      [this, query](std::int64_t page, int size, const std::string& etag, api::PlatformClient::Done<Page<UserRow>> done,
                    std::int64_t at) {
        return client_.users_page(
            query, page, size,
            [this, query, done = std::move(done)](api::Result<Page<User>> users) {
              api::Result<Page<UserRow>> rows;
              rows.error = std::move(users.error);
              rows.kind = users.kind;
              rows.not_modified = users.not_modified;
              rows.etag = std::move(users.etag);
              if (users.ok()) {
                auto& content = users.value->content;
                if (!extended_ && !content.empty()) {
                  // The reference server's items always carry these; the public API's never do.
                  const User& first = content.front();
                  extended_ = first.status.has_value() || first.orgName.has_value() || first.devicesCount.has_value();
                }
                Page<UserRow> page;
                page.totalElements = users.value->totalElements;
                page.content.resize(content.size());
                for (std::size_t i = 0; i < content.size(); ++i) {
                  page.content[i].user = std::move(content[i]);
                  find_matches(page.content[i], query.text);
                }
                rows.value = std::move(page);
              }
              done(std::move(rows));
            },
            at, etag);
      },
      now);
}

void UsersList::abandon_requests() {
  for (auto& [row, id] : details_in_flight_) client_.cancel(id);
  details_in_flight_.clear();
}

void UsersList::drop_pending_answers() {
  if (!rows_.loading()) return;
  abandon_requests();
  rows_.abandon_requests();
}

void UsersList::reload(std::int64_t now) {
  abandon_requests();
  rows_.reload(now);
}

void UsersList::set_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now) {
  if (rows_.set_visible_rows(first, last, now)) request_details(now);
}

void UsersList::tick(std::int64_t now) {
  if (rows_.tick(now)) request_details(now);
}

void UsersList::request_details(std::int64_t now) {
  if (extended_.value_or(true) || !rows_.answered() || rows_.error()) return;
  for (std::int64_t i = rows_.first_visible(); i <= rows_.last_visible() && details_in_flight_.size() < kDetailRequests;
       ++i) {
    UserRow* r = rows_.mutable_row(i);
    if (!r || r->user.status || details_in_flight_.count(i) || details_failed_.count(r->user.id)) continue;
    auto generation = rows_.generation();
    auto user_id = r->user.id;
    details_in_flight_[i] = client_.user(
        user_id,
        [this, generation, i, user_id](api::Result<User> detail) {
          if (generation != rows_.generation()) return;
          details_in_flight_.erase(i);
          rows_.mark_changed();
          UserRow* row = rows_.mutable_row(i);
          if (!detail.ok() || !row || row->user.id != user_id || !detail.value->status) {
            details_failed_.insert(user_id);  // shown as unavailable, not asked again
            return;
          }
          copy_detail_fields(*detail.value, row->user);
          find_matches(*row, query_.text);  // the location came with the detail
        },
        now);
  }
}

void UsersList::patch_user(const User& user) {
  const std::string& text = query_.text;
  rows_.update_rows([&](UserRow& row) {
    if (row.user.id != user.id) return false;
    merge_user(user, row.user);
    find_matches(row, text);
    return true;
  });
}

}  // namespace roster::store
