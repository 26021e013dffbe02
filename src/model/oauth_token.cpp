#include "model/oauth_token.h"

#include "model/json_read.h"

namespace roster {

nlohmann::json encode(const OAuthToken& t) {
  nlohmann::json j = {{"access_token", t.access_token}, {"token_type", t.token_type}, {"expires_in", t.expires_in}};
  j["refresh_token"] = t.refresh_token ? nlohmann::json(*t.refresh_token) : nlohmann::json(nullptr);
  return j;
}

bool decode(const nlohmann::json& v, OAuthToken& out, std::string& error) {
  OAuthToken t;
  json_read::FieldReader r(v, error, "token response");
  r.required("access_token", t.access_token)
      .optional("token_type", t.token_type)
      .required("expires_in", t.expires_in)
      .optional("refresh_token", t.refresh_token);
  if (!r.ok()) return false;
  if (t.access_token.empty()) {
    error = "field 'access_token' is empty";
    return false;
  }
  if (t.expires_in <= 0) {
    error = "field 'expires_in' must be positive";
    return false;
  }
  out = std::move(t);
  return true;
}

}  // namespace roster
