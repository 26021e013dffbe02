#include "store/devices_screen.h"

#include "model/validation.h"

namespace roster::store {

void DevicesScreen::show(const DevicesQuery& query, std::int64_t now) {
  if (has_query_ && query == query_) return;
  has_query_ = true;
  query_ = query;
  if (!query.text.empty()) {
    auto problem = validate_query(query.text);
    if (!problem.empty()) {
      devices_.refuse(ApiError{problem, ""});
      return;
    }
  }
  devices_.reset(
      [this, query](std::int64_t page, int size, const std::string& etag, api::PlatformClient::Done<Page<Device>> done,
                    std::int64_t at) { return client_.devices_page(query, page, size, std::move(done), at, etag); },
      now);
}

void DevicesScreen::set_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now) {
  if (devices_.set_visible_rows(first, last, now)) request_owners(now);
}

void DevicesScreen::reload(std::int64_t now) { devices_.reload(now); }

void DevicesScreen::tick(std::int64_t now) {
  if (devices_.tick(now)) request_owners(now);
}

std::optional<std::string> DevicesScreen::owner_name(const Device& device) const {
  if (device.ownerName) return device.ownerName;
  auto it = owners_.find(device.ownerUserId);
  if (it != owners_.end()) return it->second;
  return std::nullopt;
}

void DevicesScreen::request_owners(std::int64_t now) {
  if (!devices_.answered()) return;
  for (std::int64_t i = devices_.first_visible(); i <= devices_.last_visible() && owners_in_flight_ < kOwnerRequests;
       ++i) {
    const Device* d = devices_.row(i);
    if (!d || d->ownerName || d->ownerUserId <= 0 || owners_asked_.count(d->ownerUserId)) continue;
    const std::int64_t owner = d->ownerUserId;
    owners_asked_.insert(owner);  // asked once, whatever the answer
    ++owners_in_flight_;
    client_.user(
        owner,
        [this, owner](api::Result<User> u) {
          --owners_in_flight_;
          changed_ = true;
          if (u.ok()) owners_[owner] = u.value->name;
        },
        now);
  }
}

bool DevicesScreen::take_changed() {
  bool c = changed_;
  c = devices_.take_changed() || c;
  changed_ = false;
  return c;
}

}  // namespace roster::store
