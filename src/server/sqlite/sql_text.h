// Small pieces of SQL shared by the repositories: id lists, which are only ever integers, and lists
// of bound values for statements whose conditions are built from a filter. Every string goes in as
// a bound parameter, never as text.
#pragma once

#include "server/sqlite/sqlite_db.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace roster::server {

// "1,2,3" for an IN (...) list of ids.
template <class T>
std::string id_list(const std::vector<T>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out;
}

// The values for a statement's ?s, in order.
using Bind = std::variant<std::int64_t, std::string>;

// Binds them from the first parameter on; returns the index of the next one.
inline int bind_all(Statement& st, const std::vector<Bind>& binds) {
  int i = 1;
  for (const auto& b : binds) {
    if (std::holds_alternative<std::int64_t>(b))
      st.bind(i++, std::get<std::int64_t>(b));
    else
      st.bind(i++, std::get<std::string>(b));
  }
  return i;
}

}  // namespace roster::server
