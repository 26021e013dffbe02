// Pages of users for list and search: filters to SQL, totals counted once per data version (the
// counts cache), the trigram index for search text, and sort orders held in memory for the orders
// an index alone cannot page through quickly at depth.
#include "server/users_repository.h"

#include "model/utf8.h"
#include "server/sql_text.h"

#include <algorithm>

namespace roster::server {

namespace {

// FTS5 phrase syntax: the whole query is one quoted phrase, inner quotes doubled, so nothing the
// user types is read as an operator.
std::string fts_phrase(const std::string& folded) {
  std::string out = "\"";
  for (char c : folded) {
    if (c == '"')
      out += "\"\"";
    else
      out += c;
  }
  return out + "\"";
}

// The search as a condition on users_fts alone: the trigram index for three or more characters, a
// scan of its (folded) text for fewer.
struct FtsCondition {
  std::string sql;
  std::vector<std::string> binds;
  void bind(Statement& st, int first = 1) const {
    for (const auto& b : binds) st.bind(first++, b);
  }
};

FtsCondition fts_condition(const std::string& query) {
  std::string folded = utf8::to_lower(query);
  if (utf8::count_code_points(folded) >= 3) return {"users_fts MATCH ?", {fts_phrase(folded)}};
  return {"(instr(name, ?) > 0 OR instr(email, ?) > 0 OR instr(role, ?) > 0 OR instr(location, ?) > 0)",
          {folded, folded, folded, folded}};
}

std::string where_clause(const UserFilter& f, std::vector<Bind>& binds) {
  std::vector<std::string> parts;
  if (!f.query.empty()) {
    auto match = fts_condition(f.query);
    for (const auto& b : match.binds) binds.emplace_back(std::in_place_type<std::string>, b);
    parts.push_back("u.id IN (SELECT rowid FROM users_fts WHERE " + match.sql + ")");
  }
  if (!f.org_ids.empty()) parts.push_back("u.org_id IN (" + id_list(f.org_ids) + ")");
  if (!f.role_ids.empty()) parts.push_back("u.role_id IN (" + id_list(f.role_ids) + ")");
  if (!f.statuses.empty()) {
    std::string marks;
    for (std::size_t i = 0; i < f.statuses.size(); ++i) {
      marks += i ? ",?" : "?";
      binds.emplace_back(std::in_place_type<std::string>, f.statuses[i]);
    }
    parts.push_back("u.status IN (" + marks + ")");
  }
  if (f.no_devices) parts.push_back("u.devices_count = 0");
  if (f.only_user_id) {
    parts.push_back("u.id = ?");
    binds.emplace_back(std::in_place_type<std::int64_t>, f.only_user_id);
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? " AND " : " WHERE ") + parts[i];
  return out;
}

std::string count_key(const UserFilter& f) {
  return "users|" + f.query + "|" + id_list(f.org_ids) + "|" + id_list(f.role_ids) + "|" +
         [&] {
           std::string s;
           for (const auto& x : f.statuses) s += x + ",";
           return s;
         }() +
         "|" + (f.no_devices ? "1" : "0") + "|" + std::to_string(f.only_user_id);
}

}  // namespace

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

bool search_only(const UserFilter& f) {
  return !f.query.empty() && f.org_ids.empty() && f.role_ids.empty() && f.statuses.empty() && !f.no_devices &&
         !f.only_user_id;
}

// The sort index that serves ORDER BY <column>, id (see schema.cpp).
const char* sort_index(const std::string& column) {
  static const std::pair<const char*, const char*> kIndexes[] = {
      {"u.id", "users_id"},           {"u.name_fold", "users_name"},           {"u.status", "users_status"},
      {"u.role_id", "users_role"},    {"u.org_name", "users_org_name"},        {"u.devices_count", "users_devices"},
      {"u.country", "users_country"}, {"u.registered_at", "users_registered"}, {"u.phone", "users_phone"},
      {"u.email", "users_email"}};
  for (const auto& [c, index] : kIndexes)
    if (column == c) return index;
  return nullptr;
}

std::string order_by(const UserSort& sort) {
  const char* dir = sort.descending ? " DESC" : " ASC";
  if (sort.column == "u.id") return std::string(" ORDER BY u.id") + dir;
  return " ORDER BY " + sort.column + dir + ", u.id" + dir;
}

// Ids of one page of a search with no other filter, straight from the trigram index. Sorting by
// another column sorts a few matches in SQL, and many by their precomputed ranks.
bool search_page_ids(Database& db, UserSortOrders& sort_orders, const FtsCondition& match, std::int64_t total,
                     const UserSort& sort, std::int64_t offset, std::int64_t size, std::vector<std::int64_t>& ids,
                     std::string& error) {
  const int n = static_cast<int>(match.binds.size());
  const char* dir = sort.descending ? " DESC" : " ASC";
  if (sort.column == "u.id") {
    auto st =
        db.prepare("SELECT rowid FROM users_fts WHERE " + match.sql + " ORDER BY rowid" + dir + " LIMIT ? OFFSET ?");
    match.bind(st);
    st.bind(n + 1, size).bind(n + 2, offset);
    while (st.step()) ids.push_back(st.int64(0));
    error = st.error();
    return error.empty();
  }
  if (total <= 5000) {
    auto st = db.prepare("SELECT u.id FROM users u WHERE u.id IN (SELECT rowid FROM users_fts WHERE " + match.sql +
                         ")" + order_by(sort) + " LIMIT ? OFFSET ?");
    match.bind(st);
    st.bind(n + 1, size).bind(n + 2, offset);
    while (st.step()) ids.push_back(st.int64(0));
    error = st.error();
    return error.empty();
  }
  auto order = sort_orders.get(db, sort.column);
  if (!order) {
    error = "the sort index for " + sort.column + " is missing";
    return false;
  }
  const auto& rank = order->rank;
  std::vector<std::pair<std::uint32_t, std::int64_t>> hits;  // (rank, id)
  hits.reserve(static_cast<std::size_t>(total));
  auto fts = db.prepare("SELECT rowid FROM users_fts WHERE " + match.sql);
  match.bind(fts);
  while (fts.step()) {
    auto id = fts.int64(0);
    if (id >= 0 && static_cast<std::size_t>(id) < rank.size()) hits.push_back({rank[static_cast<std::size_t>(id)], id});
  }
  if (!fts.error().empty()) {
    error = fts.error();
    return false;
  }
  if (sort.descending)
    for (auto& h : hits) h.first = ~h.first;
  auto end = static_cast<std::size_t>(std::min<std::int64_t>(offset + size, static_cast<std::int64_t>(hits.size())));
  if (static_cast<std::size_t>(offset) >= end) return true;
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(end), hits.end());
  for (auto i = static_cast<std::size_t>(offset); i < end; ++i) ids.push_back(hits[i].second);
  return true;
}

}  // namespace

std::shared_ptr<const UserSortOrders::Order> UserSortOrders::get(Database& db, const std::string& column) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& entry = orders_[column];
  if (entry.second && entry.first == version_.current()) return entry.second;
  auto version = version_.current();
  auto order = std::make_shared<Order>();
  auto max_id = db.prepare("SELECT coalesce(max(id), 0) FROM users");
  max_id.step();
  order->rank.assign(static_cast<std::size_t>(max_id.int64(0)) + 1, UINT32_MAX);
  auto walk = db.prepare(std::string("SELECT u.id FROM users u INDEXED BY ") + sort_index(column) +
                         order_by(UserSort{column, false}));
  while (walk.step()) {
    auto id = walk.int64(0);
    if (static_cast<std::size_t>(id) >= order->rank.size()) continue;  // inserted during the scan
    order->rank[static_cast<std::size_t>(id)] = static_cast<std::uint32_t>(order->ids.size());
    order->ids.push_back(id);
  }
  if (!walk.ok() || !walk.error().empty()) return nullptr;
  entry = {version, order};
  return order;
}

bool UsersRepository::find(const UserFilter& filter, const UserSort& sort, std::int64_t page, std::int64_t size,
                           Page<User>& out, std::string& error) {
  std::vector<Bind> binds;
  std::string where = where_clause(filter, binds);
  const bool fts_only = search_only(filter);
  const FtsCondition match = fts_only ? fts_condition(filter.query) : FtsCondition{};

  std::int64_t total = 0;
  auto key = count_key(filter);
  if (!counts_.find(key, total)) {
    const auto counted_at = counts_.version();
    // A search with no other filter is counted in the trigram index alone, without touching users.
    auto st = fts_only ? db_.prepare("SELECT count(*) FROM users_fts WHERE " + match.sql)
                       : db_.prepare("SELECT count(*) FROM users u" + where);
    if (fts_only)
      match.bind(st);
    else
      bind_all(st, binds);
    if (!st.step()) {
      error = st.error();
      return false;
    }
    total = st.int64(0);
    counts_.store(key, total, counted_at);
  }
  out.totalElements = total;
  out.content.clear();
  if (page * size >= total) return true;

  // First the ids of the page (index-only where possible, so deep offsets skip small index entries
  // rather than whole rows), then the rows themselves.
  std::vector<std::int64_t> ids;
  if (fts_only) {
    if (!search_page_ids(db_, sort_orders_, match, total, sort, page * size, size, ids, error)) return false;
  } else if (auto order = filter.org_ids.empty() && filter.role_ids.empty() && filter.statuses.empty() &&
                                  !filter.no_devices && !filter.only_user_id && filter.query.empty()
                              ? sort_orders_.get(db_, sort.column)
                              : nullptr) {
    // The whole tree, unfiltered: a slice of the cached order, as cheap at row 900,000 as at row 0.
    auto n = static_cast<std::int64_t>(order->ids.size());
    for (std::int64_t i = page * size; i < std::min(n, (page + 1) * size); ++i)
      ids.push_back(order->ids[static_cast<std::size_t>(sort.descending ? n - 1 - i : i)]);
  } else {
    auto st = db_.prepare("SELECT u.id FROM users u" + where + order_by(sort) + " LIMIT ? OFFSET ?");
    bind_all(st, binds);
    st.bind(static_cast<int>(binds.size()) + 1, size).bind(static_cast<int>(binds.size()) + 2, page * size);
    while (st.step()) ids.push_back(st.int64(0));
    if (!st.error().empty()) {
      error = st.error();
      return false;
    }
  }
  if (ids.empty()) return true;
  load_in_order(ids, out.content);
  return true;
}

}  // namespace roster::server
