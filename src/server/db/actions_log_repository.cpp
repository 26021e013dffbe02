// The actions log's filters to SQL, shared by its pages and its histogram so that both count the
// same entries; rows to model values.
#include "server/db/actions_log_repository.h"

#include "server/sqlite/sql_text.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace roster::server {

namespace {

// The entries of `q` (user, window with both ends included, clients, text), as a WHERE clause over
// actions_log a. The (user_id, ts) index serves the first three conditions.
std::string where_clause(const ActionsLogQuery& q, std::vector<Bind>& binds) {
  std::string where = " WHERE a.user_id = ? AND a.ts >= ? AND a.ts <= ?";
  binds.insert(binds.end(), {q.user_id, q.from, q.to});
  if (!q.clients.empty()) {
    where += " AND a.client IN (";
    for (std::size_t i = 0; i < q.clients.size(); ++i) {
      where += i ? ",?" : "?";
      binds.emplace_back(q.clients[i]);
    }
    where += ")";
  }
  if (q.query) {
    where +=
        " AND (instr(roster_fold(a.action_name), roster_fold(?)) > 0 OR instr(roster_fold(a.action_code), "
        "roster_fold(?)) > 0)";
    binds.emplace_back(*q.query);
    binds.emplace_back(*q.query);
  }
  return where;
}

}  // namespace

std::optional<std::string> actions_log_sort_column(const std::string& label) {
  static const std::pair<const char*, const char*> kColumns[] = {{"Time", "a.ts"},
                                                                 {"Organization Name", "o.name"},
                                                                 {"Client", "a.client"},
                                                                 {"Action Name", "a.action_name"},
                                                                 {"Action Code", "a.action_code"}};
  for (const auto& [name, column] : kColumns)
    if (label == name) return std::string(column);
  return std::nullopt;
}

std::int64_t histogram_bucket_ms(std::int64_t from, std::int64_t to, std::int64_t buckets) {
  // Unsigned: to - from may be as large as INT64_MAX, and the rounding up must not overflow.
  const auto span = static_cast<std::uint64_t>(to) - static_cast<std::uint64_t>(from);
  const auto n = static_cast<std::uint64_t>(std::max<std::int64_t>(1, buckets));
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(span / n + (span % n != 0)));
}

std::int64_t histogram_bucket_start(std::int64_t from, std::int64_t bucket_ms, std::int64_t i) {
  // With rounding up, the last buckets may start past `to`: by less than the bucket count in ms, so
  // the unsigned sum cannot wrap, only pass INT64_MAX.
  const auto start =
      static_cast<std::uint64_t>(from) + static_cast<std::uint64_t>(i) * static_cast<std::uint64_t>(bucket_ms);
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  return static_cast<std::int64_t>(std::min(start, kMax));
}

bool ActionsLogRepository::page(const ActionsLogQuery& q, std::int64_t page, std::int64_t size,
                                Page<ActionLogEntry>& out, std::string& error) {
  std::vector<Bind> binds;
  const std::string where = where_clause(q, binds);
  std::string order = " ORDER BY a.ts DESC, a.id DESC";
  if (!q.sort_column.empty()) {
    const char* dir = q.descending ? " DESC" : " ASC";
    order = " ORDER BY " + q.sort_column + dir + ", a.ts" + dir + ", a.id" + dir;
  }
  const std::string from_clause = " FROM actions_log a LEFT JOIN orgs o ON o.id = a.org_id";
  auto count = db_.prepare("SELECT count(*) FROM actions_log a" + where);
  bind_all(count, binds);
  if (!count.step()) {
    error = count.error();
    return false;
  }
  out.totalElements = count.int64(0);
  auto st = db_.prepare("SELECT a.ts, a.org_id, coalesce(o.name, ''), a.client, a.action_name, a.action_code" +
                        from_clause + where + order + " LIMIT ? OFFSET ?");
  int next = bind_all(st, binds);
  st.bind(next, size).bind(next + 1, page * size);
  while (st.step()) out.content.push_back({st.int64(0), st.int32(1), st.text(2), st.text(3), st.text(4), st.text(5)});
  if (!st.error().empty()) {
    error = st.error();
    return false;
  }
  return true;
}

bool ActionsLogRepository::histogram(const ActionsLogQuery& q, std::int64_t buckets, ActionsHistogram& out,
                                     std::string& error) {
  out.bucket_ms = histogram_bucket_ms(q.from, q.to, buckets);
  out.counts.assign(static_cast<std::size_t>(buckets), {});
  // ts >= from, so the division is of non-negative integers (SQLite truncates); min() puts the entries
  // at `to` into the last bucket when the width divides the window exactly.
  std::vector<Bind> binds = {q.from, out.bucket_ms, buckets - 1};
  const std::string where = where_clause(q, binds);
  auto st = db_.prepare("SELECT min((a.ts - ?) / ?, ?) AS bucket, a.client, count(*) FROM actions_log a" + where +
                        " GROUP BY bucket, a.client");
  bind_all(st, binds);
  while (st.step()) {
    const std::int64_t bucket = st.int64(0);
    if (bucket >= 0 && bucket < buckets) out.counts[static_cast<std::size_t>(bucket)][st.text(1)] += st.int64(2);
  }
  if (!st.error().empty()) {
    error = st.error();
    return false;
  }
  return true;
}

}  // namespace roster::server
