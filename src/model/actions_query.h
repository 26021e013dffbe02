// What the profile's Actions Log tab asks for: an interval (a preset relative to now, or a custom
// range), the clients, a search over action name and code, and a sort; plus the interval maths the
// tab and its histogram share: resolving a preset, validating a custom range in words, and choosing
// histogram buckets (minutes, hours or days, as the interval suggests).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roster {

enum class ActionsRange { LastHour, SixHours, OneDay, OneWeek, OneMonth, ThreeMonths, Custom };
constexpr ActionsRange kActionsRanges[] = {ActionsRange::LastHour, ActionsRange::SixHours, ActionsRange::OneDay,
                                           ActionsRange::OneWeek,  ActionsRange::OneMonth, ActionsRange::ThreeMonths,
                                           ActionsRange::Custom};
const char* range_key(ActionsRange range);    // "1h" | "6h" | "1d" | "1w" | "1mo" | "3mo" | "custom"
const char* range_label(ActionsRange range);  // "Last Hour", "6 Hours", ..., "Custom Range"
std::optional<ActionsRange> parse_range(const std::string& key);
std::int64_t range_duration_ms(ActionsRange range);  // 0 for Custom; a month is 30 days

// How long the server keeps the actions log: a custom range must lie within it.
constexpr std::int64_t kActionsRetentionMs = 90LL * 24 * 3600 * 1000;

// The sortBy labels of the actions log, in the table's column order.
extern const char* const kActionSortLabels[5];
bool is_action_sort_label(const std::string& label);

struct ActionsQuery {
  ActionsRange range = ActionsRange::OneWeek;
  std::int64_t from_ms = 0, to_ms = 0;  // Custom only
  std::vector<std::string> clients;     // sorted; empty: every client
  std::string text;
  std::string sort_label;  // empty: newest first (the server's order)
  bool descending = false;
  bool operator==(const ActionsQuery& o) const;
  bool operator!=(const ActionsQuery& o) const { return !(*this == o); }
};

struct Interval {
  std::int64_t from_ms = 0, to_ms = 0;
  std::int64_t length() const { return to_ms - from_ms; }
};

// The interval a query shows at `now`: a preset ends now; a custom range is what it says.
Interval resolve_interval(const ActionsQuery& query, std::int64_t now_ms);
// What is wrong with a custom range, in words; empty when it is fine.
std::string validate_custom_range(std::int64_t from_ms, std::int64_t to_ms, std::int64_t now_ms);

// Histogram buckets: one minute up to 6 hours, one hour up to a week, one day beyond; at most 500.
struct Buckets {
  std::int64_t bucket_ms = 0;
  int count = 0;
};
Buckets histogram_buckets(const Interval& interval);

}  // namespace roster
