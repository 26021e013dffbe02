// Test support: runs SQL on a database file, to set up states that no API call can make (a user left
// pointing at an organization that is gone), and holds its write lock from outside the server.
#pragma once

#include <string>
#include <vector>

struct sqlite3;

namespace roster::test {

// Runs `sql` (several statements allowed) on the database at `path`; returns SQLite's message on
// failure, "" on success.
std::string run_sql(const std::string& path, const std::string& sql);
// The rows of a query (each column as text, NULL as ""), for checking what the server wrote.
std::vector<std::vector<std::string>> query_rows(const std::string& path, const std::string& sql);

// Holds the database's write lock (BEGIN IMMEDIATE on a connection of its own) from construction
// until release() or destruction: the server's writes wait for it (up to its busy timeout, 5 s) and
// then fail. Reads go on (WAL). `ok()` is false when the lock could not be taken.
class HeldWriteLock {
 public:
  explicit HeldWriteLock(const std::string& path);
  ~HeldWriteLock() { release(); }
  HeldWriteLock(const HeldWriteLock&) = delete;
  HeldWriteLock& operator=(const HeldWriteLock&) = delete;
  bool ok() const { return held_; }
  void release();

 private:
  sqlite3* db_ = nullptr;
  bool held_ = false;
};

}  // namespace roster::test
