#include "model/actions_query.h"

#include "model/locale/messages.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace roster {

namespace {

constexpr std::int64_t kMinute = 60'000, kHour = 60 * kMinute, kDay = 24 * kHour;

}  // namespace

const char* const kActionSortLabels[5] = {"Time", "Organization Name", "Client", "Action Name", "Action Code"};

bool is_action_sort_label(const std::string& label) {
  return std::find(std::begin(kActionSortLabels), std::end(kActionSortLabels), label) != std::end(kActionSortLabels);
}

const char* range_key(ActionsRange range) {
  switch (range) {
    case ActionsRange::LastHour: return "1h";
    case ActionsRange::SixHours: return "6h";
    case ActionsRange::OneDay: return "1d";
    case ActionsRange::OneWeek: return "1w";
    case ActionsRange::OneMonth: return "1mo";
    case ActionsRange::ThreeMonths: return "3mo";
    case ActionsRange::Custom: return "custom";
  }
  return "1w";
}

const char* range_label(ActionsRange range) {
  switch (range) {
    case ActionsRange::LastHour: return tr(Msg::range_last_hour);
    case ActionsRange::SixHours: return tr(Msg::range_six_hours);
    case ActionsRange::OneDay: return tr(Msg::range_one_day);
    case ActionsRange::OneWeek: return tr(Msg::range_one_week);
    case ActionsRange::OneMonth: return tr(Msg::range_one_month);
    case ActionsRange::ThreeMonths: return tr(Msg::range_three_months);
    case ActionsRange::Custom: return tr(Msg::range_custom);
  }
  return "";
}

std::optional<ActionsRange> parse_range(const std::string& key) {
  for (auto r : kActionsRanges)
    if (key == range_key(r)) return r;
  return std::nullopt;
}

std::int64_t range_duration_ms(ActionsRange range) {
  switch (range) {
    case ActionsRange::LastHour: return kHour;
    case ActionsRange::SixHours: return 6 * kHour;
    case ActionsRange::OneDay: return kDay;
    case ActionsRange::OneWeek: return 7 * kDay;
    case ActionsRange::OneMonth: return 30 * kDay;
    case ActionsRange::ThreeMonths: return 90 * kDay;
    case ActionsRange::Custom: return 0;
  }
  return 0;
}

bool ActionsQuery::operator==(const ActionsQuery& o) const {
  return range == o.range && from_ms == o.from_ms && to_ms == o.to_ms && clients == o.clients && text == o.text &&
         sort_label == o.sort_label && descending == o.descending;
}

Interval resolve_interval(const ActionsQuery& q, std::int64_t now_ms) {
  if (q.range == ActionsRange::Custom) return {q.from_ms, q.to_ms};
  return {now_ms - range_duration_ms(q.range), now_ms};
}

std::string validate_custom_range(std::int64_t from_ms, std::int64_t to_ms, std::int64_t now_ms) {
  if (from_ms >= to_ms) return tr(Msg::range_start_after_end);
  if (to_ms > now_ms + kMinute) return tr(Msg::range_end_in_future);
  if (from_ms < now_ms - kActionsRetentionMs) return tr(Msg::range_retention, {{"days", kActionsRetentionMs / kDay}});
  return "";
}

Buckets histogram_buckets(const Interval& interval) {
  // Rounded up in unsigned arithmetic: a deep link may name any range up to the end of int64, and
  // length + bucket - 1 must not overflow.
  auto ceil_div = [](std::uint64_t a, std::uint64_t b) { return a / b + (a % b != 0); };
  const std::uint64_t length = interval.to_ms > interval.from_ms ? static_cast<std::uint64_t>(interval.to_ms) -
                                                                       static_cast<std::uint64_t>(interval.from_ms)
                                                                 : 1;
  std::uint64_t bucket = length <= 6 * kHour ? kMinute : length <= 7 * kDay ? kHour : kDay;
  std::uint64_t count = ceil_div(length, bucket);
  if (count > 500) {  // a long custom range: wider buckets, still whole ones
    bucket = ceil_div(length, 500);
    count = ceil_div(length, bucket);
  }
  return {static_cast<std::int64_t>(bucket), static_cast<int>(count)};
}

}  // namespace roster
