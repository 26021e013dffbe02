#include "store/state_report.h"

namespace roster::store {

namespace {

const char* screen_name(Screen screen) {
  switch (screen) {
    case Screen::Users: return "users";
    case Screen::UserProfile: return "user";
    case Screen::Orgs: return "orgs";
    case Screen::Devices: return "devices";
  }
  return "users";
}

nlohmann::json visible_rows(const UsersList& users, std::int64_t first, std::int64_t last) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::int64_t i = first; i <= last && i >= 0; ++i) {
    if (const User* u = users.row(i)) {
      rows.push_back({{"index", i}, {"id", u->id}, {"name", u->name}, {"email", u->email}});
      if (u->status) rows.back()["status"] = *u->status;
    }
  }
  return rows;
}

nlohmann::json org_rows(const OrgTree& orgs) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto* n : orgs.visible())
    list.push_back(
        {{"id", n->data.org.id}, {"name", n->data.org.name}, {"depth", n->depth}, {"expanded", n->expanded}});
  return list;
}

template <class T>
nlohmann::json or_null(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json state_report(const Store& store, std::int64_t first_visible, std::int64_t last_visible) {
  const Route& route = store.route();
  const UsersList& users = store.users();
  const auto& q = route.users;
  const auto& error = users.error();
  const auto& toast = store.current_toast();
  nlohmann::json j = {
      {"route", print_route(route)},
      {"screen", screen_name(route.screen)},
      {"query", q.text},
      {"searchText", store.search_text()},
      {"sort", {{"by", q.sort_label}, {"order", q.descending ? "desc" : "asc"}}},
      {"filters",
       {{"roleIds", q.role_ids}, {"statuses", q.statuses}, {"preset", preset_key(q.preset)}, {"orgId", q.org_id}}},
      {"totalElements", or_null(users.total())},
      {"visibleRows", visible_rows(users, first_visible, last_visible)},
      {"firstVisibleRow", first_visible},
      {"lastVisibleRow", last_visible},
      {"selectedRow", or_null(store.selected_row())},
      {"loading", store.busy()},
      {"cachedPages", users.cached_pages()},
      {"error", error ? nlohmann::json(error->message) : nlohmann::json(nullptr)},
      {"signedIn", store.session().has_value()},
      {"publicApiOnly", store.public_api_only()},
      {"toast", toast ? nlohmann::json(toast->text) : nlohmann::json(nullptr)},
      {"orgs", org_rows(store.orgs())},
  };
  if (auto selected = store.selected_row())
    if (const User* u = users.row(*selected)) j["selectedUser"] = {{"id", u->id}, {"name", u->name}};
  if (route.screen == Screen::UserProfile) {
    j["userId"] = route.user_id;
    if (store.profile_user()) j["profileName"] = store.profile_user()->name;
    if (store.profile_error()) j["error"] = store.profile_error()->message;
  }
  return j;
}

}  // namespace roster::store
