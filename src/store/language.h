// Which language the console speaks, and why: a choice in the person menu, else the host page's
// `locale` option (Roster.mount, the kiosk page's locale=), else the signed-in person's own locale
// (their user record says it: "uk_UA"), else the browser's languages in its order, else English.
// Each source that names no shipped language is passed over.
#pragma once

#include "model/locale/locale.h"

#include <string>
#include <vector>

namespace roster::store {

enum class LanguageSource { Menu, Host, Person, Browser, Default };
const char* language_source_key(LanguageSource source);  // "menu", "host", "person", "browser", "default"

class LanguageChoice {
 public:
  void set_host(std::string tag) { host_ = std::move(tag); }
  void set_browser(std::vector<std::string> tags) { browser_ = std::move(tags); }
  void set_person(std::string tag) { person_ = std::move(tag); }
  void set_menu(std::string tag) { menu_ = std::move(tag); }

  const LocaleData& locale() const { return *resolve().locale; }
  LanguageSource source() const { return resolve().source; }

 private:
  struct Resolved {
    const LocaleData* locale;
    LanguageSource source;
  };
  // The first source, in priority order, that names a shipped language.
  Resolved resolve() const;

  std::string menu_, host_, person_;
  std::vector<std::string> browser_;
};

}  // namespace roster::store
