// What a users table asks for: the search text, sorting, filters and the scope presets of
// Blynk.Console ("Organization members", "All (with sub-organizations)", "With no devices"). Shared
// vocabulary: the console's route and store hold it, the API layer turns it into a request.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace roster {

enum class UserPreset { OrgMembers, AllWithSubOrgs, NoDevices };
const char* preset_key(UserPreset preset);  // "members" | "all" | "nodevices"
std::optional<UserPreset> parse_preset(const std::string& key);

// The "Last sign-in" filter's choices (days), and the largest number of days the server takes.
constexpr int kNotSignedInChoices[] = {30, 90, 365};
constexpr int kMaxNotSignedInDays = 36500;

struct UsersQuery {
  std::string text;        // empty: the list endpoint; else search
  std::string sort_label;  // a sortBy label ("Name"); empty: server default
  bool descending = false;
  std::vector<int> role_ids;
  std::vector<std::string> statuses;
  UserPreset preset = UserPreset::AllWithSubOrgs;
  int org_id = 0;  // 0: the caller's organization
  // Not signed in for this many days (last login older, or never): the extension's
  // notSignedInForDays, 1..kMaxNotSignedInDays; 0: any.
  int not_signed_in_days = 0;
  bool operator==(const UsersQuery& o) const;
  bool operator!=(const UsersQuery& o) const { return !(*this == o); }
};

}  // namespace roster
