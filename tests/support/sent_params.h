// Reading what a test's console asked the server for: a parameter of the last request sent whose URL
// contains a given part.
#pragma once

#include "fake_transport.h"

#include <string>

namespace roster::test {

// The value of `key` in the last request whose URL contains `part` (as sent: percent-encoded); empty
// when there is no such request or parameter.
inline std::string sent_param(const FakeTransport& t, const std::string& part, const std::string& key) {
  for (auto it = t.sent.rbegin(); it != t.sent.rend(); ++it) {
    const auto& url = it->request.url;
    if (url.find(part) == std::string::npos) continue;
    auto at = url.find("?" + key + "=");
    if (at == std::string::npos) at = url.find("&" + key + "=");
    if (at == std::string::npos) return "";
    at += key.size() + 2;
    auto end = url.find('&', at);
    return url.substr(at, end == std::string::npos ? std::string::npos : end - at);
  }
  return "";
}

}  // namespace roster::test
