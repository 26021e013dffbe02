// The shipped languages: the catalogs complete and consistent, CLDR's plural rules on CLDR's own
// examples, and numbers, dates and relative times per locale.
#include "model/locale/locale.h"
#include "model/locale/messages.h"
#include "model/number_format.h"
#include "model/time_format.h"
#include "model/validation.h"
#include "model/api_error.h"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

using namespace roster;

namespace {

std::vector<const LocaleData*> all_locales() {
  return {shipped_locales_begin(), shipped_locales_begin() + shipped_locale_count()};
}

std::set<std::string> placeholders(const char* text) {
  std::set<std::string> out;
  const std::string s = text;
  for (std::size_t open = s.find('{'); open != std::string::npos; open = s.find('{', open + 1)) {
    const std::size_t close = s.find('}', open);
    if (close != std::string::npos) out.insert(s.substr(open + 1, close - open - 1));
  }
  return out;
}

// The categories a language's rules can give: those with CLDR examples.
std::set<PluralCategory> categories_of(const LocaleData& l) {
  std::set<PluralCategory> out = {PluralCategory::Other};
  for (const PluralSample* s = l.plural_samples; s->n >= 0; ++s) out.insert(s->category);
  return out;
}

// Sets the locale for one test and puts English back (the suite shares the process's locale).
struct LocaleScope {
  explicit LocaleScope(const char* tag) { set_current_locale(*find_locale(tag)); }
  ~LocaleScope() { set_current_locale(english_locale()); }
};

}  // namespace

TEST_CASE("the shipped locales: en first, uk and de, found by tag, region or underscore") {
  REQUIRE(shipped_locale_count() >= 3);
  CHECK(std::string(shipped_locales_begin()[0]->tag) == "en");
  REQUIRE(find_locale("uk_UA") != nullptr);
  CHECK(std::string(find_locale("uk_UA")->tag) == "uk");
  CHECK(std::string(find_locale("de-AT")->tag) == "de");
  CHECK(std::string(find_locale("EN-us")->tag) == "en");
  CHECK(find_locale("el_GR") == nullptr);
  CHECK(find_locale("") == nullptr);
  CHECK(std::string(first_match({"el-GR", "pl", "de-DE", "en"})->tag) == "de");
  CHECK(first_match({"fr", "ja"}) == nullptr);
  CHECK(std::string(find_locale("uk")->native_name) == "Українська");
  for (const LocaleData* l : menu_locales()) CHECK(std::string(l->tag) != "en-XA");
}

TEST_CASE("every key in every locale, with every plural form its language needs and English's placeholders") {
  const LocaleData& en = english_locale();
  for (const LocaleData* l : all_locales()) {
    const auto needed = categories_of(*l);
    for (std::size_t k = 0; k < kMsgCount; ++k) {
      const Msg key = static_cast<Msg>(k);
      INFO("locale ", l->tag, ", key ", kMsgKeyNames[k]);
      REQUIRE(message_form(en, key, PluralCategory::Other) != nullptr);
      const auto want = placeholders(message_form(en, key, PluralCategory::Other));
      const bool plural = message_form(en, key, PluralCategory::One) != nullptr;
      CHECK(message_form(*l, key, PluralCategory::Other) != nullptr);
      for (std::size_t c = 0; c < kPluralCategoryCount; ++c) {
        const auto category = static_cast<PluralCategory>(c);
        const char* form = message_form(*l, key, category);
        if (plural && needed.count(category)) CHECK_MESSAGE(form != nullptr, "plural form ", c, " missing");
        if (!plural && category != PluralCategory::Other) CHECK(form == nullptr);
        if (!form) continue;
        CHECK_MESSAGE(std::string(form).find("##") == std::string::npos, "ImGui IDs are the code's, not the text's");
        CHECK(placeholders(form) == want);  // every placeholder used, none invented
      }
    }
  }
}

TEST_CASE("plural rules give CLDR's own @integer examples their category, for each language") {
  for (const LocaleData* l : all_locales()) {
    int checked = 0;
    for (const PluralSample* s = l->plural_samples; s->n >= 0; ++s, ++checked) {
      INFO(l->tag, " n = ", s->n);
      CHECK(l->plural(s->n) == s->category);
    }
    CHECK(checked >= 2);
  }
  const LocaleData& uk = *find_locale("uk");
  CHECK(uk.plural(1) == PluralCategory::One);
  CHECK(uk.plural(3) == PluralCategory::Few);
  CHECK(uk.plural(5) == PluralCategory::Many);
  CHECK(uk.plural(11) == PluralCategory::Many);
  CHECK(uk.plural(21) == PluralCategory::One);
  CHECK(find_locale("de")->plural(1) == PluralCategory::One);
  CHECK(find_locale("de")->plural(0) == PluralCategory::Other);
}

TEST_CASE("counted messages: Ukrainian's one, few and many; grouped counts") {
  CHECK(tr_count(Msg::count_users, 1) == "1 user");
  CHECK(tr_count(Msg::count_users, 100000) == "100,000 users");
  LocaleScope uk("uk");
  CHECK(tr_count(Msg::count_users, 1) == "1 користувач");
  CHECK(tr_count(Msg::count_users, 3) == "3 користувачі");
  CHECK(tr_count(Msg::count_users, 5) == "5 користувачів");
  CHECK(tr_count(Msg::count_users, 100000) == "100\u00a0000 користувачів");
}

TEST_CASE("numbers per locale: CLDR's group symbols") {
  CHECK(group_digits(100000, *find_locale("en")) == "100,000");
  CHECK(group_digits(100000, *find_locale("uk")) == "100\u00a0000");
  CHECK(group_digits(100000, *find_locale("de")) == "100.000");
  CHECK(group_digits(-1234567, *find_locale("de")) == "-1.234.567");
  CHECK(group_digits(999, *find_locale("uk")) == "999");
}

TEST_CASE("dates per locale: CLDR's Hm and MMMd / yMMMd patterns and month names") {
  const std::int64_t now = epoch_ms_from_civil(2026, 6, 1, 12, 0, 0);
  const std::int64_t nov3 = epoch_ms_from_civil(2026, 11, 3, 14, 5, 0);
  const std::int64_t last_year = epoch_ms_from_civil(2025, 11, 21, 23, 48, 0);
  CHECK(format_console_time(nov3, now, 0, *find_locale("en")) == "14:05 Nov 3");
  CHECK(format_console_time(last_year, now, 0, *find_locale("en")) == "23:48 Nov 21, 2025");
  CHECK(format_console_time(nov3, now, 0, *find_locale("de")) == "14:05 3. Nov.");
  CHECK(format_console_time(last_year, now, 0, *find_locale("de")) == "23:48 21. Nov. 2025");
  CHECK(format_console_time(nov3, now, 0, *find_locale("uk")) == "14:05 3 лист.");
  CHECK(format_console_time(last_year, now, 0, *find_locale("uk")) == "23:48 21 лист. 2025 р.");
  CHECK(format_console_time(0, now, 0, *find_locale("de")) == "Nie");
  const CivilTime t = civil_from_epoch_ms(nov3, 0);
  CHECK(format_cldr_pattern("EEEE, d MMMM y 'р'.", t, *find_locale("uk")) == "вівторок, 3 листопада 2026 р.");
  CHECK(format_cldr_pattern("dd.MM.y HH:mm", t, *find_locale("de")) == "03.11.2026 14:05");
  CHECK(format_cldr_pattern("E 'o''clock'", t, *find_locale("en")) == "Tue o'clock");
}

TEST_CASE("relative times per locale: CLDR's words in the plural form of the count") {
  const std::int64_t now = epoch_ms_from_civil(2026, 6, 1, 12, 0, 0);
  const std::int64_t min = 60'000;
  CHECK(format_relative_time(now - 3 * min, now, *find_locale("en")) == "3 minutes ago");
  CHECK(format_relative_time(now - 3 * min, now, *find_locale("de")) == "vor 3 Minuten");
  CHECK(format_relative_time(now - 3 * min, now, *find_locale("uk")) == "3 хвилини тому");
  CHECK(format_relative_time(now - 5 * min, now, *find_locale("uk")) == "5 хвилин тому");
  CHECK(format_relative_time(now - 21 * min, now, *find_locale("uk")) == "21 хвилину тому");
  CHECK(format_relative_time(now + 2 * 60 * min, now, *find_locale("de")) == "in 2 Stunden");
  CHECK(format_relative_time(now - 1000, now, *find_locale("de")) == "gerade eben");
  CHECK(format_relative_time(0, now, *find_locale("uk")) == "ніколи");
}

TEST_CASE("the pseudo-locale, where the build has it: accented, longer, bracketed, placeholders kept") {
  const LocaleData* xa = find_locale("en-XA");
  // A shipped module leaves it out (and then the tag finds English by its language).
  if (!xa || std::string(xa->tag) != "en-XA") return;
  const std::string never = message_form(*xa, Msg::time_never, PluralCategory::Other);
  CHECK(never.front() == '[');
  CHECK(never.back() == ']');
  CHECK(never.find("Ñévér") != std::string::npos);
  const std::string users = message_form(*xa, Msg::count_users, PluralCategory::Other);
  CHECK(users.find("{count}") != std::string::npos);
  CHECK(users.size() > std::string("{count} users").size() * 14 / 10);
}

TEST_CASE("a placeholder's value is text, never read for placeholders itself") {
  LocaleScope en("en");
  // A search for the literal "{count}" is announced as typed, not as the number of users.
  CHECK(tr_count(Msg::users_match, 5, {{"text", "{count}"}}) == "5 users match \xE2\x80\x98{count}\xE2\x80\x99");
  CHECK(tr(Msg::users_empty_search, {{"text", "{text}"}}) == "No users match \xE2\x80\x9C{text}\xE2\x80\x9D");
}

TEST_CASE("validation and error words speak the locale in force; English where none is chosen (the server)") {
  CHECK(validate_phone_number("+1234567890123456") == "Phone number must have at most 15 digits.");
  CHECK(decode_error("", 404).message == "Not found (HTTP 404)");
  LocaleScope uk("uk");
  CHECK(validate_name("") == "Ім’я обов’язкове.");
  CHECK(validate_phone_number("+1234567890123456") == "Номер телефону може мати щонайбільше 15 цифр.");
  CHECK(decode_error("", 404).message == "Не знайдено (HTTP 404)");
}
