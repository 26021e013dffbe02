#include "model/phone_format.h"

#include <cstring>

namespace roster {

namespace {

// Two-digit country codes of the ITU plan (E.164); 1 and 7 are the one-digit ones, the rest three.
bool two_digit_code(const std::string& d) {
  static const char* const kCodes[] = {"20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41",
                                       "43", "44", "45", "46", "47", "48", "49", "51", "52", "53", "54",
                                       "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66",
                                       "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98"};
  for (const char* c : kCodes)
    if (d.compare(0, 2, c) == 0) return true;
  return false;
}

// Common national lengths: 7 = 3-4, 8 = 4-4, 9 = 2-3-4, 10 = 3-3-4, 11 = 3-4-4; longer ones in
// threes from the left with a last group of four.
std::string group_national(const std::string& n) {
  if (n.size() <= 4) return n;
  if (n.size() == 8) return n.substr(0, 4) + " " + n.substr(4);
  if (n.size() == 9) return n.substr(0, 2) + " " + n.substr(2, 3) + " " + n.substr(5);
  if (n.size() == 11) return n.substr(0, 3) + " " + n.substr(3, 4) + " " + n.substr(7);
  std::string out;
  std::size_t head = n.size() - 4;  // the last four stay together
  std::size_t first = head % 3 == 0 ? 3 : head % 3;
  out = n.substr(0, first);
  for (std::size_t i = first; i < head; i += 3) out += " " + n.substr(i, 3);
  return out + " " + n.substr(head);
}

}  // namespace

std::string format_phone(const std::string& phone) {
  if (phone.size() < 2 || phone[0] != '+' || phone.size() > 16) return phone;
  std::string digits = phone.substr(1);
  for (char c : digits)
    if (c < '0' || c > '9') return phone;
  std::size_t cc = digits[0] == '1' || digits[0] == '7' ? 1 : two_digit_code(digits) ? 2 : 3;
  if (digits.size() <= cc) return phone;
  return "+" + digits.substr(0, cc) + " " + group_national(digits.substr(cc));
}

}  // namespace roster
