#include "store/org_names.h"

namespace roster::store {

std::optional<std::string> OrgNames::lookup(int org_id, std::int64_t now) {
  auto known = names_.find(org_id);
  if (known != names_.end()) return known->second;
  if (org_id <= 0 || hidden_.count(org_id) || in_flight_.count(org_id) || in_flight_.size() >= kRequests)
    return std::nullopt;
  auto retry = retry_at_.find(org_id);
  if (retry != retry_at_.end() && now < retry->second) return std::nullopt;
  in_flight_.insert(org_id);
  client_.org_info(
      org_id,
      [this, org_id, now](api::Result<OrgNode> org) {
        in_flight_.erase(org_id);
        changed_ = true;
        if (org.ok() && org.value->org.id == org_id)
          names_[org_id] = org.value->org.name;
        else if (org.kind == api::ErrorKind::NotFound || org.kind == api::ErrorKind::Forbidden || org.ok())
          hidden_.insert(org_id);
        else
          retry_at_[org_id] = now + kRetryAfterMs;
      },
      now);
  return std::nullopt;
}

bool OrgNames::fill(int org_id, std::optional<std::string>& org_name, std::int64_t now) {
  if (org_name && !org_name->empty()) return false;
  auto name = lookup(org_id, now);
  if (!name) return false;
  org_name = std::move(name);
  return true;
}

bool OrgNames::take_changed() {
  bool c = changed_;
  changed_ = false;
  return c;
}

}  // namespace roster::store
