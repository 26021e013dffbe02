// Organization names by id, for the screens that show an organization where the public API gives
// only its id (user summaries and details, devices): each name is asked for once with
// "Organization info" (at most kRequests at a time) and kept. An organization the server will not
// show (404) stays unnamed and is not asked again; other failures are asked again after
// kRetryAfterMs, never once per frame.
#pragma once

#include "api/platform_client.h"
#include "store/paged_list.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace roster::store {

class OrgNames {
 public:
  static constexpr std::size_t kRequests = 4;
  static constexpr std::int64_t kRetryAfterMs = 10'000;

  explicit OrgNames(api::PlatformClient& client) : client_(client) {}

  // The name when known; else asks for it (when allowed now) and gives nullopt.
  std::optional<std::string> lookup(int org_id, std::int64_t now);
  // Fills `org_name` from `org_id` when it is empty and the name is known; true when it changed.
  bool fill(int org_id, std::optional<std::string>& org_name, std::int64_t now);
  bool take_changed();

 private:
  api::PlatformClient& client_;
  std::map<int, std::string> names_;
  std::set<int> in_flight_, hidden_;
  std::map<int, std::int64_t> retry_at_;
  bool changed_ = false;
};

// Fills the organization names of `list`'s visible rows (`org_of(row)` gives a row's id and name
// field); marks the list changed when one was filled.
template <class Row, class OrgOf>
void fill_visible_org_names(PagedList<Row>& list, OrgNames& names, std::int64_t now, OrgOf org_of) {
  if (list.last_visible() < list.first_visible()) return;
  bool filled = false;
  for (std::int64_t i = list.first_visible(); i <= list.last_visible(); ++i)
    if (Row* row = list.mutable_row(i)) {
      auto [org_id, org_name] = org_of(*row);
      filled = names.fill(org_id, *org_name, now) || filled;
    }
  if (filled) list.mark_changed();
}

}  // namespace roster::store
