// The only calls the proxy forwards: the public Platform API calls the console makes (contract
// sections 3 to 5), each by method, path and the parameters it may carry, with the operator
// permission it needs. Anything else (another path, another method, an unknown parameter, the
// extensions of section 6, /oauth2/token) is answered 404 by the proxy itself and never reaches the
// upstream: the proxy's bearer token can do more than the console needs, and must not be lent out.
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

namespace roster::server::proxy {

struct AllowedCall {
  std::string method;
  std::string path;
  std::vector<std::string> params;
  std::string permission;         // see operator_roles.h
  std::string cache_by;           // its id when its answers are cached (keyed by all its parameters)
  std::string drops_cached_user;  // a write: the userId whose cached "Get user info" it makes stale
};
// drops_cached_user for a write whose user is the JSON body's "userId" rather than a parameter.
inline const char* const kUserIdInBody = "body:userId";

const std::vector<AllowedCall>& allowed_calls();
// The entry `req` matches (method, path, every parameter named and none twice), or nullptr.
const AllowedCall* find_allowed_call(const httplib::Request& req);
// The request's query rebuilt from its decoded parameters (what is forwarded: no raw bytes of the
// browser's query string reach the upstream).
std::string encoded_query(const httplib::Request& req);

}  // namespace roster::server::proxy
