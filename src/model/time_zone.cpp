#include "model/time_zone.h"

#include "model/time_format.h"

#include <cstdio>
#include <cstring>

namespace roster {

namespace {

using Dst = TimeZoneInfo::Dst;

const std::vector<TimeZoneInfo> kZones = {
    {"UTC", 0, Dst::None},
    {"Europe/London", 0, Dst::EU},
    {"Europe/Dublin", 0, Dst::EU},
    {"Europe/Lisbon", 0, Dst::EU},
    {"Europe/Berlin", 60, Dst::EU},
    {"Europe/Paris", 60, Dst::EU},
    {"Europe/Madrid", 60, Dst::EU},
    {"Europe/Rome", 60, Dst::EU},
    {"Europe/Amsterdam", 60, Dst::EU},
    {"Europe/Brussels", 60, Dst::EU},
    {"Europe/Vienna", 60, Dst::EU},
    {"Europe/Zurich", 60, Dst::EU},
    {"Europe/Prague", 60, Dst::EU},
    {"Europe/Warsaw", 60, Dst::EU},
    {"Europe/Stockholm", 60, Dst::EU},
    {"Europe/Oslo", 60, Dst::EU},
    {"Europe/Copenhagen", 60, Dst::EU},
    {"Europe/Belgrade", 60, Dst::EU},
    {"Europe/Zagreb", 60, Dst::EU},
    {"Europe/Kyiv", 120, Dst::EU},
    {"Europe/Kiev", 120, Dst::EU},
    {"Europe/Athens", 120, Dst::EU},
    {"Europe/Helsinki", 120, Dst::EU},
    {"Europe/Bucharest", 120, Dst::EU},
    {"Europe/Sofia", 120, Dst::EU},
    {"Europe/Riga", 120, Dst::EU},
    {"Europe/Vilnius", 120, Dst::EU},
    {"Europe/Tallinn", 120, Dst::EU},
    {"Asia/Nicosia", 120, Dst::EU},
    {"Europe/Chisinau", 120, Dst::EU},
    {"Europe/Istanbul", 180, Dst::None},
    {"Europe/Minsk", 180, Dst::None},
    {"Europe/Moscow", 180, Dst::None},
    {"Asia/Tbilisi", 240, Dst::None},
    {"Asia/Yerevan", 240, Dst::None},
    {"Asia/Dubai", 240, Dst::None},
    {"Asia/Almaty", 300, Dst::None},
    {"Asia/Kolkata", 330, Dst::None},
    {"Asia/Bangkok", 420, Dst::None},
    {"Asia/Singapore", 480, Dst::None},
    {"Asia/Shanghai", 480, Dst::None},
    {"Asia/Tokyo", 540, Dst::None},
    {"Asia/Seoul", 540, Dst::None},
    {"Australia/Perth", 480, Dst::None},
    {"Australia/Brisbane", 600, Dst::None},
    {"Australia/Sydney", 600, Dst::SouthAustralia},
    {"Australia/Melbourne", 600, Dst::SouthAustralia},
    {"Australia/Adelaide", 570, Dst::SouthAustralia},
    {"Pacific/Auckland", 720, Dst::NewZealand},
    {"Pacific/Honolulu", -600, Dst::None},
    {"America/Anchorage", -540, Dst::NorthAmerica},
    {"America/Los_Angeles", -480, Dst::NorthAmerica},
    {"America/Vancouver", -480, Dst::NorthAmerica},
    {"America/Denver", -420, Dst::NorthAmerica},
    {"America/Phoenix", -420, Dst::None},
    {"America/Chicago", -360, Dst::NorthAmerica},
    {"America/Mexico_City", -360, Dst::None},
    {"America/New_York", -300, Dst::NorthAmerica},
    {"America/Toronto", -300, Dst::NorthAmerica},
    {"America/Bogota", -300, Dst::None},
    {"America/Sao_Paulo", -180, Dst::None},
    {"America/Argentina/Buenos_Aires", -180, Dst::None},
    {"Africa/Lagos", 60, Dst::None},
    {"Africa/Johannesburg", 120, Dst::None},
    {"Africa/Nairobi", 180, Dst::None},
};

// Day of month of the n-th (1-based) Sunday of a month, or of the last one when n == 0.
int sunday_of_month(int year, int month, int n) {
  if (n > 0) {
    int first_weekday = static_cast<int>(((days_from_civil(year, month, 1) % 7) + 11) % 7);
    int first_sunday = 1 + (7 - first_weekday) % 7;
    return first_sunday + 7 * (n - 1);
  }
  int next_month = month == 12 ? 1 : month + 1;
  int next_year = month == 12 ? year + 1 : year;
  std::int64_t last_day = days_from_civil(next_year, next_month, 1) - 1;
  int weekday = static_cast<int>(((last_day % 7) + 11) % 7);
  return static_cast<int>(last_day - days_from_civil(year, month, 1)) + 1 - weekday;
}

bool in_daylight_time(const TimeZoneInfo& z, std::int64_t t) {
  int year = civil_from_epoch_ms(t, 0).year;
  int std_off = z.standard_offset_min, dst_off = std_off + 60;
  switch (z.dst) {
    case Dst::None: return false;
    case Dst::EU: {  // last Sunday of March 01:00 UTC .. last Sunday of October 01:00 UTC
      auto start = epoch_ms_from_civil(year, 3, sunday_of_month(year, 3, 0), 1, 0, 0);
      auto end = epoch_ms_from_civil(year, 10, sunday_of_month(year, 10, 0), 1, 0, 0);
      return t >= start && t < end;
    }
    case Dst::NorthAmerica: {  // second Sunday of March 02:00 .. first Sunday of November 02:00 local
      auto start = epoch_ms_from_civil(year, 3, sunday_of_month(year, 3, 2), 2, 0, std_off);
      auto end = epoch_ms_from_civil(year, 11, sunday_of_month(year, 11, 1), 2, 0, dst_off);
      return t >= start && t < end;
    }
    case Dst::SouthAustralia: {  // first Sunday of October 02:00 .. first Sunday of April 03:00 local
      auto end = epoch_ms_from_civil(year, 4, sunday_of_month(year, 4, 1), 3, 0, dst_off);
      auto start = epoch_ms_from_civil(year, 10, sunday_of_month(year, 10, 1), 2, 0, std_off);
      return t < end || t >= start;
    }
    case Dst::NewZealand: {  // last Sunday of September 02:00 .. first Sunday of April 03:00 local
      auto end = epoch_ms_from_civil(year, 4, sunday_of_month(year, 4, 1), 3, 0, dst_off);
      auto start = epoch_ms_from_civil(year, 9, sunday_of_month(year, 9, 0), 2, 0, std_off);
      return t < end || t >= start;
    }
  }
  return false;
}

}  // namespace

const std::vector<TimeZoneInfo>& known_time_zones() { return kZones; }

std::optional<int> utc_offset_minutes(const std::string& iana_name, std::int64_t at_epoch_ms) {
  if (iana_name == "Etc/UTC" || iana_name == "GMT" || iana_name == "Etc/GMT") return 0;
  for (const auto& z : kZones)
    if (iana_name == z.name) return z.standard_offset_min + (in_daylight_time(z, at_epoch_ms) ? 60 : 0);
  return std::nullopt;
}

std::string format_utc_offset(int minutes) {
  if (minutes == 0) return "UTC";
  char buf[16];
  int a = minutes < 0 ? -minutes : minutes;
  std::snprintf(buf, sizeof buf, "UTC%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

}  // namespace roster
