// The user actions log extension: a page of a user's actions, and their histogram over time by
// client. Both read the same parameters with the same checks and messages, so that the histogram of
// a filter counts exactly the entries its log pages through.
#include "model/device.h"
#include "model/page.h"
#include "model/validation.h"
#include "server/app/app.h"
#include "server/app/scope.h"
#include "server/base/clock.h"

#include <algorithm>

namespace roster::server {

namespace {

constexpr const char* kBase = "/api/v1/organization";
constexpr std::int64_t kWeekMs = 7LL * 86'400'000;

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
      "GET", base + "/user/actions-log/histogram",
      [&app](const httplib::Request& req, const Principal& who) { return actions_histogram(app, req, who); });
}

}  // namespace roster::server
