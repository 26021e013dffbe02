// Kiosk mode's larger type, for reading from a distance: a presentation setting the platform applies
// to the whole theme (type, and spacing with it). Read here from the host page's kiosk options, beside
// the timing the store reads from the same options (store/kiosk.h), since nothing in the store uses it.
#pragma once

#include <string>

namespace roster::platform {

constexpr float kDefaultKioskScale = 1.35f;

// The `scale` of the kiosk options' JSON ({..., scale: 1.5}); missing, mistyped or outside 1..3: the
// default.
float kiosk_type_scale(const std::string& kiosk_options_json);

}  // namespace roster::platform
