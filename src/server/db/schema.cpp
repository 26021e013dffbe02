#include "server/db/schema.h"

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
    -- users: org_name and name_fold are denormalised so that every sortBy label has its own index.
    CREATE TABLE IF NOT EXISTS users(
      id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL, name_fold TEXT NOT NULL,
      role_id INTEGER NOT NULL, org_id INTEGER NOT NULL, org_name TEXT NOT NULL, is_dev INTEGER NOT NULL DEFAULT 0,
      title TEXT NOT NULL DEFAULT '', nick_name TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',
      tz TEXT NOT NULL DEFAULT 'UTC', locale TEXT NOT NULL DEFAULT 'en_US', status TEXT NOT NULL,
      last_modified_ts INTEGER NOT NULL, last_logged_at INTEGER NOT NULL DEFAULT 0,
      registered_at INTEGER NOT NULL, country TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '',
      devices_count INTEGER NOT NULL DEFAULT 0, tag_ids TEXT NOT NULL DEFAULT '', password_hash TEXT);
    -- Search text, folded to lower case by roster_fold(); rowid = users.id.
    CREATE VIRTUAL TABLE IF NOT EXISTS users_fts USING fts5(name, email, role, location, tokenize='trigram');
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

const char* const kIndexes = R"SQL(
    CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users(email);
    -- users_id holds only the ids: deep OFFSETs in id order skip 8-byte entries, not whole rows.
    CREATE INDEX IF NOT EXISTS users_id ON users(id);
    CREATE INDEX IF NOT EXISTS users_org ON users(org_id, id);
    CREATE INDEX IF NOT EXISTS users_name ON users(name_fold, id);
    CREATE INDEX IF NOT EXISTS users_status ON users(status, id);
    CREATE INDEX IF NOT EXISTS users_role ON users(role_id, id);
    CREATE INDEX IF NOT EXISTS users_org_name ON users(org_name, id);
    CREATE INDEX IF NOT EXISTS users_devices ON users(devices_count, id);
    CREATE INDEX IF NOT EXISTS users_country ON users(country, id);
    CREATE INDEX IF NOT EXISTS users_registered ON users(registered_at, id);
    CREATE INDEX IF NOT EXISTS users_phone ON users(phone, id);
    CREATE INDEX IF NOT EXISTS devices_owner ON devices(owner_user_id, id);
    CREATE INDEX IF NOT EXISTS devices_org ON devices(org_id, id);
    -- One per devices sortBy column: an index ends with the rowid (the id), so it serves ORDER BY
    -- <column>, id alone, index-only at any OFFSET, and is smaller than (<column>, id) would be.
    -- devices_id holds only the ids, as users_id does. About 115 MB over 1.3 million devices, all six.
    CREATE INDEX IF NOT EXISTS devices_id ON devices(id);
    CREATE INDEX IF NOT EXISTS devices_name ON devices(name);
    CREATE INDEX IF NOT EXISTS devices_template ON devices(template_id);
    CREATE INDEX IF NOT EXISTS devices_activated ON devices(activated_at);
    CREATE INDEX IF NOT EXISTS devices_last_event ON devices(last_received_event_at);
    CREATE INDEX IF NOT EXISTS devices_online ON devices(online);
    CREATE INDEX IF NOT EXISTS actions_user_ts ON actions_log(user_id, ts);
    CREATE INDEX IF NOT EXISTS tags_org ON tags(org_id);
  )SQL";

}  // namespace

// ANALYZE gives the planner the statistics it needs to pick these indexes (seconds on a million users,
// so only after seeding).
bool create_indexes(Database& db) { return db.exec(kIndexes) && db.exec("ANALYZE;"); }

bool ensure_indexes(Database& db) { return db.exec(kIndexes); }

bool has_current_schema(Database& db, std::string& why_not) {
  auto st = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  if (!st.ok()) {
    why_not = "not a Roster database (" + st.error() + ")";
    return false;
  }
  if (!st.step()) {
    why_not = "not a seeded Roster database (no schema version); run 'roster-server seed' first";
    return false;
  }
  if (st.text(0) != std::to_string(kSchemaVersion)) {
    why_not = "schema version " + st.text(0) + " is not the supported version " + std::to_string(kSchemaVersion);
    return false;
  }
  return true;
}

}  // namespace roster::server
