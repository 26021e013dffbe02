// Which language the console speaks: the host's option, else the signed-in person's locale, else the
// browser's languages, else English; a choice in the person menu over all of them, at once and
// without touching the screen's query; state() and a `locale` event say which is in force and why.
#include "api/api_client.h"
#include "fake_transport.h"
#include "model/locale/messages.h"
#include "store/route.h"
#include "store/state_report.h"
#include "store/store.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace roster;
using roster::test::FakeTransport;

namespace {

std::string session_with_locale(const char* locale) {
  return nlohmann::json{
      {"user", {{"id", 1}, {"name", "Ann"}, {"email", "a@b.c"}, {"roleId", 1}, {"orgId", 1}, {"locale", locale}}}}
      .dump();
}

std::vector<nlohmann::json> locale_events(store::Store& s) {
  std::vector<nlohmann::json> out;
  for (auto& e : s.take_events())
    if (e.name == "locale") out.push_back(nlohmann::json::parse(e.json));
  return out;
}

struct Console {
  FakeTransport t;
  api::ApiClient http{t, ""};
  api::PlatformClient client{http};
  store::Store s{client};
  ~Console() { set_current_locale(english_locale()); }
  void sign_in(const char* locale) {
    s.start(store::parse_route("#/users?q=ann"), true, 0);
    t.respond("/api/session", 200, session_with_locale(locale));
    s.tick(10);
    REQUIRE(s.session().has_value());
  }
};

}  // namespace

TEST_CASE("language: the signed-in person's locale over the browser's, English without either") {
  {
    Console c;
    CHECK(std::string(current_locale().tag) == "en");
    c.s.set_language_preferences("", {"de-DE", "en-US"});
    CHECK(std::string(current_locale().tag) == "de");
    c.sign_in("uk_UA");
    CHECK(std::string(current_locale().tag) == "uk");
    auto state = store::state_report(c.s, 0, 0);
    CHECK(state["locale"] == "uk");
    CHECK(state["localeSource"] == "person");
    auto events = locale_events(c.s);
    REQUIRE(events.size() == 2);  // de from the browser, then uk from the person
    CHECK(events[1]["locale"] == "uk");
    CHECK(tr_count(Msg::count_users, 5) == "5 користувачів");
  }
  {
    Console c;
    c.s.set_language_preferences("", {"el-GR", "pl"});  // nothing shipped: the person's Greek neither
    c.sign_in("el_GR");
    CHECK(std::string(current_locale().tag) == "en");
    CHECK(store::state_report(c.s, 0, 0)["localeSource"] == "default");
  }
}

TEST_CASE("language: the host's option wins over the person; the menu over both, keeping the query") {
  Console c;
  c.s.set_language_preferences("de", {"uk"});
  c.sign_in("uk_UA");
  CHECK(std::string(current_locale().tag) == "de");
  CHECK(store::state_report(c.s, 0, 0)["localeSource"] == "host");
  c.s.take_changed();
  c.s.apply(store::Intent{store::intent::ChooseLanguage{"uk"}}, 20);
  CHECK(c.s.take_changed());  // redrawn at once
  CHECK(std::string(current_locale().tag) == "uk");
  auto state = store::state_report(c.s, 0, 0);
  CHECK(state["localeSource"] == "menu");
  CHECK(state["query"] == "ann");
  CHECK(state["route"] == "#/users?q=ann");
  c.s.apply(store::Intent{store::intent::ChooseLanguage{"xx"}}, 30);  // not shipped: nothing changes
  CHECK(std::string(current_locale().tag) == "uk");
}
