// Secrets the server hands out (session ids, OAuth tokens, kiosk tokens): hex text from OpenSSL's
// CSPRNG.
#pragma once

#include <cstddef>
#include <string>

namespace roster::server {

std::string random_token(std::size_t bytes);  // 2 * bytes hex digits

}  // namespace roster::server
