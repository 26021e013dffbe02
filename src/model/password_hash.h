// The Platform API's password hash for "create user" calls and Roster's sign-in check:
// base64( SHA256( utf8(password) + SHA256(utf8(lowercase(email))) ) ), the second part raw bytes.
#pragma once

#include <string>

namespace roster {

std::string blynk_password_hash(const std::string& email, const std::string& password);

}  // namespace roster
