#include "store/route.h"

#include "api/url.h"
#include "model/user.h"
#include "model/validation.h"

#include <algorithm>
#include <map>

namespace roster::store {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::map<std::string, std::string> parse_query(const std::string& q) {
  std::map<std::string, std::string> out;
  for (const auto& part : split(q, '&')) {
    auto eq = part.find('=');
    auto key = api::percent_decode(part.substr(0, eq));
    out[key] = eq == std::string::npos ? "" : api::percent_decode(part.substr(eq + 1));
  }
  return out;
}

bool parse_id(const std::string& s, long long& out) {
  std::int64_t v = 0;
  if (!parse_int64(s, v) || v <= 0) return false;
  out = v;
  return true;
}

void read_users_query(const std::map<std::string, std::string>& q, UsersQuery& users) {
  auto get = [&](const char* k) {
    auto it = q.find(k);
    return it == q.end() ? std::string() : it->second;
  };
  users.text = get("q");
  if (is_user_sort_label(get("sort"))) {
    users.sort_label = get("sort");
    users.descending = get("order") == "desc";
  }
  for (const auto& r : split(get("role"), ',')) {
    long long id = 0;
    if (parse_id(r, id) && id < 100 &&
        std::find(users.role_ids.begin(), users.role_ids.end(), id) == users.role_ids.end())
      users.role_ids.push_back(static_cast<int>(id));
  }
  std::sort(users.role_ids.begin(), users.role_ids.end());
  for (const auto& s : split(get("status"), ','))
    if (parse_user_status(s) && std::find(users.statuses.begin(), users.statuses.end(), s) == users.statuses.end())
      users.statuses.push_back(s);
  std::sort(users.statuses.begin(), users.statuses.end());
  if (auto p = parse_preset(get("preset"))) users.preset = *p;
}

void write_users_query(const UsersQuery& u, UserPreset default_preset, std::vector<std::string>& parts) {
  if (!u.text.empty()) parts.push_back("q=" + api::percent_encode(u.text));
  if (!u.sort_label.empty()) {
    parts.push_back("sort=" + api::percent_encode(u.sort_label));
    parts.push_back(std::string("order=") + (u.descending ? "desc" : "asc"));
  }
  if (!u.role_ids.empty()) {
    std::string v;
    for (std::size_t i = 0; i < u.role_ids.size(); ++i) v += (i ? "," : "") + std::to_string(u.role_ids[i]);
    parts.push_back("role=" + v);  // digits and commas only
  }
  if (!u.statuses.empty()) {
    std::string v;
    for (std::size_t i = 0; i < u.statuses.size(); ++i) v += (i ? "," : "") + u.statuses[i];
    parts.push_back("status=" + v);  // known words and commas only
  }
  if (u.preset != default_preset) parts.push_back(std::string("preset=") + preset_key(u.preset));
}

std::string join_query(const std::string& path, const std::vector<std::string>& parts) {
  std::string out = path;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "&" : "?") + parts[i];
  return out;
}

}  // namespace

bool Route::operator==(const Route& o) const {
  return screen == o.screen && users == o.users && user_id == o.user_id && tab == o.tab &&
         devices_query == o.devices_query;
}

Route parse_route(const std::string& hash) {
  std::string h = hash;
  if (!h.empty() && h[0] == '#') h = h.substr(1);
  if (!h.empty() && h[0] == '/') h = h.substr(1);
  auto qmark = h.find('?');
  auto path = split(h.substr(0, qmark), '/');
  auto query = parse_query(qmark == std::string::npos ? "" : h.substr(qmark + 1));
  Route r;
  if (path.empty() || path[0] == "users") {
    long long id = 0;
    if (path.size() >= 2 && parse_id(path[1], id)) {
      r.screen = Screen::UserProfile;
      r.user_id = id;
      if (path.size() >= 3 && (path[2] == "actions" || path[2] == "devices")) r.tab = path[2];
      return r;
    }
    read_users_query(query, r.users);
    return r;
  }
  if (path[0] == "orgs") {
    long long id = 0;
    if (path.size() >= 3 && path[2] == "users" && parse_id(path[1], id) && id < 2147483647LL) {
      r.users.org_id = static_cast<int>(id);
      r.users.preset = UserPreset::OrgMembers;
      read_users_query(query, r.users);
      return r;
    }
    r.screen = Screen::Orgs;
    return r;
  }
  if (path[0] == "devices") {
    r.screen = Screen::Devices;
    auto it = query.find("q");
    if (it != query.end()) r.devices_query = it->second;
    return r;
  }
  return r;
}

std::string print_route(const Route& r) {
  std::vector<std::string> parts;
  switch (r.screen) {
    case Screen::UserProfile: return "#/users/" + std::to_string(r.user_id) + (r.tab == "info" ? "" : "/" + r.tab);
    case Screen::Orgs: return "#/orgs";
    case Screen::Devices:
      if (!r.devices_query.empty()) parts.push_back("q=" + api::percent_encode(r.devices_query));
      return join_query("#/devices", parts);
    case Screen::Users: break;
  }
  if (r.users.org_id) {
    write_users_query(r.users, UserPreset::OrgMembers, parts);
    return join_query("#/orgs/" + std::to_string(r.users.org_id) + "/users", parts);
  }
  write_users_query(r.users, UserPreset::AllWithSubOrgs, parts);
  return join_query("#/users", parts);
}

}  // namespace roster::store
