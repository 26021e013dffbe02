// SHA-256 and Base64, small and dependency-free so that the same code runs in the server and in the
// browser build (the contract's password hash is computed on both sides).
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace roster {

std::array<std::uint8_t, 32> sha256(const std::string& data);
std::string base64_encode(const std::string& bytes);
// False for characters outside the standard alphabet or bad padding.
bool base64_decode(const std::string& text, std::string& out);
std::string hex_encode(const std::string& bytes);
// The SHA-256 of `data` as 64 lowercase hex digits (how secrets and tokens are stored).
std::string sha256_hex(const std::string& data);

}  // namespace roster
