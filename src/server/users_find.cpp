// Pages of users for list and search, from the users held in memory (user_index.h): filters, the
// search text and every sortBy order there, the page's rows from SQLite.
#include "server/users_repository.h"

#include "model/utf8.h"

namespace roster::server {

std::string user_sort_labels_text() {
  std::string out;
  for (const char* l : kUserSortLabels) out += (out.empty() ? "" : ", ") + std::string(l);
  return out;
}

std::optional<std::string> user_sort_column(const std::string& label) {
  static const std::pair<const char*, const char*> kColumns[] = {{"User Id", "u.id"},
                                                                 {"Name", "u.name_fold"},
                                                                 {"Email", "u.email"},
                                                                 {"Status", "u.status"},
                                                                 {"Role", "u.role_id"},
                                                                 {"Organization Name", "u.org_name"},
                                                                 {"Devices Count", "u.devices_count"},
                                                                 {"Country", "u.country"},
                                                                 {"Registered At", "u.registered_at"},
                                                                 {"Phone Number", "u.phone"}};
  for (const auto& [name, column] : kColumns)
    if (label == name) return std::string(column);
  return std::nullopt;
}

namespace {

int sort_key(const std::string& column) {
  static const std::pair<const char*, int> kKeys[] = {{"u.id", kSortId},
                                                      {"u.name_fold", kSortName},
                                                      {"u.email", kSortEmail},
                                                      {"u.status", kSortStatus},
                                                      {"u.role_id", kSortRole},
                                                      {"u.org_name", kSortOrgName},
                                                      {"u.devices_count", kSortDevices},
                                                      {"u.country", kSortCountry},
                                                      {"u.registered_at", kSortRegistered},
                                                      {"u.phone", kSortPhone}};
  for (const auto& [c, key] : kKeys)
    if (column == c) return key;
  return kSortId;
}

}  // namespace

bool UsersRepository::find(const UserFilter& filter, const UserSort& sort, std::int64_t page, std::int64_t size,
                           Page<User>& out, std::string&) {
  UserIndexQuery q;
  q.folded_query = utf8::to_lower(filter.query);
  q.org_ids = filter.org_ids;
  q.role_ids = filter.role_ids;
  q.statuses = filter.statuses;
  q.no_devices = filter.no_devices;
  q.only_user_id = filter.only_user_id;
  q.sort = sort_key(sort.column);
  q.descending = sort.descending;
  q.offset = page * size;
  q.size = size;
  std::vector<std::int64_t> ids;
  index_.find(q, out.totalElements, ids);
  out.content.clear();
  if (!ids.empty()) load_in_order(ids, out.content);
  return true;
}

}  // namespace roster::server
