// The SQLite schema of roster-server: tables, the trigram search index and the sort indexes.
// Seeding creates the sort indexes after the bulk insert (much faster than maintaining them).
#pragma once

#include "server/sqlite/sqlite_db.h"

namespace roster::server {

constexpr int kSchemaVersion = 1;

bool create_tables(Database& db);
bool create_indexes(Database& db);
// Adds indexes a database seeded by an older build lacks (a no-op when all exist).
bool ensure_indexes(Database& db);
// True when the file holds Roster's schema at kSchemaVersion.
bool has_current_schema(Database& db, std::string& why_not);

}  // namespace roster::server
