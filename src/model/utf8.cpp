#include "model/utf8.h"

namespace roster::utf8 {

bool decode(const std::string& text, std::vector<char32_t>& out) {
  out.clear();
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size(), i = 0;
  while (i < n) {
    unsigned char c = s[i];
    char32_t cp;
    int extra;
    if (c < 0x80) {
      cp = c;
      extra = 0;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      extra = 2;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      extra = 3;
    } else
      return false;
    if (i + static_cast<std::size_t>(extra) >= n && extra > 0) return false;  // truncated sequence
    for (int k = 1; k <= extra; ++k) {
      unsigned char cc = s[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static const char32_t kMin[4] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    out.push_back(cp);
    i += 1 + extra;
  }
  return true;
}

std::size_t count_code_points(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_letter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;                   // Latin-1 letters, Latin Extended-A/B
  if (c >= 0x250 && c <= 0x2AF) return true;                                    // IPA extensions
  if (c >= 0x300 && c <= 0x36F) return true;                                    // combining diacritical marks
  if (c >= 0x370 && c <= 0x3FF) return c != 0x37E && c != 0x387 && c != 0x375;  // Greek
  if (c >= 0x400 && c <= 0x52F) return !(c >= 0x482 && c <= 0x489);             // Cyrillic
  if (c >= 0x531 && c <= 0x587) return true;                                    // Armenian
  if (c >= 0x5D0 && c <= 0x5EA) return true;                                    // Hebrew
  if (c >= 0x620 && c <= 0x64A) return true;                                    // Arabic
  if (c >= 0x900 && c <= 0xDFF) return true;                                    // Indic scripts
  if (c >= 0x10A0 && c <= 0x10FF) return true;                                  // Georgian
  if (c >= 0x1E00 && c <= 0x1FFF) return true;  // Latin Extended Additional, Greek Extended
  if (c >= 0x3040 && c <= 0x30FF) return true;  // Hiragana, Katakana
  if (c >= 0x4E00 && c <= 0x9FFF) return true;  // CJK
  if (c >= 0xAC00 && c <= 0xD7A3) return true;  // Hangul
  return false;
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

char32_t to_lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x17F) {
    // Latin Extended-A pairs upper/lower on even/odd code points, shifted by one in two runs.
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 1) ? c + 1 : c;
    if (c == 0x178) return 0xFF;
    if (c <= 0x137 || (c >= 0x14A && c <= 0x177)) return (c % 2 == 0) ? c + 1 : c;
    return c;
  }
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;  // Greek capitals
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  if (c >= 0x410 && c <= 0x42F) return c + 32;                                              // Cyrillic basic
  if (c >= 0x400 && c <= 0x40F) return c + 80;                                              // Ѐ..Џ
  if (c >= 0x460 && c <= 0x52F && c % 2 == 0 && !(c >= 0x482 && c <= 0x489)) return c + 1;  // paired
  return c;
}

char32_t to_upper(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
  if (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2) return c - 32;  // Greek small letters
  if (c == 0x3AC) return 0x386;
  if (c >= 0x3AD && c <= 0x3AF) return c - 37;
  if (c == 0x3CC) return 0x38C;
  if (c == 0x3CD || c == 0x3CE) return c - 63;
  if (c >= 0x430 && c <= 0x44F) return c - 32;  // Cyrillic basic
  if (c >= 0x450 && c <= 0x45F) return c - 80;
  // Latin Extended-A and the Cyrillic pairs: try the lower-case mapping backwards.
  if ((c >= 0x100 && c <= 0x17F) || (c >= 0x460 && c <= 0x52F))
    for (char32_t up : {c - 1, c + 1})
      if (up != c && to_lower(up) == c) return up;
  return c;
}

std::string to_lower(const std::string& text) {
  std::vector<char32_t> cps;
  if (!decode(text, cps)) return text;
  std::string out;
  out.reserve(text.size());
  for (char32_t c : cps) append(out, to_lower(c));
  return out;
}

}  // namespace roster::utf8
