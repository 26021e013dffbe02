// Kiosk mode drawn headlessly: no controls that change data or the session (search, filters, person
// menu), the rotation's indicator, a touch that pauses it, the offline banner over rows that stay,
// and the operator's full-screen message when the token is refused.
#include "clipped_text_probe.h"
#include "harness.h"

#include "model/locale/locale.h"
#include "model/time_format.h"
#include "platform/kiosk_scale.h"

#include <doctest/doctest.h>

using namespace roster;
using roster::test::Harness;

TEST_CASE("kiosk: read-only shell, a touch pauses rotation, offline banner over the rows, operator message") {
  Harness h;
  h.client.set_max_attempts(1);
  h.kiosk = true;
  store::KioskConfig c;
  c.routes = {store::parse_route("#/users"), store::parse_route("#/devices")};
  c.refresh_ms = 5'000;
  c.rotate_ms = 60'000;
  h.store.start_kiosk(c, h.now);
  h.frames(3);
  CHECK(h.layout.rects.count("row.0.name") == 1);
  CHECK(h.layout.rects.count("kiosk.caption") == 1);
  CHECK(h.layout.rects.count("kiosk.rotation") == 1);
  CHECK(h.layout.rects.count("search") == 0);
  CHECK(h.layout.rects.count("preset.all") == 0);
  CHECK(h.layout.rects.count("menu.me") == 0);
  CHECK(h.layout.rects.count("nav.users") == 0);

  h.click("kiosk.caption");
  REQUIRE(h.store.kiosk());
  CHECK(h.store.kiosk()->paused);

  // The next refresh finds the server gone: the banner says so, the rows stay, no Retry button.
  h.now += 5'000;
  h.frames(1);
  REQUIRE(h.transport.respond("size=100", 0, ""));
  h.frames(3);
  CHECK(h.store.kiosk()->offline_since >= 0);
  CHECK(h.layout.rects.count("kiosk.offline") == 1);
  CHECK(h.layout.rects.count("row.0.name") == 1);
  CHECK(h.layout.rects.count("retry") == 0);

  // The token is revoked: the operator's message replaces everything.
  h.now = h.store.kiosk()->next_try_at;
  h.frames(1);
  REQUIRE(h.transport.respond("size=100", 401, R"({"error":{"message":"This kiosk token (#1) was revoked."}})"));
  h.frames(3);
  CHECK(h.layout.rects.count("kiosk.refused") == 1);
  CHECK(h.layout.rects.count("row.0.name") == 0);
}

// A kiosk cannot be hovered, so a date cut to "23:48 Nov 21, 20…" has lost its year for good: at
// 1920×1080 with the kiosk's larger type the date columns are as wide as their whole text, in English
// and in Ukrainian (whose month names run longer). Nor is a tag chip cut at the column's edge: what
// does not fit is "+N".
TEST_CASE(
    "kiosk at 1920x1080: the registration and last login dates are drawn whole, in English and Ukrainian; no tag chip "
    "cut") {
  const std::int64_t registered = 1'763'768'880'000;  // 23:48 Nov 21, 2025 UTC: a year before the harness's now
  const std::int64_t signed_in = 1'757'000'000'000;   // September 2025
  for (const char* language : {"en", "uk"}) {
    INFO(std::string(language));
    Harness h("#/orgs");  // the kiosk's list is asked for when it starts
    ui::build_theme(h.theme, platform::kDefaultKioskScale, false, ROSTER_FONT_DIR);
    unsigned char* pixels;
    int w, hgt;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &hgt);
    ImGui::GetIO().DisplaySize = ImVec2(1920, 1080);
    h.store.choose_language(language);
    h.kiosk = true;
    store::KioskConfig c;
    c.routes = {store::parse_route("#/users")};
    h.store.start_kiosk(c, h.now);
    h.frames(1);
    nlohmann::json content = nlohmann::json::array();
    for (int i = 0; i < 20; ++i)
      content.push_back({{"id", i + 1},
                         {"name", "Олена Коваль " + std::to_string(i)},
                         {"email", "olena.koval" + std::to_string(i) + "@example.com"},
                         {"roleId", 3},
                         {"orgId", 1},
                         {"orgName", "Roster Demo Corp"},
                         {"status", "Active"},
                         {"city", "Kyiv"},
                         {"country", "Ukraine"},
                         {"devicesCount", 2},
                         {"registeredAt", registered},
                         {"lastLoggedAt", signed_in},
                         {"tags",
                          {{{"id", 1}, {"name", "Beta tester"}},
                           {{"id", 2}, {"name", "Installer"}},
                           {{"id", 3}, {"name", "Reseller"}},
                           {{"id", 4}, {"name", "Support"}}}}});
    REQUIRE(h.transport.respond("size=100", 200, nlohmann::json{{"content", content}, {"totalElements", 20}}.dump()));
    test::ClippedTextProbe probe;
    h.frames(3);
    const std::string registered_text = format_console_time(registered, h.now, 0);
    CHECK(registered_text.find("2025") != std::string::npos);
    CHECK(probe.drew(registered_text));
    CHECK(probe.drew(format_console_time(signed_in, h.now, 0)));
    CHECK_MESSAGE(probe.found().empty(), probe.describe());
    set_current_locale(english_locale());
  }
}
