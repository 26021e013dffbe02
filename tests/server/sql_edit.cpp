// Runs one SQL script on a database file with SQLite's own API (see sql_edit.h).
#include "sql_edit.h"

#include <sqlite3.h>

namespace roster::test {

std::string run_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string error;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    error = "cannot open " + path;
  } else {
    sqlite3_busy_timeout(db, 5000);  // the server under test may hold the write lock a moment
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK)
      error = message ? message : "the SQL failed";
    sqlite3_free(message);
  }
  sqlite3_close(db);
  return error;
}

HeldWriteLock::HeldWriteLock(const std::string& path) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) return;
  sqlite3_busy_timeout(db_, 5000);
  held_ = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
}

void HeldWriteLock::release() {
  if (held_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  held_ = false;
  if (db_) sqlite3_close(db_);
  db_ = nullptr;
}

std::vector<std::vector<std::string>> query_rows(const std::string& path, const std::string& sql) {
  std::vector<std::vector<std::string>> rows;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW) {
        std::vector<std::string> row;
        for (int i = 0; i < sqlite3_column_count(st); ++i) {
          const auto* text = sqlite3_column_text(st, i);
          row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
        }
        rows.push_back(std::move(row));
      }
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return rows;
}

}  // namespace roster::test
