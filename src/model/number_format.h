// Counts as people read them, in the locale's grouping: "1,000,000" (en), "1 000 000" (uk, with
// CLDR's no-break space), "1.000.000" (de). The server never sets a locale, so its words (its actions
// log entries say "Added the tag … to 1,204 users") stay English.
#pragma once

#include "model/locale/locale.h"

#include <cstdint>
#include <string>

namespace roster {

std::string group_digits(std::int64_t n, const LocaleData& locale = current_locale());

}  // namespace roster
