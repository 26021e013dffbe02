// Small UTF-8 helpers for validation and display: decoding code points, counting characters and a
// letter test covering the scripts Roster's users write names in. No locale, no ICU.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace roster::utf8 {

// Decodes `text`; false for malformed UTF-8 (overlong forms, surrogates, truncated sequences).
bool decode(const std::string& text, std::vector<char32_t>& out);
std::size_t count_code_points(const std::string& text);  // counts bytes not starting a sequence out
void append(std::string& out, char32_t cp);

// Letters of Latin (with accents), Greek, Cyrillic, Armenian, Hebrew, Arabic, Indic, CJK, Kana and
// Hangul, plus combining marks (decomposed accents). Broad enough for names, cheap, no tables.
bool is_letter(char32_t cp);
bool is_digit(char32_t cp);

// Lower case for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic: what search folding needs.
char32_t to_lower(char32_t cp);
std::string to_lower(const std::string& text);
// Upper case for the same ranges (initials on avatars).
char32_t to_upper(char32_t cp);

}  // namespace roster::utf8
