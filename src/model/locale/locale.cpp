#include "model/locale/locale.h"

#include <cctype>

namespace roster {

namespace {

const LocaleData* g_current = nullptr;

std::string normalized(std::string_view tag) {
  std::string out;
  for (char c : tag) out += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

const LocaleData& english_locale() { return *shipped_locales_begin()[0]; }

const LocaleData& current_locale() { return g_current ? *g_current : english_locale(); }

void set_current_locale(const LocaleData& locale) { g_current = &locale; }

const LocaleData* find_locale(std::string_view tag) {
  const std::string want = normalized(tag);
  if (want.empty()) return nullptr;
  const LocaleData* const* all = shipped_locales_begin();
  for (std::size_t i = 0; i < shipped_locale_count(); ++i)
    if (normalized(all[i]->tag) == want) return all[i];
  // A region or script we do not ship falls back to the language: "de-AT" reads German.
  const std::string language = want.substr(0, want.find('-'));
  for (std::size_t i = 0; i < shipped_locale_count(); ++i)
    if (normalized(all[i]->tag) == language) return all[i];
  return nullptr;
}

const LocaleData* first_match(const std::vector<std::string>& tags) {
  for (const auto& tag : tags)
    if (const LocaleData* l = find_locale(tag)) return l;
  return nullptr;
}

std::vector<const LocaleData*> menu_locales() {
  std::vector<const LocaleData*> out;
  const LocaleData* const* all = shipped_locales_begin();
  for (std::size_t i = 0; i < shipped_locale_count(); ++i)
    if (std::string_view(all[i]->tag) != "en-XA") out.push_back(all[i]);
  return out;
}

}  // namespace roster
