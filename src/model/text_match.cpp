#include "model/text_match.h"

#include "model/utf8.h"

#include <vector>

namespace roster {

TextMatch find_match(const std::string& text, const std::string& query) {
  if (query.empty()) return {};
  std::vector<char32_t> t, q;
  if (!utf8::decode(text, t) || !utf8::decode(query, q) || q.size() > t.size()) return {};
  for (auto& c : t) c = utf8::to_lower(c);
  for (auto& c : q) c = utf8::to_lower(c);
  for (std::size_t i = 0; i + q.size() <= t.size(); ++i) {
    std::size_t k = 0;
    while (k < q.size() && t[i + k] == q[k]) ++k;
    if (k != q.size()) continue;
    // Code point index -> byte offset in the original text (folding keeps one code point per code point).
    std::size_t cp = 0, begin = text.size(), end = text.size();
    for (std::size_t b = 0; b <= text.size(); ++b) {
      if (b < text.size() && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) continue;
      if (cp == i) begin = b;
      if (cp == i + q.size()) {
        end = b;
        break;
      }
      ++cp;
    }
    return {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
  }
  return {};
}

}  // namespace roster
