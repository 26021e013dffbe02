#include "model/validation.h"

#include "model/locale/messages.h"
#include "model/utf8.h"

#include <cerrno>
#include <cstdlib>

namespace roster {

namespace {

bool decode_or(const std::string& text, std::vector<char32_t>& cps) { return utf8::decode(text, cps); }

}  // namespace

std::string validate_name(const std::string& name) {
  std::vector<char32_t> cps;
  if (!decode_or(name, cps)) return tr(Msg::valid_name_utf8);
  if (cps.empty()) return tr(Msg::valid_name_required);
  if (cps.size() > kMaxNameLength)
    return tr(Msg::valid_name_length, {{"max", static_cast<std::int64_t>(kMaxNameLength)}});
  bool has_letter = false;
  for (char32_t c : cps) {
    if (utf8::is_letter(c)) {
      has_letter = true;
      continue;
    }
    if (c == ' ' || c == '.' || c == '-' || c == '\'' || c == 0x2019) continue;
    return tr(Msg::valid_name_chars);
  }
  if (!has_letter) return tr(Msg::valid_name_letter);
  return {};
}

std::string validate_nick_name(const std::string& nick) {
  std::vector<char32_t> cps;
  if (!decode_or(nick, cps)) return tr(Msg::valid_nick_utf8);
  if (cps.size() > kMaxNickNameLength)
    return tr(Msg::valid_nick_length, {{"max", static_cast<std::int64_t>(kMaxNickNameLength)}});
  for (char32_t c : cps)
    if (!utf8::is_letter(c) && !utf8::is_digit(c) && c != '-' && c != ' ') return tr(Msg::valid_nick_chars);
  return {};
}

std::string validate_phone_number(const std::string& phone) {
  if (phone.empty()) return {};  // the field is optional
  if (phone[0] != '+') return tr(Msg::valid_phone_plus);
  std::size_t digits = 0;
  for (std::size_t i = 1; i < phone.size(); ++i) {
    if (phone[i] < '0' || phone[i] > '9') return tr(Msg::valid_phone_digits);
    ++digits;
  }
  if (digits < 4) return tr(Msg::valid_phone_short);
  if (digits > kMaxPhoneDigits) return tr(Msg::valid_phone_long, {{"max", static_cast<std::int64_t>(kMaxPhoneDigits)}});
  return {};
}

std::string validate_email(const std::string& email) {
  if (email.empty()) return tr(Msg::valid_email_required);
  if (email.size() > kMaxEmailLength)
    return tr(Msg::valid_email_length, {{"max", static_cast<std::int64_t>(kMaxEmailLength)}});
  auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos)
    return tr(Msg::valid_email_shape);
  auto domain = email.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string::npos || dot == 0 || domain.back() == '.') return tr(Msg::valid_email_shape);
  for (unsigned char c : email)
    if (c <= ' ' || c == 0x7F) return tr(Msg::valid_email_spaces);
  return {};
}

std::string validate_query(const std::string& query) {
  std::vector<char32_t> cps;
  if (!decode_or(query, cps)) return tr(Msg::valid_query_utf8);
  if (cps.empty()) return tr(Msg::valid_query_required);
  if (cps.size() > kMaxQueryLength)
    return tr(Msg::valid_query_length, {{"max", static_cast<std::int64_t>(kMaxQueryLength)}});
  // Control characters match nothing a person can type, and a NUL would cut the text short inside
  // SQLite's full-text query parser.
  for (char32_t c : cps)
    if (c < 0x20 || c == 0x7F) return tr(Msg::valid_query_control);
  return {};
}

// page and size are the API's parameters, which the console always sends well formed: their words are
// for the developer calling the API and stay English, like the rest of the server's reference.
std::string validate_page(std::int64_t page) {
  if (page < 0) return "page must be 0 or more.";
  return {};
}

std::string validate_page_size(std::int64_t size) {
  if (size < 1 || size > kMaxPageSize) return "size must be between 1 and 1000.";
  return {};
}

std::string validate_tag_count(std::size_t count) {
  if (count > kMaxTagsPerUser) return tr(Msg::valid_tag_count, {{"max", static_cast<std::int64_t>(kMaxTagsPerUser)}});
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
