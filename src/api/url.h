// Building Platform API URLs: percent-encoding and query strings with repeated keys.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace roster::api {

std::string percent_encode(const std::string& text);
// Decodes %XX and '+' (as a space); malformed escapes are kept as they are.
std::string percent_decode(const std::string& text);

class Query {
 public:
  Query& add(const std::string& key, const std::string& value);
  Query& add(const std::string& key, long long value) { return add(key, std::to_string(value)); }
  std::string build(const std::string& path) const;  // "path?k=v&k2=v2"

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

}  // namespace roster::api
