// RFC 3986 percent-encoding of everything but the unreserved characters: safe in a query string and
// in a form body (the proxy's forwarded queries and its token request).
#pragma once

#include <string>

namespace roster::server {

std::string percent_encode(const std::string& s);

}  // namespace roster::server
