// The user profile's state: the user (shown at once from the list's row when it was there, then
// the detail), and each tab's data, whose first pages are requested when the profile opens so a tab
// switch shows rows at once: the Actions Log (a paged log of the route's interval and filters, and
// its histogram) and the user's Devices (by owner email, as the public API offers). Answers for a
// user or query no longer shown are dropped (generations).
#pragma once

#include "api/platform_client.h"
#include "model/actions_histogram.h"
#include "model/actions_query.h"
#include "model/api_error.h"
#include "model/device.h"
#include "model/devices_query.h"
#include "model/user.h"
#include "store/org_names.h"
#include "store/paged_list.h"

#include <cstdint>
#include <optional>

namespace roster::store {

class ProfileScreen {
 public:
  explicit ProfileScreen(api::PlatformClient& client) : client_(client), actions_(client), devices_(client) {}

  // Shows `user_id`: fetched unless that user is already here. `known` is the list's row for the
  // user, drawn until the detail arrives. `with_actions` is false when the server has no actions log.
  void open(long long user_id, const std::optional<User>& known, const ActionsQuery& actions, bool with_actions,
            std::int64_t now);
  // The Actions Log tab's interval, clients, search or sort changed (a preset is resolved at `now`).
  void set_actions_query(const ActionsQuery& query, bool with_actions, std::int64_t now);
  void set_actions_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now) {
    actions_.set_visible_rows(first, last, now);
  }
  void set_devices_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now) {
    devices_.set_visible_rows(first, last, now);
  }
  // The Devices tab's sort (an extension of "Devices by owner email"); refetched.
  void set_devices_sort(const std::string& label, bool descending, std::int64_t now);
  void reload(bool with_actions, std::int64_t now);  // Retry: the user and every tab, fetched again
  bool revalidate_devices(std::int64_t now) { return devices_.revalidate(now); }  // the kiosk's refresh
  void tick(std::int64_t now);
  // Public API: the header's and the Devices tab's organization names, from their orgId.
  void fill_org_names(OrgNames& names, std::int64_t now) {
    if (user_ && names.fill(user_->orgId, user_->orgName, now)) changed_ = true;
    fill_visible_org_names(devices_, names, now, [](Device& d) { return std::make_pair(d.orgId, &d.orgName); });
  }

  long long user_id() const { return user_id_; }
  const std::optional<User>& user() const { return user_; }
  bool detailed() const { return detailed_; }  // the detail has arrived (not only the list's row)
  // The ETag of the detail shown: a change decided on it is sent with If-Match.
  const std::string& etag() const { return etag_; }
  // An administration change: `user` as the console now shows it (`etag` when it came from the
  // server, else empty and the old one kept); a no-op for another user.
  void replace_user(const User& user, const std::string& etag);
  const std::optional<ApiError>& error() const { return error_; }
  bool waiting() const { return !user_ && !error_; }
  const ActionsQuery& actions_query() const { return actions_query_; }
  const Interval& actions_interval() const { return interval_; }
  const PagedList<ActionLogEntry>& actions() const { return actions_; }
  const std::optional<ActionsHistogram>& histogram() const { return histogram_; }
  const std::optional<ApiError>& histogram_error() const { return histogram_error_; }
  const PagedList<Device>& devices() const { return devices_; }
  const std::string& devices_sort_label() const { return devices_sort_.sort_label; }
  bool devices_sort_descending() const { return devices_sort_.descending; }
  bool take_changed();

 private:
  void fetch_user(std::int64_t now);
  void fetch_devices(std::int64_t now);
  void fetch_actions(bool with_actions, std::int64_t now);

  api::PlatformClient& client_;
  long long user_id_ = 0;
  std::optional<User> user_;
  bool detailed_ = false;
  std::string etag_;
  std::optional<ApiError> error_;
  std::uint64_t generation_ = 0;
  ActionsQuery actions_query_;
  Interval interval_;
  PagedList<ActionLogEntry> actions_;
  std::optional<ActionsHistogram> histogram_;
  std::optional<ApiError> histogram_error_;
  std::uint64_t histogram_generation_ = 0;
  PagedList<Device> devices_;
  std::string devices_owner_;  // the email the devices tab was fetched for
  DevicesQuery devices_sort_;  // its sort (the owner is filled in when fetching)
  std::int64_t now_ = 0;       // the latest time seen, for requests an answer starts
  bool changed_ = false;
};

}  // namespace roster::store
