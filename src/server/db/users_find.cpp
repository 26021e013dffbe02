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
                                {"Phone Number", UserSortKey::kPhone},
                                // Section 7's extension: never-signed-in users last in ascending order.
                                {"Last Login", UserSortKey::kLastLogin}};

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

UserIndexQuery UsersRepository::index_query(const UserFilter& filter, const UserSort& sort) {
  UserIndexQuery q;
  q.folded_query = utf8::to_lower(filter.query);
  q.org_ids = filter.org_ids;
  q.role_ids = filter.role_ids;
  q.statuses = filter.statuses;
  q.no_devices = filter.no_devices;
  q.login_before = filter.login_before;
  q.only_user_id = filter.only_user_id;
  q.sort = sort.key;
  q.descending = sort.descending;
  return q;
}

void UsersRepository::find_ids(const UserFilter& filter, const UserSort& sort, std::int64_t offset, std::int64_t size,
                               std::int64_t& total, std::vector<std::int64_t>& ids) {
  UserIndexQuery q = index_query(filter, sort);
  q.offset = offset;
  q.size = size;
  index_.find(q, total, ids);
}

bool UsersRepository::load_rows(const std::vector<std::int64_t>& ids, std::vector<User>& out, std::string& error) {
  return ids.empty() || load_in_order(ids, out, error);
}

bool UsersRepository::find(const UserFilter& filter, const UserSort& sort, std::int64_t page, std::int64_t size,
                           Page<User>& out, std::string& error) {
  UserIndexQuery q = index_query(filter, sort);
  q.offset = page * size;
  q.size = size;
  std::vector<std::int64_t> ids;
  index_.find(q, out.totalElements, ids);
  out.content.clear();
  return ids.empty() || load_in_order(ids, out.content, error);
}

}  // namespace roster::server
