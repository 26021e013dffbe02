// A user's actions log in SQLite, read-only: pages of entries (the actions log extension) and their
// histogram over time by client (computed in SQL, never by fetching entries). Both take the same
// filters, so the histogram's counts add up to the page's totalElements.
#pragma once

#include "model/device.h"
#include "model/page.h"
#include "server/sqlite/sqlite_db.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace roster::server {

struct ActionsLogQuery {
  std::int64_t user_id = 0;
  std::int64_t from = 0, to = 0;     // timestamps, both included
  std::vector<std::string> clients;  // empty: every client
  std::optional<std::string> query;  // part of the action's name or code
  std::string sort_column;           // empty: newest first
  bool descending = false;
};

// The sortBy labels of the actions log to columns; nullopt for an unknown label.
std::optional<std::string> actions_log_sort_column(const std::string& label);

constexpr std::int64_t kMaxHistogramBuckets = 500;
constexpr std::int64_t kDefaultHistogramBuckets = 100;  // when the request names none

// ceil((to - from) / buckets), at least 1: `buckets` buckets of this width cover [from, to].
std::int64_t histogram_bucket_ms(std::int64_t from, std::int64_t to, std::int64_t buckets);
// Where bucket `i` starts: from + i * bucket_ms, held at INT64_MAX for windows that end near it.
std::int64_t histogram_bucket_start(std::int64_t from, std::int64_t bucket_ms, std::int64_t i);

struct ActionsHistogram {
  std::int64_t bucket_ms = 1;
  // One map per bucket, in order: client -> entries; a client with none is absent.
  std::vector<std::map<std::string, std::int64_t>> counts;
};

// A view over one connection (the calling thread's): cheap, made per request.
class ActionsLogRepository {
 public:
  explicit ActionsLogRepository(Database& db) : db_(db) {}

  bool page(const ActionsLogQuery& q, std::int64_t page, std::int64_t size, Page<ActionLogEntry>& out,
            std::string& error);
  // `buckets` buckets from q.from; an entry at ts is in bucket (ts - from) / bucket_ms, the last one
  // also holding the entries at `to` when the width divides the window exactly. The sort is unused.
  bool histogram(const ActionsLogQuery& q, std::int64_t buckets, ActionsHistogram& out, std::string& error);

 private:
  Database& db_;
};

}  // namespace roster::server
