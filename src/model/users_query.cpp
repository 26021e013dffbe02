#include "model/users_query.h"

namespace roster {

const char* preset_key(UserPreset preset) {
  switch (preset) {
    case UserPreset::OrgMembers: return "members";
    case UserPreset::AllWithSubOrgs: return "all";
    case UserPreset::NoDevices: return "nodevices";
  }
  return "all";
}

std::optional<UserPreset> parse_preset(const std::string& key) {
  for (auto p : {UserPreset::OrgMembers, UserPreset::AllWithSubOrgs, UserPreset::NoDevices})
    if (key == preset_key(p)) return p;
  return std::nullopt;
}

bool UsersQuery::operator==(const UsersQuery& o) const {
  return text == o.text && sort_label == o.sort_label && descending == o.descending && role_ids == o.role_ids &&
         statuses == o.statuses && preset == o.preset && org_id == o.org_id &&
         not_signed_in_days == o.not_signed_in_days;
}

}  // namespace roster
