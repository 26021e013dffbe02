// IANA time zone name -> UTC offset at a given instant, without a tz database (the browser build has
// none). A built-in table of zones with their standard offset and daylight-saving rule family (EU,
// North America, southern Australia, New Zealand, none). Shared by the seed data and the console.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roster {

struct TimeZoneInfo {
  const char* name;         // IANA name, e.g. "Europe/Kyiv"
  int standard_offset_min;  // e.g. +120
  enum class Dst { None, EU, NorthAmerica, SouthAustralia, NewZealand } dst;
};

const std::vector<TimeZoneInfo>& known_time_zones();

// nullopt for a zone name Roster does not know (the console then shows the name without an offset).
std::optional<int> utc_offset_minutes(const std::string& iana_name, std::int64_t at_epoch_ms);

// "UTC+02:00", "UTC-03:30" (ASCII minus); "UTC" for zero.
std::string format_utc_offset(int minutes);

}  // namespace roster
