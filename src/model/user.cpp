#include "model/user.h"

#include "model/json_read.h"
#include "model/locale/messages.h"

namespace roster {

const char* to_string(UserStatus status) {
  switch (status) {
    case UserStatus::Pending: return "Pending";
    case UserStatus::Active: return "Active";
    case UserStatus::Inactive: return "Inactive";
    case UserStatus::Suspended: return "Suspended";
  }
  return "Pending";
}

const char* const kUserSortLabels[11] = {
    "User Id",       "Name",    "Email",         "Status",       "Role",      "Organization Name",
    "Devices Count", "Country", "Registered At", "Phone Number", "Last Login"};

bool is_user_sort_label(const std::string& label) {
  for (const char* l : kUserSortLabels)
    if (label == l) return true;
  return false;
}

std::optional<UserStatus> parse_user_status(const std::string& text) {
  for (auto s : {UserStatus::Pending, UserStatus::Active, UserStatus::Inactive, UserStatus::Suspended})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

namespace {

template <class T>
void put_if(nlohmann::json& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}

void put_extensions(nlohmann::json& j, const User& u) {
  put_if(j, "orgName", u.orgName);
  put_if(j, "country", u.country);
  put_if(j, "city", u.city);
  put_if(j, "devicesCount", u.devicesCount);
  if (u.tags) {
    auto tags = nlohmann::json::array();
    for (const auto& t : *u.tags) tags.push_back(encode(t));
    j["tags"] = std::move(tags);
  }
}

}  // namespace

nlohmann::json encode_summary(const User& u) {
  return {{"id", u.id},         {"name", u.name},   {"email", u.email},
          {"roleId", u.roleId}, {"orgId", u.orgId}, {"isDev", u.isDev}};
}

nlohmann::json encode_extended_summary(const User& u) {
  auto j = encode_summary(u);
  put_if(j, "status", u.status);
  put_if(j, "lastLoggedAt", u.lastLoggedAt);
  put_if(j, "registeredAt", u.registeredAt);
  put_if(j, "phoneNumber", u.phoneNumber);
  put_if(j, "nickName", u.nickName);
  put_extensions(j, u);
  return j;
}

void merge_user(const User& from, User& into) {
  into.id = from.id;
  into.name = from.name;
  into.email = from.email;
  into.roleId = from.roleId;
  into.orgId = from.orgId;
  into.isDev = from.isDev;
  copy_detail_fields(from, into);
  auto take = [](const auto& source, auto& target) {
    if (source) target = source;
  };
  take(from.orgName, into.orgName);
  take(from.country, into.country);
  take(from.city, into.city);
  take(from.tags, into.tags);
  take(from.devicesCount, into.devicesCount);
}

void copy_detail_fields(const User& detail, User& row) {
  row.title = detail.title;
  row.nickName = detail.nickName;
  row.phoneNumber = detail.phoneNumber;
  row.tz = detail.tz;
  row.locale = detail.locale;
  row.status = detail.status;
  row.lastModifiedTs = detail.lastModifiedTs;
  row.lastLoggedAt = detail.lastLoggedAt;
  row.registeredAt = detail.registeredAt;
}

nlohmann::json encode_detail(const User& u) {
  auto j = encode_summary(u);
  put_if(j, "title", u.title);
  put_if(j, "nickName", u.nickName);
  put_if(j, "phoneNumber", u.phoneNumber);
  put_if(j, "tz", u.tz);
  put_if(j, "locale", u.locale);
  put_if(j, "status", u.status);
  put_if(j, "lastModifiedTs", u.lastModifiedTs);
  put_if(j, "lastLoggedAt", u.lastLoggedAt);
  put_if(j, "registeredAt", u.registeredAt);
  put_extensions(j, u);
  return j;
}

bool decode(const nlohmann::json& v, User& out, std::string& error) {
  User u;
  json_read::FieldReader r(v, error, "user");
  r.required("id", u.id)
      .required("name", u.name)
      .required("email", u.email)
      .required("roleId", u.roleId)
      .required("orgId", u.orgId)
      .optional("isDev", u.isDev)
      .optional("title", u.title)
      .optional("nickName", u.nickName)
      .optional("phoneNumber", u.phoneNumber)
      .optional("tz", u.tz)
      .optional("locale", u.locale)
      .optional("status", u.status)
      .optional("lastModifiedTs", u.lastModifiedTs)
      .optional("lastLoggedAt", u.lastLoggedAt)
      .optional("registeredAt", u.registeredAt)
      .optional("orgName", u.orgName)
      .optional("country", u.country)
      .optional("city", u.city)
      .optional("tags", u.tags)
      .optional("devicesCount", u.devicesCount);
  if (!r.ok()) return false;
  out = std::move(u);
  return true;
}

std::string location_text(const User& user) {
  std::string loc = user.city.value_or("");
  if (user.country && !user.country->empty()) loc += (loc.empty() ? "" : ", ") + *user.country;
  return loc;
}

const char* status_meaning(const std::string& status) {
  if (status == "Pending") return tr(Msg::status_meaning_pending);
  if (status == "Active") return tr(Msg::status_meaning_active);
  if (status == "Inactive") return tr(Msg::status_meaning_inactive);
  if (status == "Suspended") return tr(Msg::status_meaning_suspended);
  return "";
}

const char* status_word(const std::string& status) {
  if (status == "Pending") return tr(Msg::status_pending);
  if (status == "Active") return tr(Msg::status_active);
  if (status == "Inactive") return tr(Msg::status_inactive);
  if (status == "Suspended") return tr(Msg::status_suspended);
  return status.c_str();
}

}  // namespace roster
