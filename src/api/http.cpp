#include "api/http.h"

namespace roster::api {

std::string HttpResponse::header(const std::string& name) const {
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return s;
  };
  for (const auto& [k, v] : headers)
    if (lower(k) == lower(name)) return v;
  return {};
}

}  // namespace roster::api
