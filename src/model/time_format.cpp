#include "model/time_format.h"

#include "model/locale/messages.h"
#include "model/number_format.h"

#include <algorithm>

#include <cstdio>
#include <cstdlib>

namespace roster {

namespace {

// A catalog word in `locale` (these functions take the locale as a parameter, not only the current).
const char* word(const LocaleData& locale, Msg key) {
  const char* s = message_form(locale, key, PluralCategory::Other);
  return s ? s : message_form(english_locale(), key, PluralCategory::Other);
}

void two_digits(std::string& out, int v) {
  out += static_cast<char>('0' + v / 10 % 10);
  out += static_cast<char>('0' + v % 10);
}

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

std::string format_cldr_pattern(const char* pattern, const CivilTime& t, const LocaleData& locale) {
  std::string out;
  for (const char* p = pattern; *p;) {
    const char c = *p;
    if (c == '\'') {  // 'literal', '' is a quote
      ++p;
      if (*p == '\'') {
        out += '\'';
        ++p;
        continue;
      }
      for (; *p; ++p) {
        if (*p != '\'') {
          out += *p;
        } else if (p[1] == '\'') {  // '' inside quotes is a quote too
          out += *p++;
        } else {
          ++p;
          break;
        }
      }
      continue;
    }
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      out += *p++;
      continue;
    }
    int n = 0;
    while (*p == c) ++p, ++n;
    switch (c) {
      case 'y': out += std::to_string(t.year); break;
      case 'M':
      case 'L':
        if (n >= 4)
          out += locale.months_wide[t.month - 1];
        else if (n == 3)
          out += locale.months_abbr[t.month - 1];
        else if (n == 2)
          two_digits(out, t.month);
        else
          out += std::to_string(t.month);
        break;
      case 'd':
        if (n == 2)
          two_digits(out, t.day);
        else
          out += std::to_string(t.day);
        break;
      case 'E': out += n >= 4 ? locale.days_wide[t.weekday] : locale.days_abbr[t.weekday]; break;
      case 'H':
        if (n == 2)
          two_digits(out, t.hour);
        else
          out += std::to_string(t.hour);
        break;
      case 'm': two_digits(out, t.minute); break;
      case 's': two_digits(out, t.second); break;
      default: break;  // a field these patterns do not use
    }
  }
  return out;
}

std::string format_console_time(std::int64_t epoch_ms, std::int64_t now_ms, int utc_offset_minutes,
                                const LocaleData& locale) {
  if (epoch_ms == 0) return word(locale, Msg::time_never);
  CivilTime t = civil_from_epoch_ms(epoch_ms, utc_offset_minutes);
  CivilTime now = civil_from_epoch_ms(now_ms, utc_offset_minutes);
  return format_cldr_pattern(locale.pattern_hour_minute, t, locale) + " " +
         format_cldr_pattern(t.year == now.year ? locale.pattern_month_day : locale.pattern_year_month_day, t, locale);
}

std::string format_relative_time(std::int64_t epoch_ms, std::int64_t now_ms, const LocaleData& locale) {
  if (epoch_ms == 0) return word(locale, Msg::time_never_lower);
  std::int64_t diff = now_ms - epoch_ms;
  bool future = diff < 0;
  std::int64_t s = std::llabs(diff) / 1000;
  // Thresholds as people round: 45 s is "a minute", 22 h "a day", 26 days "a month".
  std::int64_t n;
  TimeUnit unit;
  if (s < 45) return word(locale, Msg::time_just_now);
  if (s < 90) {
    n = 1;
    unit = TimeUnit::Minute;
  } else if (s < 45 * 60) {
    n = (s + 30) / 60;
    unit = TimeUnit::Minute;
  } else if (s < 90 * 60) {
    n = 1;
    unit = TimeUnit::Hour;
  } else if (s < 22 * 3600) {
    n = (s + 1800) / 3600;
    unit = TimeUnit::Hour;
  } else if (s < 36 * 3600) {
    n = 1;
    unit = TimeUnit::Day;
  } else if (s < 26 * 86400) {
    n = (s + 43200) / 86400;
    unit = TimeUnit::Day;
  } else if (s < 45 * 86400) {
    n = 1;
    unit = TimeUnit::Month;
  } else if (s < 320 * 86400) {
    n = (s + 15 * 86400) / (30 * 86400);
    unit = TimeUnit::Month;
  } else if (s < 548 * 86400) {
    n = 1;
    unit = TimeUnit::Year;
  } else {
    n = (s + 182 * 86400) / (365 * 86400);
    unit = TimeUnit::Year;
  }
  const auto& forms = locale.relative[static_cast<std::size_t>(unit)][future ? 1 : 0];
  const char* pattern = forms[static_cast<std::size_t>(locale.plural(n))];
  if (!pattern) pattern = forms[static_cast<std::size_t>(PluralCategory::Other)];
  return fill_placeholders(pattern, {MsgArg("0", group_digits(n, locale))});
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
