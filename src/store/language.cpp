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

LanguageSource LanguageChoice::source() const {
  if (find_locale(menu_)) return LanguageSource::Menu;
  if (find_locale(host_)) return LanguageSource::Host;
  if (find_locale(person_)) return LanguageSource::Person;
  if (first_match(browser_)) return LanguageSource::Browser;
  return LanguageSource::Default;
}

const LocaleData& LanguageChoice::locale() const {
  switch (source()) {
    case LanguageSource::Menu: return *find_locale(menu_);
    case LanguageSource::Host: return *find_locale(host_);
    case LanguageSource::Person: return *find_locale(person_);
    case LanguageSource::Browser: return *first_match(browser_);
    case LanguageSource::Default: break;
  }
  return english_locale();
}

}  // namespace roster::store
