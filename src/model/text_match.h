// Where a search text occurs in a shown text, case-folded the way the server's search folds it
// (Latin, Greek and Cyrillic): the byte range to highlight. Computed once per row when its page
// arrives, not per cell per frame.
#pragma once

#include <cstdint>
#include <string>

namespace roster {

struct TextMatch {
  std::uint32_t begin = 0, end = 0;  // byte offsets into the text; begin == end: no match
  bool found() const { return end > begin; }
};

// The first case-insensitive occurrence of `query` in `text`; none for an empty query or bad UTF-8.
TextMatch find_match(const std::string& text, const std::string& query);

}  // namespace roster
