// Time as the console shows it. The API speaks Unix epoch milliseconds (0 = never); these helpers
// turn them into the Console's "time, then date" form in the locale's own patterns and names
// ("14:05 Nov 3", "14:05 3. Nov.", "14:05 3 лист."; the year added only when it is not the current
// year), relative durations ("3 days ago", "vor 3 Tagen", "3 дні тому") and calendar parts. Pure
// functions: `now` is always passed in, the locale defaults to the one in force.
#pragma once

#include "model/locale/locale.h"

#include <cstdint>
#include <string>

namespace roster {

struct CivilTime {
  int year = 1970, month = 1, day = 1;  // month 1..12
  int hour = 0, minute = 0, second = 0;
  int weekday = 4;  // 0 = Sunday
};

std::int64_t days_from_civil(int year, int month, int day);
CivilTime civil_from_epoch_ms(std::int64_t epoch_ms, int utc_offset_minutes);
std::int64_t epoch_ms_from_civil(int year, int month, int day, int hour, int minute, int utc_offset_minutes);

// A zone's offset from UTC at an instant (daylight saving changes it through the year): the viewer's
// from the browser, a user's from the time zone table.
using OffsetAt = int (*)(std::int64_t epoch_ms);
// The instant a wall-clock time names in a zone, with the offset in force at that instant (a time in
// summer gets the summer offset even when it is winter now). A time a clock change skips or repeats
// resolves to the earlier of its two readings.
std::int64_t epoch_ms_from_local(int year, int month, int day, int hour, int minute, OffsetAt offset_at);

// "14:05 Nov 3" within the current year, "14:05 Nov 3, 2024" otherwise, "Never" for 0: the time
// in CLDR's Hm pattern, the date in its MMMd or yMMMd. The Console writes hh:mm without AM/PM;
// Roster uses the 24-hour clock (Hm) so the time stays unambiguous in every language.
std::string format_console_time(std::int64_t epoch_ms, std::int64_t now_ms, int utc_offset_minutes,
                                const LocaleData& locale = current_locale());

// A civil time in a CLDR date pattern: y, M/MM/MMM/MMMM (L alike), d/dd, E/EEEE, H/HH, m/mm, 'quoted'.
std::string format_cldr_pattern(const char* pattern, const CivilTime& t, const LocaleData& locale);

// "just now", "5 minutes ago", "3 days ago", "in 2 hours", "never" for 0, in the locale's words
// and plural forms (CLDR's relative-time fields).
std::string format_relative_time(std::int64_t epoch_ms, std::int64_t now_ms,
                                 const LocaleData& locale = current_locale());

// "2026-11-28 17:33" (for tooltips and exports).
std::string format_iso_minutes(std::int64_t epoch_ms, int utc_offset_minutes);

}  // namespace roster
