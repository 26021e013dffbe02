#include "platform/kiosk_scale.h"

#include <nlohmann/json.hpp>

namespace roster::platform {

float kiosk_type_scale(const std::string& kiosk_options_json) {
  auto j = nlohmann::json::parse(kiosk_options_json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return kDefaultKioskScale;
  auto it = j.find("scale");
  if (it == j.end() || !it->is_number()) return kDefaultKioskScale;
  const double v = it->get<double>();
  return v >= 1.0 && v <= 3.0 ? static_cast<float>(v) : kDefaultKioskScale;
}

}  // namespace roster::platform
