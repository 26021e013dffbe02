// Field and parameter rules of the Platform API contract. Each check returns an empty string when the
// value is fine, else a sentence a person can act on. Used by the server to reject requests and by the
// console to show errors under form fields before sending.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace roster {

constexpr std::size_t kMaxNameLength = 50;
constexpr std::size_t kMaxNickNameLength = 50;
constexpr std::size_t kMaxPhoneDigits = 15;
constexpr std::size_t kMaxQueryLength = 255;
constexpr std::size_t kMaxTagsPerUser = 5;
constexpr std::size_t kMaxEmailLength = 254;
constexpr std::int32_t kDefaultPageSize = 50;
constexpr std::int32_t kMaxPageSize = 1000;

std::string validate_name(const std::string& name);
std::string validate_nick_name(const std::string& nick);
std::string validate_phone_number(const std::string& phone);
std::string validate_email(const std::string& email);
std::string validate_query(const std::string& query);
std::string validate_page(std::int64_t page);
std::string validate_page_size(std::int64_t size);
std::string validate_tag_count(std::size_t count);

// Parses a decimal integer query parameter strictly ("12", "-3"); false for "", "1x", overflow.
bool parse_int64(const std::string& text, std::int64_t& out);

}  // namespace roster
