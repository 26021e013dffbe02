// A thin RAII layer over SQLite for roster-server: a connection, prepared statements with typed binds,
// and transactions. Errors are reported through return values and last_error(), never exceptions
// thrown past a request handler.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace roster::server {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, const std::string& sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  const std::string& error() const { return error_; }

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, const std::string& value);
  Statement& bind_null(int index);

  // Steps once; true while a row is available. False at the end or on error (see error()).
  bool step();
  // Steps to completion (for writes); false on error.
  bool run();
  void reset();

  std::int64_t int64(int column) const { return sqlite3_column_int64(stmt_, column); }
  int int32(int column) const { return sqlite3_column_int(stmt_, column); }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  std::string text(int column) const;
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  std::string error_;
};

class Database {
 public:
  // Opens (and with `create`, creates) the file; check ok() and error().
  Database(const std::string& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  bool ok() const { return db_ != nullptr; }
  const std::string& error() const { return error_; }  // the last failure
  sqlite3* handle() const { return db_; }

  bool exec(const std::string& sql);  // several statements, no results
  Statement prepare(const std::string& sql) { return Statement(db_, sql); }
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }

 private:
  sqlite3* db_ = nullptr;
  std::string error_;
};

// A write transaction. BEGIN IMMEDIATE takes SQLite's write lock at the start and waits for it (the
// busy timeout); a deferred transaction would take it only at its first write and then fail at once
// with "database is locked" when another writer got there first. `writers` queues this process's
// writers on a mutex first, in order, instead of in the busy handler's sleeps. Rolls back unless
// commit() succeeded.
class WriteTransaction {
 public:
  WriteTransaction(Database& db, std::mutex& writers);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  bool ok() const { return began_; }
  bool commit();

 private:
  Database& db_;
  std::unique_lock<std::mutex> lock_;
  bool began_ = false, committed_ = false;
};

}  // namespace roster::server
