// In-process tests of the actions log histogram: the bucket arithmetic at its limits, and which
// bucket an entry lands in at the edges (from, to, a bucket's first and last millisecond), against an
// in-memory database.
#include "server/db/actions_log_repository.h"
#include "server/db/schema.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

using namespace roster::server;

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// A fresh in-memory database with the schema and the given entries of user 7 (client Web unless
// told), plus one entry of another user that must never be counted.
struct LogDb {
  Database db{":memory:", true};
  LogDb() {
    REQUIRE(db.ok());
    REQUIRE(create_tables(db));
    add(5, 100, "Web");
  }
  void add(std::int64_t user, std::int64_t ts, const std::string& client) {
    auto st = db.prepare(
        "INSERT INTO actions_log(user_id, ts, org_id, client, action_name, action_code) VALUES (?, ?, 1, ?,"
        " 'Device control', 'DEVICE_CONTROL')");
    st.bind(1, user).bind(2, ts).bind(3, client);
    REQUIRE(st.run());
  }
  ActionsHistogram histogram(std::int64_t from, std::int64_t to, std::int64_t buckets) {
    ActionsLogQuery q;
    q.user_id = 7;
    q.from = from;
    q.to = to;
    ActionsHistogram out;
    std::string error;
    REQUIRE(ActionsLogRepository(db).histogram(q, buckets, out, error));
    REQUIRE(out.counts.size() == static_cast<std::size_t>(buckets));
    return out;
  }
};

std::int64_t in_bucket(const ActionsHistogram& h, std::size_t i) {
  std::int64_t n = 0;
  for (const auto& [client, count] : h.counts[i]) n += count;
  return n;
}

}  // namespace

TEST_CASE("bucket width: ceil((to - from) / buckets), at least 1, for any window") {
  CHECK(histogram_bucket_ms(0, 100, 10) == 10);
  CHECK(histogram_bucket_ms(0, 101, 10) == 11);
  CHECK(histogram_bucket_ms(0, 10, 7) == 2);
  CHECK(histogram_bucket_ms(50, 50, 500) == 1);
  CHECK(histogram_bucket_ms(0, 3, 500) == 1);
  CHECK(histogram_bucket_ms(0, kMax, 1) == kMax);
  CHECK(histogram_bucket_ms(0, kMax, 2) == kMax / 2 + 1);
  CHECK(histogram_bucket_ms(0, kMax, 500) == kMax / 500 + 1);
  // Starts: from + i * width, held at INT64_MAX where a window that ends near it would pass it.
  CHECK(histogram_bucket_start(1000, 10, 3) == 1030);
  CHECK(histogram_bucket_start(0, kMax / 500 + 1, 499) == 499 * (kMax / 500 + 1));
  CHECK(histogram_bucket_start(kMax - 10, 1, 499) == kMax);
}

TEST_CASE("an entry at ts is in bucket (ts - from) / width; both ends are in, the one at 'to' clamped last") {
  LogDb log;
  for (std::int64_t ts : {1000, 1009, 1010, 1099, 1100}) log.add(7, ts, "Web");
  log.add(7, 999, "iOS");                  // before from
  log.add(7, 1101, "iOS");                 // after to
  auto h = log.histogram(1000, 1100, 10);  // width 10, divides the window: 1100 goes to bucket 9
  CHECK(h.bucket_ms == 10);
  CHECK(in_bucket(h, 0) == 2);  // 1000, 1009
  CHECK(in_bucket(h, 1) == 1);  // 1010
  CHECK(in_bucket(h, 9) == 2);  // 1099 and 1100 (clamped)
  std::int64_t total = 0;
  for (std::size_t i = 0; i < h.counts.size(); ++i) total += in_bucket(h, i);
  CHECK(total == 5);
  CHECK(h.counts[0].count("iOS") == 0);

  auto wide = log.histogram(1000, 1100, 7);  // width 15, the last bucket starts at 1090
  CHECK(wide.bucket_ms == 15);
  CHECK(in_bucket(wide, 0) == 3);  // 1000, 1009, 1010
  CHECK(in_bucket(wide, 6) == 2);  // 1099, 1100 (1090..1104, no clamp needed)
  auto single = log.histogram(1100, 1100, 3);
  CHECK(single.bucket_ms == 1);
  CHECK(in_bucket(single, 0) == 1);
  CHECK(in_bucket(single, 1) + in_bucket(single, 2) == 0);
}

TEST_CASE("counts are per client and per bucket; the widest window does not overflow") {
  LogDb log;
  log.add(7, 0, "Alexa");
  log.add(7, 0, "Alexa");
  log.add(7, 5, "Google Home");
  log.add(7, kMax, "Other");
  auto h = log.histogram(0, kMax, 500);
  CHECK(h.counts[0].at("Alexa") == 2);
  CHECK(h.counts[0].at("Google Home") == 1);
  CHECK(h.counts[499].at("Other") == 1);
  auto one = log.histogram(0, kMax, 1);
  CHECK(in_bucket(one, 0) == 4);
}
