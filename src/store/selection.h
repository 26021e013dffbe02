// The users list's checked rows, as Gmail keeps them: some users by id, or every user the list's
// query matches minus some ("Select all 1,000,000 matching"), which goes to the server as the
// contract's query selection, never as a million ids. A range (Shift) takes the rows between the
// anchor and the clicked row that are loaded; a new query clears the selection (what matched
// before may not match now).
#pragma once

#include "model/user.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <vector>

namespace roster::store {

class Selection {
 public:
  // The loaded row at an index, or nullptr (not loaded, or past the end).
  using RowAt = std::function<const User*(std::int64_t index)>;

  // A checkbox or Ctrl/Cmd+click: this row in or out; it becomes the range's anchor.
  void toggle(std::int64_t index, const User& user);
  // Shift+click: every loaded row from the anchor to `index` takes the anchor's state; returns how
  // many rows of the range were not loaded (and so not changed).
  std::int64_t extend_to(std::int64_t index, const RowAt& row_at);
  // Ctrl/Cmd+A or the header's checkbox: every user the query matches.
  void select_all_matching();
  void clear();

  bool empty(std::int64_t total) const { return count(total) == 0; }
  bool all_matching() const { return all_matching_; }
  bool contains(std::int64_t user_id) const { return all_matching_ ? !ids_.count(user_id) : ids_.count(user_id) != 0; }
  // How many users are selected when the query matches `total`.
  std::int64_t count(std::int64_t total) const;
  // Explicit: the selected ids; all matching: the exceptions (ascending).
  std::vector<long long> ids() const;
  std::uint64_t version() const { return version_; }  // changes with every change (views redraw)

 private:
  void set(std::int64_t user_id, bool on);

  bool all_matching_ = false;
  std::set<std::int64_t> ids_;  // selected, or (all matching) excepted
  std::optional<std::int64_t> anchor_;
  bool anchor_on_ = true;
  std::uint64_t version_ = 0;
};

}  // namespace roster::store
