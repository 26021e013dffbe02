// A user of the Platform API: the summary that lists carry, the detail of "Get user info", and the
// extension fields of richer summaries. Fields a response may lack are std::optional, so the console
// can tell "absent" (public API) from "empty". Shared by server and console.
#pragma once

#include "model/tag.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roster {

enum class UserStatus { Pending, Active, Inactive, Suspended };

const char* to_string(UserStatus status);
// What a status means, in the Console's words ("Pending: invited, email not confirmed").
const char* status_meaning(const std::string& status);
// The status in the language in force ("Aktiv"); an unknown status as it came (the pointer is into `status`).
const char* status_word(const std::string& status);

// The sortBy labels of "Search users" (the contract's human labels, spaces included), in contract order,
// then the extension's "Last Login" (section 7: never-signed-in users last in ascending order).
extern const char* const kUserSortLabels[11];
bool is_user_sort_label(const std::string& label);
std::optional<UserStatus> parse_user_status(const std::string& text);

struct User {
  // Summary fields: always present.
  std::int64_t id = 0;
  std::string name;
  std::string email;
  std::int32_t roleId = 0;
  std::int32_t orgId = 0;
  bool isDev = false;

  // Detail fields ("Get user info"); also carried by extended summaries.
  std::optional<std::string> title;
  std::optional<std::string> nickName;
  std::optional<std::string> phoneNumber;
  std::optional<std::string> tz;
  std::optional<std::string> locale;
  std::optional<std::string> status;  // kept as text: a newer server may add statuses
  std::optional<std::int64_t> lastModifiedTs;
  std::optional<std::int64_t> lastLoggedAt;
  std::optional<std::int64_t> registeredAt;

  // Extension fields (reference server only).
  std::optional<std::string> orgName;
  std::optional<std::string> country;
  std::optional<std::string> city;
  std::optional<std::vector<Tag>> tags;
  std::optional<std::int32_t> devicesCount;
};

// Copies the detail fields ("Get user info") of `detail` into `row`, leaving the rest as it is: how
// a plain summary from the public API is filled in.
void copy_detail_fields(const User& detail, User& row);
// Copies every field `from` has into `into` (the summary fields always; an optional one when set):
// a changed user, as the server answered a change, over the row or profile the console holds.
void merge_user(const User& from, User& into);
// "Kyiv, Ukraine", "Kyiv", "Ukraine" or "": the Location column and what its search matches.
std::string location_text(const User& user);

// The six public summary fields only.
nlohmann::json encode_summary(const User& user);
// Summary plus every extension field that is set (the reference server's list items).
nlohmann::json encode_extended_summary(const User& user);
// Every field that is set.
nlohmann::json encode_detail(const User& user);

bool decode(const nlohmann::json& v, User& out, std::string& error);

}  // namespace roster
