// The user actions log extension: a page of a user's actions, and their histogram over time by
// client. Both read the same parameters with the same checks and messages, so that the histogram of
// a filter counts exactly the entries its log pages through.
#include "model/csv.h"
#include "model/device.h"
#include "model/time_format.h"
#include "model/page.h"
#include "model/validation.h"
#include "server/app/app.h"
#include "server/app/scope.h"
#include "server/base/clock.h"

#include <algorithm>
#include <cstdio>
#include <memory>

namespace roster::server {

namespace {

constexpr const char* kBase = "/api/v1/organization";
constexpr std::int64_t kWeekMs = 7LL * 86'400'000;
constexpr std::int64_t kLogCsvPage = 1000;

// userId, to (default now) and from (default the week before `to`). Check params.failed() once the
// route has read the rest of its parameters.
ActionsLogQuery read_window(Params& params) {
  ActionsLogQuery q;
  auto user_id = params.integer("userId", std::nullopt, 1, INT64_MAX);
  auto to = params.integer("to", now_ms(), 0, INT64_MAX);
  std::int64_t default_from = to ? std::max<std::int64_t>(0, *to - kWeekMs) : 0;
  auto from = params.integer("from", default_from, 0, INT64_MAX);
  q.user_id = user_id.value_or(0);
  q.to = to.value_or(0);
  q.from = from.value_or(0);
  return q;
}

// The window's order, the user (one the caller may see), clients and text; nullopt when all is well.
std::optional<Reply> check_filters(App& app, const Principal& who, Params& params, ActionsLogQuery& q) {
  if (q.from > q.to) return Reply::error(400, "'from' must not be later than 'to'.");
  auto user = app.users_repo().load(q.user_id);
  if (!user || !app.dir().in_subtree(who.org_id, user->orgId) || (who.self_only() && user->id != who.user_id))
    return Reply::error(404, user_not_found(q.user_id));
  for (const auto& client : params.list("client")) {
    if (!is_action_client(client))
      return Reply::error(400, "Unknown client '" + client +
                                   "'; use Android, iOS, Web, HTTPS API, Automation, Alexa, Google Home or Other.");
    q.clients.push_back(client);
  }
  if (auto text = params.text("query")) {
    auto problem = validate_query(*text);
    if (!problem.empty()) return Reply::error(400, problem);
    q.query = *text;
  }
  return std::nullopt;
}

Reply actions_log(App& app, const httplib::Request& req, const Principal& who) {
  Params params(req);
  ActionsLogQuery q = read_window(params);
  std::int64_t page = 0, size = 0;
  if (!read_paging(params, page, size) || !read_sort_order(params, q.descending))
    return Reply::error(400, params.error());
  if (auto bad = check_filters(app, who, params, q)) return *bad;
  if (auto label = params.text("sortBy")) {  // newest first unless asked otherwise
    auto column = actions_log_sort_column(*label);
    if (!column)
      return Reply::error(400, "Unknown sortBy '" + *label +
                                   "'; use one of: Time, Organization Name, Client, Action Name, Action Code.");
    q.sort_column = *column;
  }
  Page<ActionLogEntry> result;
  std::string error;
  if (!app.actions_log_repo().page(q, page, size, result, error))
    return Reply::failure("The actions log query failed.", error);
  return Reply::ok(encode_page(result, [](const ActionLogEntry& e) { return encode(e); }));
}

// The log as CSV, the same entries and order as its pages: read a thousand at a time and streamed.
Reply actions_log_csv(App& app, const httplib::Request& req, const Principal& who) {
  Params params(req);
  ActionsLogQuery q = read_window(params);
  if (!read_sort_order(params, q.descending)) return Reply::error(400, params.error());
  if (params.failed()) return Reply::error(400, params.error());
  if (auto bad = check_filters(app, who, params, q)) return *bad;
  if (auto label = params.text("sortBy")) {
    auto column = actions_log_sort_column(*label);
    if (!column)
      return Reply::error(400, "Unknown sortBy '" + *label +
                                   "'; use one of: Time, Organization Name, Client, Action Name, Action Code.");
    q.sort_column = *column;
  }
  auto page = std::make_shared<std::int64_t>(0);
  Reply reply = Reply::streamed("text/csv; charset=utf-8", [&app, q, page](std::string& out) {
    if (*page == 0) append_csv_row(out, {"Time", "Organization", "Client", "Action Name", "Action Code"});
    Page<ActionLogEntry> entries;
    std::string error;
    if (!app.actions_log_repo().page(q, *page, kLogCsvPage, entries, error)) {
      std::fprintf(stderr, "roster-server: the actions log export failed: %s\n", error.c_str());
      return StreamStep::kFailed;
    }
    ++*page;
    for (const auto& e : entries.content)
      append_csv_row(out, {csv_time(e.ts), e.orgName, e.client, e.actionName, e.actionCode});
    return *page * kLogCsvPage < entries.totalElements ? StreamStep::kMore : StreamStep::kDone;
  });
  const CivilTime t = civil_from_epoch_ms(now_ms(), 0);
  char day[32];
  std::snprintf(day, sizeof day, "%04d-%02d-%02d", t.year, t.month, t.day);
  reply.headers.push_back({"Content-Disposition",
                           "attachment; filename=\"actions-log-" + std::to_string(q.user_id) + "-" + day + ".csv\""});
  reply.headers.push_back({"Cache-Control", "private, no-store"});
  return reply;
}

Reply actions_histogram(App& app, const httplib::Request& req, const Principal& who) {
  Params params(req);
  ActionsLogQuery q = read_window(params);
  auto buckets = params.integer("buckets", kDefaultHistogramBuckets, 1, kMaxHistogramBuckets);
  if (params.failed()) return Reply::error(400, params.error());
  if (auto bad = check_filters(app, who, params, q)) return *bad;
  ActionsHistogram histogram;
  std::string error;
  if (!app.actions_log_repo().histogram(q, *buckets, histogram, error))
    return Reply::failure("The actions log histogram query failed.", error);
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < histogram.counts.size(); ++i) {
    nlohmann::json counts = nlohmann::json::object();
    for (const auto& [client, n] : histogram.counts[i]) counts[client] = n;
    out.push_back({{"ts", histogram_bucket_start(q.from, histogram.bucket_ms, static_cast<std::int64_t>(i))},
                   {"counts", std::move(counts)}});
  }
  return Reply::ok({{"bucketMs", histogram.bucket_ms}, {"buckets", std::move(out)}});
}

}  // namespace

void register_actions_log_routes(App& app) {
  const std::string base = kBase;
  app.extension_api("GET", base + "/user/actions-log",
                    [&app](const httplib::Request& req, const Principal& who) { return actions_log(app, req, who); });
  app.extension_api(
      "GET", base + "/user/actions-log/export.csv",
      [&app](const httplib::Request& req, const Principal& who) { return actions_log_csv(app, req, who); });
  app.extension_api(
      "GET", base + "/user/actions-log/histogram",
      [&app](const httplib::Request& req, const Principal& who) { return actions_histogram(app, req, who); });
}

}  // namespace roster::server
