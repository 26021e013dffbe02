#include "server/db/schema.h"

#include <cstdio>

namespace roster::server {

bool create_tables(Database& db) {
  return db.exec(R"SQL(
    CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS orgs(
      id INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
      parent_id INTEGER NOT NULL DEFAULT 0, tz TEXT NOT NULL DEFAULT 'UTC',
      unit_system TEXT NOT NULL DEFAULT 'METRIC', phone TEXT NOT NULL DEFAULT '',
      full_address TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT '',
      state TEXT NOT NULL DEFAULT '', zip TEXT NOT NULL DEFAULT '', last_modified_ts INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE IF NOT EXISTS roles(id INTEGER PRIMARY KEY, name TEXT NOT NULL, permissions TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS tags(id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL, name TEXT NOT NULL,
      color TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS templates(id INTEGER PRIMARY KEY, name TEXT NOT NULL, board_type TEXT NOT NULL);
    -- users: org_name and name_fold are denormalised: the user index (index_loader.cpp) reads them with
    -- the row, without a join or a fold per user at start.
    CREATE TABLE IF NOT EXISTS users(
      id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL, name_fold TEXT NOT NULL,
      role_id INTEGER NOT NULL, org_id INTEGER NOT NULL, org_name TEXT NOT NULL, is_dev INTEGER NOT NULL DEFAULT 0,
      title TEXT NOT NULL DEFAULT '', nick_name TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',
      tz TEXT NOT NULL DEFAULT 'UTC', locale TEXT NOT NULL DEFAULT 'en_US', status TEXT NOT NULL,
      last_modified_ts INTEGER NOT NULL, last_logged_at INTEGER NOT NULL DEFAULT 0,
      registered_at INTEGER NOT NULL, country TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '',
      devices_count INTEGER NOT NULL DEFAULT 0, tag_ids TEXT NOT NULL DEFAULT '', password_hash TEXT);
    CREATE TABLE IF NOT EXISTS devices(
      id INTEGER PRIMARY KEY, template_id INTEGER NOT NULL, org_id INTEGER NOT NULL, name TEXT NOT NULL,
      token TEXT NOT NULL, activated_at INTEGER NOT NULL, owner_user_id INTEGER NOT NULL,
      fw_version TEXT NOT NULL DEFAULT '', online INTEGER NOT NULL DEFAULT 0,
      first_connect_time INTEGER NOT NULL DEFAULT 0, connect_time INTEGER NOT NULL DEFAULT 0,
      disconnect_time INTEGER NOT NULL DEFAULT 0, last_received_event_at INTEGER NOT NULL DEFAULT 0,
      lifecycle_event_id INTEGER NOT NULL DEFAULT 0, lifecycle_name TEXT NOT NULL DEFAULT '',
      lifecycle_color TEXT NOT NULL DEFAULT '');
    CREATE TABLE IF NOT EXISTS actions_log(
      id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, ts INTEGER NOT NULL, org_id INTEGER NOT NULL,
      client TEXT NOT NULL, action_name TEXT NOT NULL, action_code TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS oauth_clients(client_id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL,
      org_id INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS invites(org_id INTEGER NOT NULL, day INTEGER NOT NULL, count INTEGER NOT NULL,
      PRIMARY KEY(org_id, day));
  )SQL");
}

namespace {

// Only what a statement reads (every statement the server runs was checked with EXPLAIN QUERY PLAN):
// search, filters and sortBy orders are the in-memory indexes' (index/), so SQLite needs an index only
// to find a user by email (sign-in; also the uniqueness rule), an owner's devices (profile, transfer)
// and a user's actions log by time.
const char* const kIndexes = R"SQL(
    CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users(email);
    CREATE INDEX IF NOT EXISTS devices_owner ON devices(owner_user_id, id);
    CREATE INDEX IF NOT EXISTS actions_user_ts ON actions_log(user_id, ts);
  )SQL";

// Schema 1 (releases before the in-memory indexes were the only search path) kept a trigram search
// table written by every user write and read by nothing, and a sort index per sortBy label. Version 2
// drops them; the rows themselves are unchanged.
const char* const kUpgradeFrom1 = R"SQL(
    DROP TABLE IF EXISTS users_fts;
    DROP INDEX IF EXISTS users_id;
    DROP INDEX IF EXISTS users_org;
    DROP INDEX IF EXISTS users_name;
    DROP INDEX IF EXISTS users_status;
    DROP INDEX IF EXISTS users_role;
    DROP INDEX IF EXISTS users_org_name;
    DROP INDEX IF EXISTS users_devices;
    DROP INDEX IF EXISTS users_country;
    DROP INDEX IF EXISTS users_registered;
    DROP INDEX IF EXISTS users_phone;
    DROP INDEX IF EXISTS devices_org;
    DROP INDEX IF EXISTS devices_id;
    DROP INDEX IF EXISTS devices_name;
    DROP INDEX IF EXISTS devices_template;
    DROP INDEX IF EXISTS devices_activated;
    DROP INDEX IF EXISTS devices_last_event;
    DROP INDEX IF EXISTS devices_online;
    DROP INDEX IF EXISTS tags_org;
    UPDATE meta SET value = '2' WHERE key = 'schema_version';
  )SQL";

bool schema_version(Database& db, int& version, std::string& why_not) {
  auto st = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  if (!st.ok()) {
    why_not = "not a Roster database (" + st.error() + ")";
    return false;
  }
  if (!st.step()) {
    why_not = "not a seeded Roster database (no schema version); run 'roster-server seed' first";
    return false;
  }
  const std::string text = st.text(0);
  version = text == "1" ? 1 : text == "2" ? 2 : 0;
  if (version == 0) {
    why_not = "schema version " + text + " is not one this build reads (1 or " + std::to_string(kSchemaVersion) +
              "); it was written by a newer roster-server";
    return false;
  }
  return true;
}

}  // namespace

// ANALYZE gives the planner the statistics it needs to pick these indexes (seconds on a million users,
// so only after seeding).
bool create_indexes(Database& db) { return db.exec(kIndexes) && db.exec("ANALYZE;"); }

bool ensure_indexes(Database& db) { return db.exec(kIndexes); }

bool open_current_schema(Database& db, std::string& why_not) {
  int version = 0;
  if (!schema_version(db, version, why_not)) return false;
  if (version == kSchemaVersion) return true;
  // One transaction: a crash or a full disk leaves version 1 whole, and the next start tries again.
  if (!db.exec(std::string("BEGIN IMMEDIATE;") + kUpgradeFrom1 + "COMMIT;")) {
    why_not = "cannot upgrade the schema from version 1 to " + std::to_string(kSchemaVersion) + ": " + db.error();
    db.exec("ROLLBACK;");
    return false;
  }
  auto free_pages = db.prepare("SELECT freelist_count * page_size FROM pragma_freelist_count, pragma_page_size");
  const long long free_mb = free_pages.step() ? free_pages.int64(0) >> 20 : 0;
  std::fprintf(stderr,
               "roster-server: upgraded the schema from version 1 to %d: dropped users_fts and 18 indexes nothing "
               "read (%lld MB inside the file is free again and taken by later writes; VACUUM returns it)\n",
               kSchemaVersion, free_mb);
  return true;
}

}  // namespace roster::server
