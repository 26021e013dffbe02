#include "model/number_format.h"

namespace roster {

std::string group_digits(std::int64_t n, const LocaleData& locale) {
  // Through unsigned: -INT64_MIN does not fit an int64.
  const std::uint64_t magnitude = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  const std::string digits = std::to_string(magnitude);
  std::string out = n < 0 ? "-" : "";
  // CLDR's minimumGroupingDigits is 1 for en, uk and de: 1000 groups too ("1 000").
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += locale.group;
    out += digits[i];
  }
  return out;
}

}  // namespace roster
