// Kiosk mode drawn headlessly: no controls that change data or the session (search, filters, person
// menu), the rotation's indicator, a touch that pauses it, the offline banner over rows that stay,
// and the operator's full-screen message when the token is refused.
#include "harness.h"

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
