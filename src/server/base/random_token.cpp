#include "server/base/random_token.h"

#include "model/sha256.h"

#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>

namespace roster::server {

std::string random_token(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
    // OpenSSL's generator does not fail on a healthy system; refuse to hand out a weak token.
    std::fprintf(stderr, "roster-server: the random number generator failed\n");
    std::abort();
  }
  return hex_encode(raw);
}

}  // namespace roster::server
