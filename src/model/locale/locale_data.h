// What the console knows of a language: its CLDR data (plural rules, number symbols, month and day
// names, date patterns, relative-time words) and its message catalog. The tables are generated at
// build time by tools/gen_locales.py (README, "Languages"); this header is their shape.
#pragma once

#include <cstddef>
#include <cstdint>

namespace roster {

// CLDR's cardinal plural categories, in CLDR's order.
enum class PluralCategory : std::uint8_t { Zero, One, Two, Few, Many, Other };
constexpr std::size_t kPluralCategoryCount = 6;

// The units of relative times ("3 minutes ago"), smallest first.
enum class TimeUnit : std::uint8_t { Second, Minute, Hour, Day, Month, Year };
constexpr std::size_t kTimeUnitCount = 6;

// One of CLDR's own @integer examples of a plural category (the list ends with n = -1).
struct PluralSample {
  std::int64_t n;
  PluralCategory category;
};

struct LocaleData {
  const char* tag;          // BCP 47: "en", "uk", "de", "en-XA" (the pseudo-locale of the test builds)
  const char* native_name;  // the language in itself, for the language menu: "Українська"
  const char* decimal;
  const char* group;  // uk: U+00A0 NO-BREAK SPACE, as CLDR says
  const char* months_abbr[12];
  const char* months_wide[12];
  const char* days_abbr[7];  // Sunday first
  const char* days_wide[7];
  const char* pattern_month_day;       // CLDR MMMd: "MMM d", "d. MMM"
  const char* pattern_year_month_day;  // CLDR yMMMd
  const char* pattern_hour_minute;     // CLDR Hm: "HH:mm"
  // [unit][0 past, 1 future][category]: "{0} minutes ago"; null where the language has no such form.
  const char* relative[kTimeUnitCount][2][kPluralCategoryCount];
  PluralCategory (*plural)(std::int64_t n);
  // [message * kPluralCategoryCount + category]: a plain message is its Other form; null = missing.
  const char* const* messages;
  const PluralSample* plural_samples;
};

// The key names as the catalogs spell them ("users.title"), by Msg (messages.h: only the code that
// speaks includes the generated keys, so a new key rebuilds it and not everything that counts).
extern const char* const kMsgKeyNames[];

const LocaleData* const* shipped_locales_begin();
std::size_t shipped_locale_count();

}  // namespace roster
