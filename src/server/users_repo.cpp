#include "server/users_repo.h"

#include "model/utf8.h"
#include "model/validation.h"

#include <variant>

namespace roster::server {

namespace {

const char* const kUserColumns =
    "u.id, u.name, u.email, u.role_id, u.org_id, u.is_dev, u.title, u.nick_name, u.phone, u.tz, u.locale,"
    " u.status, u.last_modified_ts, u.last_logged_at, u.registered_at, u.org_name, u.country, u.city,"
    " u.devices_count, u.tag_ids";

User read_user(const Statement& st, const Directory& dir) {
  User u;
  u.id = st.int64(0);
  u.name = st.text(1);
  u.email = st.text(2);
  u.roleId = st.int32(3);
  u.orgId = st.int32(4);
  u.isDev = st.int32(5) != 0;
  u.title = st.text(6);
  u.nickName = st.text(7);
  u.phoneNumber = st.text(8);
  u.tz = st.text(9);
  u.locale = st.text(10);
  u.status = st.text(11);
  u.lastModifiedTs = st.int64(12);
  u.lastLoggedAt = st.int64(13);
  u.registeredAt = st.int64(14);
  u.orgName = st.text(15);
  u.country = st.text(16);
  u.city = st.text(17);
  u.devicesCount = st.int32(18);
  std::vector<Tag> tags;
  std::string ids = st.text(19);
  std::size_t start = 0;
  while (start < ids.size()) {
    auto comma = ids.find(',', start);
    std::int64_t id = 0;
    if (parse_int64(ids.substr(start, comma == std::string::npos ? std::string::npos : comma - start), id))
      if (const Tag* t = dir.tag(static_cast<std::int32_t>(id))) tags.push_back(*t);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  u.tags = std::move(tags);
  return u;
}

using Bind = std::variant<std::int64_t, std::string>;

void bind_all(Statement& st, const std::vector<Bind>& binds) {
  int i = 1;
  for (const auto& b : binds) {
    if (std::holds_alternative<std::int64_t>(b)) st.bind(i++, std::get<std::int64_t>(b));
    else st.bind(i++, std::get<std::string>(b));
  }
}

template <class T>
std::string int_list(const std::vector<T>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out;
}

// FTS5 phrase syntax: the whole query is one quoted phrase, inner quotes doubled, so nothing the
// user types is read as an operator.
std::string fts_phrase(const std::string& folded) {
  std::string out = "\"";
  for (char c : folded) {
    if (c == '"') out += "\"\"";
    else out += c;
  }
  return out + "\"";
}

// The search condition. The trigram index answers queries of three or more characters; shorter ones
// scan the (folded) index text.
std::string search_condition(const std::string& folded, std::vector<Bind>& binds) {
  if (utf8::count_code_points(folded) >= 3) {
    binds.push_back(fts_phrase(folded));
    return "u.id IN (SELECT rowid FROM users_fts WHERE users_fts MATCH ?)";
  }
  for (int i = 0; i < 4; ++i) binds.push_back(folded);
  return "u.id IN (SELECT rowid FROM users_fts WHERE instr(name, ?) > 0 OR instr(email, ?) > 0 OR"
         " instr(role, ?) > 0 OR instr(location, ?) > 0)";
}

std::string where_clause(const UserFilter& f, std::vector<Bind>& binds) {
  std::vector<std::string> parts;
  if (!f.query.empty()) parts.push_back(search_condition(utf8::to_lower(f.query), binds));
  if (!f.org_ids.empty()) parts.push_back("u.org_id IN (" + int_list(f.org_ids) + ")");
  if (!f.role_ids.empty()) parts.push_back("u.role_id IN (" + int_list(f.role_ids) + ")");
  if (!f.statuses.empty()) {
    std::string marks;
    for (std::size_t i = 0; i < f.statuses.size(); ++i) {
      marks += i ? ",?" : "?";
      binds.push_back(f.statuses[i]);
    }
    parts.push_back("u.status IN (" + marks + ")");
  }
  if (f.no_devices) parts.push_back("u.devices_count = 0");
  if (f.only_user_id) {
    parts.push_back("u.id = ?");
    binds.push_back(f.only_user_id);
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? " AND " : " WHERE ") + parts[i];
  return out;
}

std::string count_key(const UserFilter& f) {
  return "users|" + f.query + "|" + int_list(f.org_ids) + "|" + int_list(f.role_ids) + "|" +
         [&] {
           std::string s;
           for (const auto& x : f.statuses) s += x + ",";
           return s;
         }() +
         "|" + (f.no_devices ? "1" : "0") + "|" + std::to_string(f.only_user_id);
}

}  // namespace

const char* const kUserSortLabels =
    "User Id, Name, Email, Status, Role, Organization Name, Devices Count, Country, Registered At, Phone Number";

std::optional<std::string> user_sort_column(const std::string& label) {
  static const std::pair<const char*, const char*> kColumns[] = {
      {"User Id", "u.id"},           {"Name", "u.name_fold"},
      {"Email", "u.email"},          {"Status", "u.status"},
      {"Role", "u.role_id"},         {"Organization Name", "u.org_name"},
      {"Devices Count", "u.devices_count"}, {"Country", "u.country"},
      {"Registered At", "u.registered_at"}, {"Phone Number", "u.phone"}};
  for (const auto& [name, column] : kColumns)
    if (label == name) return std::string(column);
  return std::nullopt;
}

std::optional<User> load_user(App& app, std::int64_t id) {
  auto st = app.db().prepare(std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_user(st, app.dir());
}

std::optional<User> load_user_by_email(App& app, const std::string& email) {
  auto st = app.db().prepare(std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.email = ?");
  st.bind(1, utf8::to_lower(email));
  if (!st.step()) return std::nullopt;
  return read_user(st, app.dir());
}

bool find_users(App& app, const UserFilter& filter, const UserSort& sort, std::int64_t page, std::int64_t size,
                Page<User>& out, std::string& error) {
  Database& db = app.db();
  std::vector<Bind> binds;
  std::string where = where_clause(filter, binds);

  std::int64_t total = 0;
  auto key = count_key(filter);
  if (!app.cached_count(key, total)) {
    auto st = db.prepare("SELECT count(*) FROM users u" + where);
    bind_all(st, binds);
    if (!st.step()) {
      error = st.error();
      return false;
    }
    total = st.int64(0);
    app.store_count(key, total);
  }
  out.totalElements = total;
  out.content.clear();
  if (page * size >= total) return true;

  const char* dir = sort.descending ? " DESC" : " ASC";
  std::string order = sort.column == "u.id" ? std::string(" ORDER BY u.id") + dir
                                            : " ORDER BY " + sort.column + dir + ", u.id" + dir;
  auto st = db.prepare(std::string("SELECT ") + kUserColumns + " FROM users u" + where + order + " LIMIT ? OFFSET ?");
  bind_all(st, binds);
  st.bind(static_cast<int>(binds.size()) + 1, size).bind(static_cast<int>(binds.size()) + 2, page * size);
  while (st.step()) out.content.push_back(read_user(st, app.dir()));
  if (!st.error().empty()) {
    error = st.error();
    return false;
  }
  return true;
}

bool sync_search_row(Database& db, std::int64_t user_id) {
  auto del = db.prepare("DELETE FROM users_fts WHERE rowid = ?");
  del.bind(1, user_id);
  if (!del.run()) return false;
  auto ins = db.prepare(
      "INSERT INTO users_fts(rowid, name, email, role, location)"
      " SELECT u.id, roster_fold(u.name), u.email, roster_fold(coalesce(r.name, '')),"
      " roster_fold(u.city || ', ' || u.country) FROM users u LEFT JOIN roles r ON r.id = u.role_id WHERE u.id = ?");
  ins.bind(1, user_id);
  return ins.run();
}

}  // namespace roster::server
