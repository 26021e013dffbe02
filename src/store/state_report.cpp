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
      rows.push_back({{"index", i}, {"id", u->id}, {"name", u->name}, {"email", u->email}, {"roleId", u->roleId}});
      if (u->status) rows.back()["status"] = *u->status;
      if (u->orgName) rows.back()["orgName"] = *u->orgName;
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

// The organization picker while its popup is open: the field's text, and the results of the text
// they answer with each one's path ("A › B"), or the tree when the field is empty.
nlohmann::json org_picker_report(const OrgSearch& search) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& node : search.results())
    results.push_back(
        {{"id", node.org.id}, {"name", node.org.name}, {"path", OrgSearch::path_text(search.path(node.org.id))}});
  return {{"open", search.is_open()},
          {"query", search.text()},
          {"resultsFor", search.results_text()},
          {"searching", search.searching()},
          {"total", search.total() ? nlohmann::json(*search.total()) : nlohmann::json(nullptr)},
          {"results", std::move(results)},
          {"tree", org_rows(search.tree())}};
}

template <class T>
nlohmann::json or_null(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// A paged table's report: its total, error, and the visible rows it holds, each as `row_json` says.
template <class Row, class RowJson>
nlohmann::json paged_report(const PagedList<Row>& list, RowJson row_json) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::int64_t i = list.first_visible(); i <= list.last_visible() && i >= 0; ++i)
    if (const Row* r = list.row(i)) {
      rows.push_back(row_json(*r));
      rows.back()["index"] = i;
    }
  const auto& error = list.error();
  return {{"totalElements", or_null(list.total())},
          {"loading", list.loading()},
          {"visibleRows", std::move(rows)},
          {"error", error ? nlohmann::json(error->message) : nlohmann::json(nullptr)}};
}

nlohmann::json device_json(const Device& d, const std::optional<std::string>& owner) {
  nlohmann::json j = {{"id", d.id}, {"name", d.name}, {"ownerUserId", d.ownerUserId}};
  if (owner) j["owner"] = *owner;
  if (d.connected) j["connected"] = *d.connected;
  if (d.orgName) j["orgName"] = *d.orgName;
  return j;
}

nlohmann::json profile_report(const Store& store) {
  const ProfileScreen& p = store.profile();
  const Route& route = store.route();
  nlohmann::json j = {{"tab", tab_key(route.tab)}, {"detailed", p.detailed()}};
  j["actions"] = paged_report(p.actions(), [](const ActionLogEntry& e) {
    return nlohmann::json{
        {"ts", e.ts}, {"client", e.client}, {"actionName", e.actionName}, {"actionCode", e.actionCode}};
  });
  j["actions"]["from"] = p.actions_interval().from_ms;
  j["actions"]["to"] = p.actions_interval().to_ms;
  if (const auto& h = p.histogram()) {
    std::int64_t sum = 0;
    for (const auto& b : h->buckets) sum += b.total();
    j["histogram"] = {{"bucketMs", h->bucketMs}, {"buckets", h->buckets.size()}, {"total", sum}};
  }
  j["devices"] = paged_report(p.devices(), [](const Device& d) { return device_json(d, d.ownerName); });
  return j;
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
      {"locale", current_locale().tag},
      {"localeSource", language_source_key(store.language().source())},
      {"query", q.text},
      {"searchText", store.search_text()},
      {"sort", {{"by", q.sort_label}, {"order", q.descending ? "desc" : "asc"}}},
      {"filters",
       {{"roleIds", q.role_ids},
        {"statuses", q.statuses},
        {"preset", preset_key(q.preset)},
        {"orgId", q.org_id},
        {"notSignedInForDays", q.not_signed_in_days}}},
      {"totalElements", or_null(users.total())},
      {"visibleRows", visible_rows(users, first_visible, last_visible)},
      {"firstVisibleRow", first_visible},
      {"lastVisibleRow", last_visible},
      {"selectedRow", or_null(store.selected_row())},
      {"loading", store.busy()},
      {"cachedPages", users.cached_pages()},
      {"error", error ? nlohmann::json(error->message) : nlohmann::json(nullptr)},
      {"signedIn", store.session().has_value()},
      {"signedOutReason", store.signed_out_reason()},
      {"publicApiOnly", store.public_api_only()},
      {"toast", toast ? nlohmann::json(toast->text) : nlohmann::json(nullptr)},
      {"orgs", org_rows(store.orgs())},
  };
  if (store.org_search().is_open()) j["orgPicker"] = org_picker_report(store.org_search());
  if (auto selected = store.selected_row())
    if (const User* u = users.row(*selected)) j["selectedUser"] = {{"id", u->id}, {"name", u->name}};
  if (route.screen == Screen::UserProfile) {
    j["userId"] = route.user_id;
    if (store.profile_user()) j["profileName"] = store.profile_user()->name;
    if (store.profile_user() && store.profile_user()->orgName) j["profileOrgName"] = *store.profile_user()->orgName;
    if (store.profile_error()) j["error"] = store.profile_error()->message;
    j["profile"] = profile_report(store);
  }
  if (const KioskStatus* k = store.kiosk()) {
    j["kiosk"] = {{"routeIndex", k->route_index},
                  {"routeCount", k->route_count},
                  {"paused", k->paused},
                  {"offlineSince", k->offline_since >= 0 ? nlohmann::json(k->offline_since) : nlohmann::json(nullptr)},
                  {"notAnswering", k->not_answering},
                  {"nextTryAt", k->next_try_at >= 0 ? nlohmann::json(k->next_try_at) : nlohmann::json(nullptr)},
                  {"refused", k->refused ? nlohmann::json(*k->refused) : nlohmann::json(nullptr)}};
  }
  if (route.screen == Screen::Devices) {
    const DevicesScreen& d = store.devices_screen();
    j["devices"] = paged_report(d.devices(), [&d](const Device& dev) { return device_json(dev, d.owner_name(dev)); });
    j["devicesQuery"] = {
        {"q", route.devices.text},
        {"sort", {{"by", route.devices.sort_label}, {"order", route.devices.descending ? "desc" : "asc"}}}};
  }
  return j;
}

}  // namespace roster::store
