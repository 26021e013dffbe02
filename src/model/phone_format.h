// International phone numbers shown grouped, as people write them: "+380 44 123 4567". The country
// code is found by the ITU's prefix-free plan (1, 7; the two-digit codes; otherwise three digits);
// the national part is grouped from the right in fours and threes.
#pragma once

#include <string>

namespace roster {

// "+380441234567" -> "+380 44 123 4567". Text that is not '+' and 1-15 digits comes back as it was.
std::string format_phone(const std::string& phone);

}  // namespace roster
