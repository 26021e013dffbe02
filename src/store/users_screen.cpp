#include "store/users_screen.h"

#include "model/utf8.h"

#include <algorithm>

namespace roster::store {

void UsersScreen::show(const UsersQuery& query, std::int64_t now) {
  list_.set_query(query, now);
  refresh_preset_counts(now);
}

void UsersScreen::reset_to(const UsersQuery& query) {
  search_text_ = query.text;
  search_due_.reset();
  selected_.reset();
  changed_ = true;
}

bool UsersScreen::type(const std::string& text, std::int64_t now) {
  if (text == search_text_) return false;
  search_text_ = text;
  changed_ = true;
  // One or two characters match most of a large organization and cost the server a full scan:
  // those wait for a pause in typing. Longer queries go out at once unless one just went.
  std::size_t length = utf8::count_code_points(text);
  if (length > 0 && length < 3)
    search_due_ = now + kShortQueryPauseMs;
  else if (length == 0)
    search_due_ = now;  // clearing never waits
  else
    search_due_ = std::max(now, last_search_sent_ + kSearchThrottleMs);
  // Typing faster than the server answers: the answer to the text typed past is not drawn, the
  // newer text goes out within the throttle interval.
  if (*search_due_ > now && length >= 3) list_.drop_pending_answers();
  return true;
}

std::optional<UsersQuery> UsersScreen::take_due_search(const UsersQuery& route_query, std::int64_t now) {
  if (!search_due_ || *search_due_ > now) return std::nullopt;
  search_due_.reset();
  last_search_sent_ = now;
  UsersQuery q = route_query;
  q.text = search_text_;
  return q;
}

void UsersScreen::clear_typing() {
  search_text_.clear();
  search_due_.reset();
}

void UsersScreen::select(std::int64_t index) {
  auto total = list_.total().value_or(0);
  if (total <= 0) {
    selected_.reset();
    return;
  }
  selected_ = std::clamp<std::int64_t>(index, 0, total - 1);
  changed_ = true;
}

void UsersScreen::tick(bool public_api_only, std::int64_t now) {
  list_.tick(now);
  if (counts_due_ && counted_query_ && !list_.loading() && !search_due_ && now >= counts_not_before_)
    send_preset_counts(public_api_only, now);
}

void UsersScreen::refresh_preset_counts(std::int64_t now) {
  UsersQuery key = list_.query();
  key.preset = UserPreset::AllWithSubOrgs;
  key.sort_label.clear();
  key.descending = false;
  if (counted_query_ && *counted_query_ == key) return;
  counted_query_ = key;
  ++counts_generation_;
  for (auto& c : preset_counts_) c.reset();
  counts_due_ = true;  // sent once the rows themselves have arrived: they come first
  counts_not_before_ = now + kCountsDelayMs;
}

void UsersScreen::send_preset_counts(bool public_api_only, std::int64_t now) {
  counts_due_ = false;
  auto generation = counts_generation_;
  for (auto preset : {UserPreset::OrgMembers, UserPreset::AllWithSubOrgs, UserPreset::NoDevices}) {
    if (preset == UserPreset::NoDevices && public_api_only) continue;  // an extension filter
    if (preset == list_.query().preset) {                              // the list's own total is that count
      preset_counts_[static_cast<int>(preset)] = list_.total();
      continue;
    }
    UsersQuery q = *counted_query_;
    q.preset = preset;
    // One row is enough: only totalElements is wanted.
    client_.users_page(
        q, 0, 1,
        [this, generation, preset](api::Result<Page<User>> page) {
          if (generation != counts_generation_) return;
          if (page.ok()) preset_counts_[static_cast<int>(preset)] = page.value->totalElements;
          changed_ = true;
        },
        now);
  }
}

std::optional<std::int64_t> UsersScreen::preset_count(UserPreset preset) const {
  if (preset == list_.query().preset && list_.total()) return list_.total();
  return preset_counts_[static_cast<int>(preset)];
}

std::int64_t UsersScreen::next_wake_at(std::int64_t now) const {
  std::int64_t next = -1;
  auto consider = [&next, now](std::int64_t at) {
    if (at > now && (next < 0 || at < next)) next = at;
  };
  if (search_due_) consider(*search_due_);
  if (list_.fetch_due_at() >= 0) consider(list_.fetch_due_at());
  if (counts_due_) consider(counts_not_before_);
  return next;
}

bool UsersScreen::take_changed() {
  bool c = list_.take_changed();  // taken whatever changed_ says, or it would report twice
  c = changed_ || c;
  changed_ = false;
  return c;
}

}  // namespace roster::store
