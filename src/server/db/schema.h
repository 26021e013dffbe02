// The SQLite schema of roster-server: tables, their few indexes, and the upgrade of a database an
// older release wrote. Seeding creates the indexes after the bulk insert (faster than maintaining them).
#pragma once

#include "server/sqlite/sqlite_db.h"

namespace roster::server {

// 2: no users_fts table and no sort indexes (search and sorting are the in-memory indexes').
constexpr int kSchemaVersion = 2;

bool create_tables(Database& db);
bool create_indexes(Database& db);
// Adds indexes a database seeded by an older build lacks (a no-op when all exist).
bool ensure_indexes(Database& db);
// True when the file holds Roster's schema at kSchemaVersion, after upgrading it in place from an older
// version (one transaction); false with words when it is not a Roster database, is newer than this
// build, or cannot be upgraded.
bool open_current_schema(Database& db, std::string& why_not);

}  // namespace roster::server
