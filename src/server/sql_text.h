// Small pieces of SQL text shared by the repositories. Only for integers: every string goes in as a
// bound parameter, never as text.
#pragma once

#include <string>
#include <vector>

namespace roster::server {

// "1,2,3" for an IN (...) list of ids.
template <class T>
std::string id_list(const std::vector<T>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out;
}

}  // namespace roster::server
