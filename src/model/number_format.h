// Counts as people read them: "1,000,000". One spelling for the console's words and the server's
// (its actions log entries say "Added the tag … to 1,204 users").
#pragma once

#include <cstdint>
#include <string>

namespace roster {

std::string group_digits(std::int64_t n);

}  // namespace roster
