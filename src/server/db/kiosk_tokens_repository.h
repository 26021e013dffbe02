// Kiosk tokens: read-only bearer credentials an operator issues for one organisation's subtree
// (`roster-server kiosk-token`). Only a SHA-256 of each token is stored, so a copy of the database
// does not hand out working tokens. The server looks a token up on every request, so a revocation
// made by another process (the command line) takes effect at the next request.
#pragma once

#include "server/sqlite/sqlite_db.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roster::server {

struct KioskTokenRecord {
  std::int64_t id = 0;
  std::int32_t org_id = 0;
  std::string label;
  std::int64_t created_at = 0, expires_at = 0;  // epoch ms
  std::int64_t revoked_at = 0;                  // 0 while in force
};

// Every kiosk token starts with this, so a bearer token is looked up in one place only.
extern const char* const kKioskTokenPrefix;
bool looks_like_kiosk_token(const std::string& token);
// A new token's clear text, and what is stored of it (hex SHA-256): also the proxy's PostgreSQL store's.
std::string new_kiosk_token();
std::string kiosk_token_hash(const std::string& token);

class KioskTokensRepository {
 public:
  explicit KioskTokensRepository(Database& db) : db_(db) {}

  // Creates the table in a database seeded before kiosk tokens existed; false with the reason.
  bool ensure_table(std::string& error);
  // Issues a token; the clear text is returned once (printed to the operator) and never stored.
  std::optional<std::string> issue(std::int32_t org_id, std::int64_t ttl_ms, const std::string& label, std::int64_t now,
                                   std::int64_t& id, std::string& error);
  std::optional<KioskTokenRecord> find(const std::string& token);
  bool org_exists(std::int32_t org_id);  // the command line checks before it issues
  std::vector<KioskTokenRecord> list();
  // False when no token has that id (or it was already revoked: the first revocation time stays).
  bool revoke(std::int64_t id, std::int64_t now, std::string& error);

 private:
  Database& db_;
};

}  // namespace roster::server
