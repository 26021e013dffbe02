#include "model/password_hash.h"

#include "model/sha256.h"
#include "model/utf8.h"

namespace roster {

std::string blynk_password_hash(const std::string& email, const std::string& password) {
  auto email_digest = sha256(utf8::to_lower(email));
  std::string salted = password;
  salted.append(reinterpret_cast<const char*>(email_digest.data()), email_digest.size());
  auto digest = sha256(salted);
  return base64_encode(std::string(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

}  // namespace roster
