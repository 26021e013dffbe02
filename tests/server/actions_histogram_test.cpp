// The actions log histogram extension over real HTTP: every bucket listed in order, the bounds of
// each, and counts equal to a brute-force count of the log's own entries for the same filters (so
// they add up to the log's totalElements); the same checks and messages as the log; absent from the
// public API; and the seed's busy users.
#include "api_helpers.h"
#include "server/base/clock.h"

#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <set>

using namespace roster::test;
using nlohmann::json;

namespace {

const std::string kLog = "/api/v1/organization/user/actions-log";
const std::string kHistogram = "/api/v1/organization/user/actions-log/histogram";
constexpr std::int64_t kDay = 86'400'000;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Entry {
  std::int64_t ts;
  std::string client;
};

// Every entry of the log for `filters` (userId, from, to, client, query as a query string), by pages.
std::vector<Entry> log_entries(const Caller& api, const std::string& filters, std::int64_t& total) {
  std::vector<Entry> out;
  for (int page = 0;; ++page) {
    auto r = api.get(kLog + "?size=1000&page=" + std::to_string(page) + filters);
    REQUIRE(r.status == 200);
    total = r.json["totalElements"].get<std::int64_t>();
    for (const auto& e : r.json["content"]) out.push_back({e["ts"].get<std::int64_t>(), e["client"]});
    if (r.json["content"].size() < 1000) break;
  }
  REQUIRE(static_cast<std::int64_t>(out.size()) == total);
  return out;
}

// The histogram of `filters` over [from, to] checked against the log: shape, bounds and each count.
void check_against_log(const Caller& api, std::int64_t user, std::int64_t from, std::int64_t to, int buckets,
                       const std::string& more = "") {
  const std::string filters =
      "&userId=" + std::to_string(user) + "&from=" + std::to_string(from) + "&to=" + std::to_string(to) + more;
  INFO("filters: " << filters << " buckets " << buckets);
  auto h = api.get(kHistogram + "?buckets=" + std::to_string(buckets) + filters);
  REQUIRE(h.status == 200);
  const std::int64_t span = to - from;
  const std::int64_t width = std::max<std::int64_t>(1, span / buckets + (span % buckets != 0));
  CHECK(h.json["bucketMs"].get<std::int64_t>() == width);
  const auto& list = h.json["buckets"];
  REQUIRE(list.size() == static_cast<std::size_t>(buckets));

  std::int64_t total = 0;
  auto entries = log_entries(api, filters, total);
  std::vector<std::map<std::string, std::int64_t>> expected(static_cast<std::size_t>(buckets));
  for (const auto& e : entries) {
    REQUIRE(e.ts >= from);
    REQUIRE(e.ts <= to);
    auto i = std::min<std::int64_t>((e.ts - from) / width, buckets - 1);
    ++expected[static_cast<std::size_t>(i)][e.client];
  }
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    CHECK(list[i]["ts"].get<std::int64_t>() == from + static_cast<std::int64_t>(i) * width);
    std::map<std::string, std::int64_t> counts;
    for (const auto& [client, n] : list[i]["counts"].items()) {
      CHECK(n.get<std::int64_t>() > 0);  // an empty bucket is {}, never a zero
      counts[client] = n.get<std::int64_t>();
      sum += n.get<std::int64_t>();
    }
    CHECK_MESSAGE(counts == expected[i], "bucket " << i);
  }
  CHECK(sum == total);
}

std::vector<std::int64_t> busy_users(const SeededDb& db) {
  return db.info["busyUsers"].get<std::vector<std::int64_t>>();
}

}  // namespace

TEST_CASE("histogram: counts equal the log's entries bucket by bucket, for windows, clients and text") {
  auto api = as_client(shared_server(), shared_db());
  REQUIRE_FALSE(busy_users(shared_db()).empty());
  const std::int64_t busy = busy_users(shared_db()).front();
  const std::int64_t now = now_ms();

  // The demo admin (40 entries, all eight clients) and a busy user, over several windows.
  for (std::int64_t user : {std::int64_t{1}, busy}) {
    check_against_log(api, user, now - 90 * kDay, now, 90);
    check_against_log(api, user, now - 90 * kDay, now, 500);
    check_against_log(api, user, now - 30 * kDay, now - 7 * kDay, 37);  // a width that does not divide
    check_against_log(api, user, 0, 99999999999999, 1);
    check_against_log(api, user, now - 90 * kDay, now, 64, "&client=HTTPS%20API");
    check_against_log(api, user, now - 90 * kDay, now, 64, "&client=Alexa&client=Google%20Home&client=Web");
    check_against_log(api, user, now - 90 * kDay, now, 50, "&query=device");
    check_against_log(api, user, now - 90 * kDay, now, 50, "&query=LOGIN&client=Web");
    check_against_log(api, user, now - 90 * kDay, now, 10, "&query=nothing-matches-this");
  }

  // The default window is the log's (the week before now): the sums agree with its total.
  auto week = api.get(kHistogram + "?userId=" + std::to_string(busy));
  REQUIRE(week.status == 200);
  std::int64_t sum = 0;
  for (const auto& b : week.json["buckets"])
    for (const auto& [client, n] : b["counts"].items()) sum += n.get<std::int64_t>();
  CHECK(sum == api.get(kLog + "?size=1&userId=" + std::to_string(busy)).json["totalElements"].get<std::int64_t>());
  CHECK(sum > 0);
}

TEST_CASE("histogram: bucket bounds include both ends, and the entry at 'to' falls in the last bucket") {
  auto api = as_client(shared_server(), shared_db());
  std::int64_t total = 0;
  auto entries = log_entries(api, "&userId=1&from=0&to=99999999999999", total);
  REQUIRE(entries.size() >= 10);
  std::set<std::int64_t> times;
  for (const auto& e : entries) times.insert(e.ts);
  const std::int64_t first = *times.begin(), last = *times.rbegin();

  // from and to on entries: both counted; with one bucket, or a width that divides the window
  // exactly, the entry at `to` is clamped into the last bucket.
  check_against_log(api, 1, first, last, 1);
  check_against_log(api, 1, first, first + 2 * ((last - first) / 2), 2);
  check_against_log(api, 1, first, last, 500);
  // A window of one millisecond, at an entry: one bucket holds it, 1 ms wide.
  auto one = api.get(kHistogram + "?userId=1&buckets=3&from=" + std::to_string(first) + "&to=" + std::to_string(first));
  REQUIRE(one.status == 200);
  CHECK(one.json["bucketMs"] == 1);
  REQUIRE(one.json["buckets"].size() == 3);
  std::int64_t in_first = 0;
  for (const auto& [client, n] : one.json["buckets"][0]["counts"].items()) in_first += n.get<std::int64_t>();
  CHECK(in_first >= 1);
  CHECK(one.json["buckets"][1]["counts"].empty());
  CHECK(one.json["buckets"][2]["ts"] == first + 2);
  // Just past an entry at each end: it is left out.
  check_against_log(api, 1, first + 1, last - 1, 7);
}

TEST_CASE("histogram: the log's checks and messages, buckets 1..500, and 404 under --public-api-only") {
  auto api = as_client(shared_server(), shared_db());
  const std::string user = "&userId=1&from=0&to=99999999999999";
  auto message_of = [&](const std::string& path) {
    auto r = api.get(path);
    CHECK(r.status == 400);
    return r.message();
  };
  CHECK(message_of(kHistogram + "?buckets=0" + user) == "Parameter 'buckets' must be between 1 and 500.");
  CHECK(message_of(kHistogram + "?buckets=501" + user) == "Parameter 'buckets' must be between 1 and 500.");
  CHECK(message_of(kHistogram + "?buckets=ten" + user) == "Parameter 'buckets' must be a whole number.");
  CHECK(api.get(kHistogram + "?buckets=500" + user).json["buckets"].size() == 500);
  CHECK(api.get(kHistogram + "?buckets=1" + user).json["buckets"].size() == 1);
  // The same answers as the log for the same mistakes.
  for (const std::string& bad : {std::string("&client=Telegram"), std::string("&query=") + std::string(256, 'x'),
                                 std::string("&from=10&to=5"), std::string("&to=-1"), std::string("&from=abc")}) {
    auto log = api.get(kLog + "?userId=1" + bad);
    auto histogram = api.get(kHistogram + "?buckets=10&userId=1" + bad);
    INFO(bad);
    CHECK(log.status == 400);
    CHECK(histogram.status == 400);
    CHECK(histogram.message() == log.message());
  }
  CHECK(api.get(kHistogram).status == 400);
  CHECK(api.get(kHistogram).message() == api.get(kLog).message());
  auto missing = api.get(kHistogram + "?userId=999999");
  CHECK(missing.status == 404);
  CHECK(missing.message() == api.get(kLog + "?userId=999999").message());
  // A plain User sees only their own log.
  auto user_session = as_session(shared_server(), "user@roster.demo", "roster-demo");
  CHECK(user_session.get(kHistogram + "?userId=1").status == 404);
  CHECK(user_session.get(kHistogram + "?userId=3").status == 200);

  ServerProcess public_only(shared_db().path, {"--public-api-only"});
  CHECK(as_client(public_only, shared_db()).get(kHistogram + "?buckets=10" + user).status == 404);
}

TEST_CASE("seed: busy users have 5,000 actions or more in the last 90 days, from many clients") {
  const auto& db = shared_db();
  auto busy = busy_users(db);
  // Two per organization (each of the 12 has more than two Active users), none of the demo accounts.
  CHECK(busy.size() == 24);
  CHECK(std::set<std::int64_t>(busy.begin(), busy.end()).size() == busy.size());
  auto api = as_client(shared_server(), db);
  std::map<int, int> per_org;
  const std::int64_t now = now_ms();
  for (auto id : busy) {
    CHECK(id > 3);
    auto user = api.get("/api/v1/organization/user?userId=" + std::to_string(id));
    REQUIRE(user.status == 200);
    ++per_org[user.json["orgId"].get<int>()];
    const std::string window =
        "&userId=" + std::to_string(id) + "&from=" + std::to_string(now - 90 * kDay) + "&to=" + std::to_string(now);
    auto log = api.get(kLog + "?size=1" + window);
    REQUIRE(log.status == 200);
    CHECK(log.json["totalElements"].get<std::int64_t>() >= 5000);
    auto h = api.get(kHistogram + "?buckets=1" + window);
    REQUIRE(h.status == 200);
    CHECK(h.json["buckets"][0]["counts"].size() >= 6);
  }
  CHECK(per_org.size() == 12);
  for (const auto& [org, n] : per_org) CHECK(n == 2);
}
