// The kiosk_tokens table: issue, look up by hash, list, revoke.
#include "server/db/kiosk_tokens_repository.h"

#include "model/sha256.h"
#include "server/base/random_token.h"

namespace roster::server {

const char* const kKioskTokenPrefix = "kiosk_";

bool looks_like_kiosk_token(const std::string& token) { return token.rfind(kKioskTokenPrefix, 0) == 0; }

std::string new_kiosk_token() { return kKioskTokenPrefix + random_token(32); }

std::string kiosk_token_hash(const std::string& token) {
  auto digest = sha256(token);
  return hex_encode(std::string(digest.begin(), digest.end()));
}

namespace {

KioskTokenRecord read_record(const Statement& st) {
  KioskTokenRecord r;
  r.id = st.int64(0);
  r.org_id = st.int32(1);
  r.label = st.text(2);
  r.created_at = st.int64(3);
  r.expires_at = st.int64(4);
  r.revoked_at = st.int64(5);
  return r;
}

constexpr const char* kColumns = "id, org_id, label, created_at, expires_at, revoked_at";

}  // namespace

bool KioskTokensRepository::ensure_table(std::string& error) {
  if (db_.exec("CREATE TABLE IF NOT EXISTS kiosk_tokens(id INTEGER PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,"
               " org_id INTEGER NOT NULL, label TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,"
               " expires_at INTEGER NOT NULL, revoked_at INTEGER NOT NULL DEFAULT 0)"))
    return true;
  error = db_.error();
  return false;
}

std::optional<std::string> KioskTokensRepository::issue(std::int32_t org_id, std::int64_t ttl_ms,
                                                        const std::string& label, std::int64_t now, std::int64_t& id,
                                                        std::string& error) {
  std::string token = new_kiosk_token();
  auto st =
      db_.prepare("INSERT INTO kiosk_tokens(token_hash, org_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
  st.bind(1, kiosk_token_hash(token)).bind(2, org_id).bind(3, label).bind(4, now).bind(5, now + ttl_ms);
  if (!st.run()) {
    error = st.error().empty() ? db_.error() : st.error();
    return std::nullopt;
  }
  id = db_.last_insert_id();
  return token;
}

std::optional<KioskTokenRecord> KioskTokensRepository::find(const std::string& token) {
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM kiosk_tokens WHERE token_hash = ?");
  st.bind(1, kiosk_token_hash(token));
  if (!st.step()) return std::nullopt;
  return read_record(st);
}

bool KioskTokensRepository::org_exists(std::int32_t org_id) {
  auto st = db_.prepare("SELECT 1 FROM orgs WHERE id = ?");
  st.bind(1, org_id);
  return st.step();
}

std::vector<KioskTokenRecord> KioskTokensRepository::list() {
  std::vector<KioskTokenRecord> out;
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM kiosk_tokens ORDER BY id");
  while (st.step()) out.push_back(read_record(st));
  return out;
}

bool KioskTokensRepository::revoke(std::int64_t id, std::int64_t now, std::string& error) {
  auto st = db_.prepare("UPDATE kiosk_tokens SET revoked_at = ? WHERE id = ? AND revoked_at = 0");
  st.bind(1, now).bind(2, id);
  if (!st.run()) {
    error = st.error();
    return false;
  }
  if (db_.changes() == 0) {
    error = "no kiosk token in force has id " + std::to_string(id);
    return false;
  }
  return true;
}

}  // namespace roster::server
