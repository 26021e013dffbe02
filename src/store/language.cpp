#include "store/language.h"

namespace roster::store {

const char* language_source_key(LanguageSource source) {
  switch (source) {
    case LanguageSource::Menu: return "menu";
    case LanguageSource::Host: return "host";
    case LanguageSource::Person: return "person";
    case LanguageSource::Browser: return "browser";
    case LanguageSource::Default: return "default";
  }
  return "default";
}

LanguageChoice::Resolved LanguageChoice::resolve() const {
  if (const LocaleData* l = find_locale(menu_)) return {l, LanguageSource::Menu};
  if (const LocaleData* l = find_locale(host_)) return {l, LanguageSource::Host};
  if (const LocaleData* l = find_locale(person_)) return {l, LanguageSource::Person};
  if (const LocaleData* l = first_match(browser_)) return {l, LanguageSource::Browser};
  return {&english_locale(), LanguageSource::Default};
}

}  // namespace roster::store
