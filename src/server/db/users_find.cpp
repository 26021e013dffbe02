// Pages of users for list and search, from the users held in memory (user_index.h): filters, the
// search text and every sortBy order there, the page's rows from SQLite.
#include "server/db/users_repository.h"

#include "model/utf8.h"

namespace roster::server {

namespace {

struct SortSpec {
  const char* label;
  UserSortKey key;
};

// The public sortBy labels of "Search users" (model/user.h: kUserSortLabels, in the order error
// messages list them) and the index's key each sorts by.
const SortSpec kSortLabels[] = {{"User Id", UserSortKey::kId},
                                {"Name", UserSortKey::kName},
                                {"Email", UserSortKey::kEmail},
                                {"Status", UserSortKey::kStatus},
                                {"Role", UserSortKey::kRole},
                                {"Organization Name", UserSortKey::kOrgName},
                                {"Devices Count", UserSortKey::kDevices},
                                {"Country", UserSortKey::kCountry},
                                {"Registered At", UserSortKey::kRegistered},
                                {"Phone Number", UserSortKey::kPhone}};

}  // namespace

std::optional<UserSortKey> user_sort_key(const std::string& label) {
  for (const auto& s : kSortLabels)
    if (label == s.label) return s.key;
  return std::nullopt;
}

std::string user_sort_labels_text() {
  std::string out;
  for (const auto& s : kSortLabels) out += (out.empty() ? "" : ", ") + std::string(s.label);
  return out;
}

bool UsersRepository::find(const UserFilter& filter, const UserSort& sort, std::int64_t page, std::int64_t size,
                           Page<User>& out, std::string& error) {
  UserIndexQuery q;
  q.folded_query = utf8::to_lower(filter.query);
  q.org_ids = filter.org_ids;
  q.role_ids = filter.role_ids;
  q.statuses = filter.statuses;
  q.no_devices = filter.no_devices;
  q.only_user_id = filter.only_user_id;
  q.sort = sort.key;
  q.descending = sort.descending;
  q.offset = page * size;
  q.size = size;
  std::vector<std::int64_t> ids;
  index_.find(q, out.totalElements, ids);
  out.content.clear();
  return ids.empty() || load_in_order(ids, out.content, error);
}

}  // namespace roster::server
