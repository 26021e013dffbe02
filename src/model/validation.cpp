#include "model/validation.h"

#include "model/utf8.h"

#include <cerrno>
#include <cstdlib>

namespace roster {

namespace {

bool decode_or(const std::string& text, std::vector<char32_t>& cps) { return utf8::decode(text, cps); }

}  // namespace

std::string validate_name(const std::string& name) {
  std::vector<char32_t> cps;
  if (!decode_or(name, cps)) return "Name is not valid UTF-8 text.";
  if (cps.empty()) return "Name is required.";
  if (cps.size() > kMaxNameLength) return "Name must be at most 50 characters.";
  bool has_letter = false;
  for (char32_t c : cps) {
    if (utf8::is_letter(c)) {
      has_letter = true;
      continue;
    }
    if (c == ' ' || c == '.' || c == '-' || c == '\'' || c == 0x2019) continue;
    return "Name may contain only letters, spaces, dots, hyphens and apostrophes.";
  }
  if (!has_letter) return "Name must contain a letter.";
  return {};
}

std::string validate_nick_name(const std::string& nick) {
  std::vector<char32_t> cps;
  if (!decode_or(nick, cps)) return "Nickname is not valid UTF-8 text.";
  if (cps.size() > kMaxNickNameLength) return "Nickname must be at most 50 characters.";
  for (char32_t c : cps)
    if (!utf8::is_letter(c) && !utf8::is_digit(c) && c != '-' && c != ' ')
      return "Nickname may contain only letters, digits, hyphens and spaces.";
  return {};
}

std::string validate_phone_number(const std::string& phone) {
  if (phone.empty()) return {};  // the field is optional
  if (phone[0] != '+') return "Phone number must start with + and the country code.";
  std::size_t digits = 0;
  for (std::size_t i = 1; i < phone.size(); ++i) {
    if (phone[i] < '0' || phone[i] > '9') return "Phone number may contain only digits after the +.";
    ++digits;
  }
  if (digits < 4) return "Phone number is too short.";
  if (digits > kMaxPhoneDigits) return "Phone number must have at most 15 digits.";
  return {};
}

std::string validate_email(const std::string& email) {
  if (email.empty()) return "Email is required.";
  if (email.size() > kMaxEmailLength) return "Email must be at most 254 characters.";
  auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos)
    return "Email must look like name@example.com.";
  auto domain = email.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string::npos || dot == 0 || domain.back() == '.') return "Email must look like name@example.com.";
  for (unsigned char c : email)
    if (c <= ' ' || c == 0x7F) return "Email must not contain spaces or control characters.";
  return {};
}

std::string validate_query(const std::string& query) {
  std::vector<char32_t> cps;
  if (!decode_or(query, cps)) return "Query is not valid UTF-8 text.";
  if (cps.empty()) return "Query is required.";
  if (cps.size() > kMaxQueryLength) return "Query must be at most 255 characters.";
  // Control characters match nothing a person can type, and a NUL would cut the text short inside
  // SQLite's full-text query parser.
  for (char32_t c : cps)
    if (c < 0x20 || c == 0x7F) return "Query must not contain control characters.";
  return {};
}

std::string validate_page(std::int64_t page) {
  if (page < 0) return "page must be 0 or more.";
  return {};
}

std::string validate_page_size(std::int64_t size) {
  if (size < 1 || size > kMaxPageSize) return "size must be between 1 and 1000.";
  return {};
}

std::string validate_tag_count(std::size_t count) {
  if (count > kMaxTagsPerUser) return "A user can have at most 5 tags.";
  return {};
}

bool parse_int64(const std::string& text, std::int64_t& out) {
  if (text.empty() || text.size() > 20) return false;
  std::size_t i = (text[0] == '-') ? 1 : 0;
  if (i == text.size()) return false;
  for (std::size_t k = i; k < text.size(); ++k)
    if (text[k] < '0' || text[k] > '9') return false;
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno == ERANGE || *end != '\0') return false;
  out = v;
  return true;
}

}  // namespace roster
