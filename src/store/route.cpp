#include "store/route.h"

#include "api/url.h"
#include "model/device.h"
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
  std::int64_t days = 0;
  if (parse_int64(get("notsignedin"), days) && days >= 1 && days <= kMaxNotSignedInDays)
    users.not_signed_in_days = static_cast<int>(days);
}

void write_sort(const std::string& label, bool descending, std::vector<std::string>& parts) {
  if (label.empty()) return;
  parts.push_back("sort=" + api::percent_encode(label));
  parts.push_back(std::string("order=") + (descending ? "desc" : "asc"));
}

void write_users_query(const UsersQuery& u, UserPreset default_preset, std::vector<std::string>& parts) {
  if (!u.text.empty()) parts.push_back("q=" + api::percent_encode(u.text));
  write_sort(u.sort_label, u.descending, parts);
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
  if (u.not_signed_in_days > 0) parts.push_back("notsignedin=" + std::to_string(u.not_signed_in_days));
}

std::string get(const std::map<std::string, std::string>& q, const char* key) {
  auto it = q.find(key);
  return it == q.end() ? std::string() : it->second;
}

// The Actions Log tab: ?range=1d (or from=&to= for a custom range), client=, q=, sort=, order=.
void read_actions_query(const std::map<std::string, std::string>& q, ActionsQuery& a) {
  std::int64_t from = 0, to = 0;
  if (parse_int64(get(q, "from"), from) && parse_int64(get(q, "to"), to) && from >= 0 && from < to) {
    a.range = ActionsRange::Custom;
    a.from_ms = from;
    a.to_ms = to;
  } else if (auto r = parse_range(get(q, "range")); r && *r != ActionsRange::Custom) {
    a.range = *r;
  }
  for (const auto& c : split(get(q, "client"), ','))
    if (is_action_client(c) && std::find(a.clients.begin(), a.clients.end(), c) == a.clients.end())
      a.clients.push_back(c);
  std::sort(a.clients.begin(), a.clients.end());
  a.text = get(q, "q");
  if (is_action_sort_label(get(q, "sort"))) {
    a.sort_label = get(q, "sort");
    a.descending = get(q, "order") == "desc";
  }
}

void write_actions_query(const ActionsQuery& a, std::vector<std::string>& parts) {
  if (a.range == ActionsRange::Custom) {
    parts.push_back("from=" + std::to_string(a.from_ms));
    parts.push_back("to=" + std::to_string(a.to_ms));
  } else if (a.range != ActionsQuery{}.range) {
    parts.push_back(std::string("range=") + range_key(a.range));
  }
  if (!a.clients.empty()) {
    std::string v;
    for (std::size_t i = 0; i < a.clients.size(); ++i) v += (i ? "," : "") + a.clients[i];
    parts.push_back("client=" + api::percent_encode(v));
  }
  if (!a.text.empty()) parts.push_back("q=" + api::percent_encode(a.text));
  write_sort(a.sort_label, a.descending, parts);
}

std::string join_query(const std::string& path, const std::vector<std::string>& parts) {
  std::string out = path;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "&" : "?") + parts[i];
  return out;
}

}  // namespace

const char* tab_key(ProfileTab tab) {
  switch (tab) {
    case ProfileTab::Info: return "info";
    case ProfileTab::Actions: return "actions";
    case ProfileTab::Devices: return "devices";
  }
  return "info";
}

bool Route::operator==(const Route& o) const {
  return screen == o.screen && users == o.users && user_id == o.user_id && tab == o.tab && actions == o.actions &&
         devices == o.devices;
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
      if (path.size() >= 3 && path[2] == "devices") r.tab = ProfileTab::Devices;
      if (path.size() >= 3 && path[2] == "actions") {
        r.tab = ProfileTab::Actions;
        read_actions_query(query, r.actions);
      }
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
    r.devices.text = get(query, "q");
    if (is_device_sort_label(get(query, "sort"))) {
      r.devices.sort_label = get(query, "sort");
      r.devices.descending = get(query, "order") == "desc";
    }
    return r;
  }
  return r;
}

std::string print_route(const Route& r) {
  std::vector<std::string> parts;
  switch (r.screen) {
    case Screen::UserProfile: {
      std::string path = "#/users/" + std::to_string(r.user_id);
      if (r.tab == ProfileTab::Devices) return path + "/devices";
      if (r.tab == ProfileTab::Info) return path;
      write_actions_query(r.actions, parts);
      return join_query(path + "/actions", parts);
    }
    case Screen::Orgs: return "#/orgs";
    case Screen::Devices:
      if (!r.devices.text.empty()) parts.push_back("q=" + api::percent_encode(r.devices.text));
      write_sort(r.devices.sort_label, r.devices.descending, parts);
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
