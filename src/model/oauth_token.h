// The OAuth2 token response: {access_token, token_type, expires_in, refresh_token|null}.
// Clients must honour expires_in (24 h on the public cloud, 300 s in older docs), never a constant.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace roster {

struct OAuthToken {
  std::string access_token;
  std::string token_type = "Bearer";
  std::int64_t expires_in = 0;  // seconds
  std::optional<std::string> refresh_token;
};

nlohmann::json encode(const OAuthToken& token);
bool decode(const nlohmann::json& v, OAuthToken& out, std::string& error);

}  // namespace roster
