#include "model/time_format.h"

#include <algorithm>

#include <cstdio>
#include <cstdlib>

namespace roster {

namespace {

const char* const kMonths[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilTime civil_from_epoch_ms(std::int64_t epoch_ms, int utc_offset_minutes) {
  std::int64_t secs = floor_div(epoch_ms, 1000) + static_cast<std::int64_t>(utc_offset_minutes) * 60;
  std::int64_t days = floor_div(secs, 86400);
  std::int64_t rem = secs - days * 86400;
  CivilTime t;
  t.hour = static_cast<int>(rem / 3600);
  t.minute = static_cast<int>((rem % 3600) / 60);
  t.second = static_cast<int>(rem % 60);
  t.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.year = static_cast<int>(yoe + era * 400 + (t.month <= 2));
  return t;
}

std::int64_t epoch_ms_from_civil(int year, int month, int day, int hour, int minute, int utc_offset_minutes) {
  std::int64_t secs = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 -
                      static_cast<std::int64_t>(utc_offset_minutes) * 60;
  return secs * 1000;
}

std::string format_console_time(std::int64_t epoch_ms, std::int64_t now_ms, int utc_offset_minutes) {
  if (epoch_ms == 0) return "Never";
  CivilTime t = civil_from_epoch_ms(epoch_ms, utc_offset_minutes);
  CivilTime now = civil_from_epoch_ms(now_ms, utc_offset_minutes);
  char buf[48];
  if (t.year == now.year)
    std::snprintf(buf, sizeof buf, "%02d:%02d %s %d", t.hour, t.minute, kMonths[t.month - 1], t.day);
  else
    std::snprintf(buf, sizeof buf, "%02d:%02d %s %d, %d", t.hour, t.minute, kMonths[t.month - 1], t.day, t.year);
  return buf;
}

std::string format_relative_time(std::int64_t epoch_ms, std::int64_t now_ms) {
  if (epoch_ms == 0) return "never";
  std::int64_t diff = now_ms - epoch_ms;
  bool future = diff < 0;
  std::int64_t s = std::llabs(diff) / 1000;
  // Thresholds as people round: 45 s is "a minute", 22 h "a day", 26 days "a month".
  std::int64_t n;
  const char* unit;
  if (s < 45) return "just now";
  if (s < 90) {
    n = 1;
    unit = "minute";
  } else if (s < 45 * 60) {
    n = (s + 30) / 60;
    unit = "minute";
  } else if (s < 90 * 60) {
    n = 1;
    unit = "hour";
  } else if (s < 22 * 3600) {
    n = (s + 1800) / 3600;
    unit = "hour";
  } else if (s < 36 * 3600) {
    n = 1;
    unit = "day";
  } else if (s < 26 * 86400) {
    n = (s + 43200) / 86400;
    unit = "day";
  } else if (s < 45 * 86400) {
    n = 1;
    unit = "month";
  } else if (s < 320 * 86400) {
    n = (s + 15 * 86400) / (30 * 86400);
    unit = "month";
  } else if (s < 548 * 86400) {
    n = 1;
    unit = "year";
  } else {
    n = (s + 182 * 86400) / (365 * 86400);
    unit = "year";
  }
  std::string text = std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
  return future ? "in " + text : text + " ago";
}

std::string format_iso_minutes(std::int64_t epoch_ms, int utc_offset_minutes) {
  CivilTime t = civil_from_epoch_ms(epoch_ms, utc_offset_minutes);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
  return buf;
}

std::int64_t epoch_ms_from_local(int year, int month, int day, int hour, int minute, OffsetAt offset_at) {
  // Guess with the offset at the wall time read as UTC, then correct with the offset at the guess:
  // two steps settle every rule of the table (offsets change by at most a few hours).
  std::int64_t utc = epoch_ms_from_civil(year, month, day, hour, minute, 0);
  std::int64_t guess = utc - static_cast<std::int64_t>(offset_at(utc)) * 60000;
  std::int64_t better = utc - static_cast<std::int64_t>(offset_at(guess)) * 60000;
  if (offset_at(better) == offset_at(guess)) return better;
  return std::min(guess, better);  // a repeated hour: the first of the two
}

}  // namespace roster
