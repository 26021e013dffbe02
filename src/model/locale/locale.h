// The language the console speaks: which shipped locale is in force and how a requested tag finds
// one. The console draws in one language at a time, so the choice is one value for the process, set
// by the store (host option, the signed-in person's locale, the browser's languages, the person
// menu); the server never sets it and so writes English (its actions log is stored text).
#pragma once

#include "model/locale/locale_data.h"

#include <string>
#include <string_view>
#include <vector>

namespace roster {

const LocaleData& english_locale();
const LocaleData& current_locale();
void set_current_locale(const LocaleData& locale);

// The shipped locale a tag asks for, if any: "de-DE", "de_DE" and "DE" find de; "en-XA" the
// pseudo-locale when the build has it.
const LocaleData* find_locale(std::string_view tag);
// The first of `tags` (a preference list, best first) that a shipped locale answers, or null.
const LocaleData* first_match(const std::vector<std::string>& tags);

// The locales the language menu offers (the pseudo-locale is for tests, not people: left out).
std::vector<const LocaleData*> menu_locales();

}  // namespace roster
