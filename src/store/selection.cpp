#include "store/selection.h"

#include <algorithm>

namespace roster::store {

void Selection::set(std::int64_t user_id, bool on) {
  // All matching: the set holds the exceptions, so "on" removes one.
  if (all_matching_ ? !on : on)
    ids_.insert(user_id);
  else
    ids_.erase(user_id);
}

void Selection::toggle(std::int64_t index, const User& user) {
  const bool on = !contains(user.id);
  set(user.id, on);
  anchor_ = index;
  anchor_on_ = on;
  ++version_;
}

std::int64_t Selection::extend_to(std::int64_t index, const RowAt& row_at) {
  if (!anchor_) {
    if (const User* u = row_at(index)) toggle(index, *u);
    return 0;
  }
  std::int64_t missing = 0;
  const std::int64_t from = std::min(*anchor_, index), to = std::max(*anchor_, index);
  for (std::int64_t i = from; i <= to; ++i) {
    if (const User* u = row_at(i))
      set(u->id, anchor_on_);
    else
      ++missing;
  }
  ++version_;
  return missing;
}

void Selection::select_all_matching() {
  all_matching_ = true;
  ids_.clear();
  anchor_.reset();
  ++version_;
}

void Selection::clear() {
  if (!all_matching_ && ids_.empty()) return;
  all_matching_ = false;
  ids_.clear();
  anchor_.reset();
  ++version_;
}

std::int64_t Selection::count(std::int64_t total) const {
  if (!all_matching_) return static_cast<std::int64_t>(ids_.size());
  return std::max<std::int64_t>(0, total - static_cast<std::int64_t>(ids_.size()));
}

std::vector<long long> Selection::ids() const { return std::vector<long long>(ids_.begin(), ids_.end()); }

}  // namespace roster::store
