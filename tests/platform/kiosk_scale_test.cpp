#include "platform/kiosk_scale.h"

#include <doctest/doctest.h>

using roster::platform::kDefaultKioskScale;
using roster::platform::kiosk_type_scale;

TEST_CASE("the kiosk's type scale is read from the host page's options, within 1..3") {
  CHECK(kiosk_type_scale(R"({"scale":1.5,"rotateSeconds":30})") == doctest::Approx(1.5));
  CHECK(kiosk_type_scale(R"({"scale":1})") == doctest::Approx(1.0));
  CHECK(kiosk_type_scale(R"({"scale":3})") == doctest::Approx(3.0));
  CHECK(kiosk_type_scale(R"({"rotateSeconds":30})") == doctest::Approx(kDefaultKioskScale));  // missing
  CHECK(kiosk_type_scale(R"({"scale":"2"})") == doctest::Approx(kDefaultKioskScale));         // mistyped
  CHECK(kiosk_type_scale(R"({"scale":0.5})") == doctest::Approx(kDefaultKioskScale));         // out of range
  CHECK(kiosk_type_scale(R"({"scale":4})") == doctest::Approx(kDefaultKioskScale));
  CHECK(kiosk_type_scale("") == doctest::Approx(kDefaultKioskScale));  // no options at all
  CHECK(kiosk_type_scale("[1.5]") == doctest::Approx(kDefaultKioskScale));
}
