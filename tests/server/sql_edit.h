// Test support: runs SQL on a database file, to set up states that no API call can make (a user left
// pointing at an organization that is gone).
#pragma once

#include <string>
#include <vector>

namespace roster::test {

// Runs `sql` (several statements allowed) on the database at `path`; returns SQLite's message on
// failure, "" on success.
std::string run_sql(const std::string& path, const std::string& sql);
// The rows of a query (each column as text, NULL as ""), for checking what the server wrote.
std::vector<std::vector<std::string>> query_rows(const std::string& path, const std::string& sql);

}  // namespace roster::test
