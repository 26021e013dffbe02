#include "server/db/proxy_store_sqlite.h"

#include "model/utf8.h"
#include "server/base/random_token.h"

#include <filesystem>

namespace roster::server::proxy {

namespace {

// The operators table as it always was; the rest is new beside it. Names and rules as in
// proxy_store_postgres.cpp.
const char* const kSchema = R"(
  CREATE TABLE IF NOT EXISTS operators(
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'viewer')),
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS proxy_sessions(
    seq INTEGER PRIMARY KEY,
    id_hash TEXT NOT NULL UNIQUE,
    operator_id INTEGER NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS proxy_sessions_by_operator ON proxy_sessions(operator_id, seq);
  CREATE TABLE IF NOT EXISTS proxy_throttle(
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    last_ms INTEGER NOT NULL,
    blocked_until INTEGER NOT NULL,
    admitted INTEGER NOT NULL DEFAULT 1);
  CREATE TABLE IF NOT EXISTS proxy_budget(
    key TEXT PRIMARY KEY,
    tokens REAL NOT NULL,
    last_ms INTEGER NOT NULL,
    held_until INTEGER NOT NULL,
    granted INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS proxy_state(
    id INTEGER PRIMARY KEY CHECK (id = 1),
    cache_generation INTEGER NOT NULL DEFAULT 0);
  INSERT OR IGNORE INTO proxy_state(id) VALUES (1);
)";

const char* const kOperatorColumns = "SELECT id, email, role, created_at, password_hash FROM operators ";

// id, email, role, created_at (and password_hash after them, `with_hash`).
OperatorAccount read_operator(const Statement& s, int first, bool with_hash = false) {
  OperatorAccount a;
  a.id = s.int64(first);
  a.email = s.text(first + 1);
  a.role = parse_operator_role(s.text(first + 2)).value_or(OperatorRole::Viewer);
  a.created_at_ms = s.int64(first + 3);
  if (with_hash) a.password_hash = s.text(first + 4);
  return a;
}

// One attempt counted for `key` (?1) at ?2 under the rule (?3 limit, ?4 window, ?5 block), unless it
// is blocked: then nothing changes and `admitted` says 0. The count starts again after a window
// without a failure; the attempt that reaches the limit blocks the key and starts the count again.
const char* const kCountAttempt = R"(
  INSERT INTO proxy_throttle AS t(key, count, last_ms, blocked_until, admitted)
  VALUES (?1, CASE WHEN 1 >= ?3 THEN 0 ELSE 1 END, ?2, CASE WHEN 1 >= ?3 THEN ?2 + ?5 ELSE 0 END, 1)
  ON CONFLICT(key) DO UPDATE SET
    admitted = (t.blocked_until <= ?2),
    count = CASE WHEN t.blocked_until > ?2 THEN t.count
                 WHEN (CASE WHEN ?2 - t.last_ms > ?4 THEN 0 ELSE t.count END) + 1 >= ?3 THEN 0
                 ELSE (CASE WHEN ?2 - t.last_ms > ?4 THEN 0 ELSE t.count END) + 1 END,
    blocked_until = CASE WHEN t.blocked_until > ?2 THEN t.blocked_until
                         WHEN (CASE WHEN ?2 - t.last_ms > ?4 THEN 0 ELSE t.count END) + 1 >= ?3 THEN ?2 + ?5
                         ELSE t.blocked_until END,
    last_ms = CASE WHEN t.blocked_until > ?2 THEN t.last_ms ELSE ?2 END
  RETURNING admitted, blocked_until
)";

// The budget `key` (?5) (proxy/upstream_budget.h): ?1 now, ?2 capacity, ?3 refill per ms, ?4 the
// longest hold. A new key starts full and spends one. A hold is capped from now (a clock that went
// back never holds longer than the cap); the bucket refills from its last use (never for a time that
// went back) and spends one call if it holds one; `granted` says whether this call got one.
std::string spend_budget_sql() {
  const std::string refilled =
      "(CASE WHEN b.last_ms = 0 THEN ?2 WHEN ?1 > b.last_ms THEN MIN(?2, b.tokens + (?1 - b.last_ms) * ?3)"
      " ELSE MIN(?2, b.tokens) END)";
  const std::string held_until = "MIN(b.held_until, ?1 + ?4)";
  return "INSERT INTO proxy_budget AS b(key, tokens, last_ms, held_until, granted) VALUES (?5, ?2 - 1, ?1, 0, 1)"
         " ON CONFLICT(key) DO UPDATE SET held_until = " +
         held_until + ", granted = (?1 >= " + held_until + " AND " + refilled + " >= 1), tokens = CASE WHEN ?1 < " +
         held_until + " THEN b.tokens ELSE " + refilled + " - (CASE WHEN " + refilled +
         " >= 1 THEN 1 ELSE 0 END) END, last_ms = CASE WHEN ?1 < " + held_until +
         " THEN b.last_ms ELSE ?1 END RETURNING granted, tokens, held_until";
}

}  // namespace

bool is_proxy_database(Database& db) {
  auto s = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'operators'");
  return s.ok() && s.step();
}

SqliteProxyStore::SqliteProxyStore(const std::string& path, bool create, std::function<void(const std::string&)> log)
    : path_(path), description_("SQLite file " + path), log_(std::move(log)) {
  std::error_code ec;
  if (!create && !std::filesystem::exists(path, ec)) {
    error_ = "the operators database " + path +
             " does not exist; add an operator first with 'roster-server operator add --db " + path + " ...'";
    return;
  }
  db_ = std::make_unique<Database>(path, create);
  if (!db_->ok()) error_ = "cannot open " + path + ": " + db_->error();
}

void SqliteProxyStore::failed(const std::string& what, const std::string& detail) {
  if (log_) log_(description_ + ": " + what + ": " + detail);
}

bool SqliteProxyStore::prepare(std::string& error) {
  if (!ok()) {
    error = error_;
    return false;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (!db_->exec(kSchema)) {
    error = path_ + ": cannot create the proxy's tables: " + db_->error();
    return false;
  }
  KioskTokensRepository kiosk(*db_);
  if (!kiosk.ensure_table(error)) {
    error = path_ + ": cannot create the kiosk tokens table: " + error;
    return false;
  }
  return true;
}

bool SqliteProxyStore::ping() {
  std::lock_guard<std::mutex> lock(mutex_);
  auto s = db_->prepare("SELECT cache_generation FROM proxy_state WHERE id = 1");
  return s.ok() && s.step();
}

ProxyStore::Added SqliteProxyStore::add_operator(const std::string& email, OperatorRole role,
                                                 const std::string& password_hash, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto s = db_->prepare("INSERT INTO operators(email, role, password_hash, created_at) VALUES (?, ?, ?, ?)");
  s.bind(1, utf8::to_lower(email)).bind(2, std::string(operator_role_name(role))).bind(3, password_hash).bind(4, now);
  if (s.ok() && s.run()) return Added::Yes;
  if (s.error().find("UNIQUE") != std::string::npos) return Added::Taken;
  failed("cannot add an operator", s.error().empty() ? db_->error() : s.error());
  return Added::Failed;
}

StoreAnswer<std::vector<OperatorAccount>> SqliteProxyStore::operators() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<OperatorAccount> out;
  auto s = db_->prepare(std::string(kOperatorColumns) + "ORDER BY email");
  while (s.step()) out.push_back(read_operator(s, 0));
  if (!s.ok() || !s.error().empty()) {
    failed("cannot list the operators", s.error());
    return {};
  }
  return StoreAnswer<std::vector<OperatorAccount>>::of(std::move(out));
}

StoreAnswer<bool> SqliteProxyStore::remove_operator(const std::string& email) {
  std::lock_guard<std::mutex> lock(mutex_);
  // One statement: the sessions go with the account (ON DELETE CASCADE).
  auto s = db_->prepare("DELETE FROM operators WHERE email = ?");
  s.bind(1, utf8::to_lower(email));
  if (!s.run()) {
    failed("cannot remove an operator", s.error());
    return {};
  }
  return StoreAnswer<bool>::of(db_->changes() > 0);
}

StoreAnswer<std::optional<OperatorAccount>> SqliteProxyStore::operator_by_email(const std::string& email) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto s = db_->prepare(std::string(kOperatorColumns) + "WHERE email = ?");
  s.bind(1, utf8::to_lower(email));
  if (s.step()) return StoreAnswer<std::optional<OperatorAccount>>::of(read_operator(s, 0, true));
  if (!s.ok() || !s.error().empty()) {
    failed("cannot read an operator", s.error());
    return {};
  }
  return StoreAnswer<std::optional<OperatorAccount>>::of(std::nullopt);
}

StoreAnswer<std::optional<std::string>> SqliteProxyStore::open_session(std::int64_t operator_id, std::int64_t now,
                                                                       std::int64_t ttl_ms) {
  const std::string id = random_token(32);
  std::lock_guard<std::mutex> lock(mutex_);
  WriteTransaction tx(*db_, writers_);
  if (!tx.ok()) {
    failed("cannot open a session", db_->error());
    return {};
  }
  auto exists = db_->prepare("SELECT 1 FROM operators WHERE id = ?");
  exists.bind(1, operator_id);
  if (!exists.step()) {
    if (!exists.error().empty()) {
      failed("cannot open a session", exists.error());
      return {};
    }
    return StoreAnswer<std::optional<std::string>>::of(std::nullopt);  // removed meanwhile
  }
  auto insert =
      db_->prepare("INSERT INTO proxy_sessions(id_hash, operator_id, created_at, expires_at) VALUES (?, ?, ?, ?)");
  insert.bind(1, store_hash(id)).bind(2, operator_id).bind(3, now).bind(4, now + ttl_ms);
  // The operator's oldest sessions past the cap are signed out.
  auto trim = db_->prepare(
      "DELETE FROM proxy_sessions WHERE operator_id = ?1 AND seq NOT IN"
      " (SELECT seq FROM proxy_sessions WHERE operator_id = ?1 ORDER BY seq DESC LIMIT ?2)");
  trim.bind(1, operator_id).bind(2, static_cast<std::int64_t>(kMaxSessionsPerOperator));
  if (!insert.run() || !trim.run() || !tx.commit()) {
    failed("cannot open a session", insert.error() + trim.error() + db_->error());
    return {};
  }
  return StoreAnswer<std::optional<std::string>>::of(id);
}

StoreAnswer<std::optional<SessionRecord>> SqliteProxyStore::session(const std::string& id, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto s = db_->prepare(
      "SELECT o.id, o.email, o.role, o.created_at, s.expires_at, st.cache_generation"
      " FROM proxy_sessions s JOIN operators o ON o.id = s.operator_id JOIN proxy_state st ON st.id = 1"
      " WHERE s.id_hash = ? AND s.expires_at > ?");
  s.bind(1, store_hash(id)).bind(2, now);
  if (s.step()) {
    SessionRecord r;
    r.who = read_operator(s, 0);
    r.expires_at_ms = s.int64(4);
    r.generation = s.int64(5);
    return StoreAnswer<std::optional<SessionRecord>>::of(r);
  }
  if (!s.ok() || !s.error().empty()) {
    failed("cannot read a session", s.error());
    return {};
  }
  return StoreAnswer<std::optional<SessionRecord>>::of(std::nullopt);
}

StoreAnswer<bool> SqliteProxyStore::close_session(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto s = db_->prepare("DELETE FROM proxy_sessions WHERE id_hash = ?");
  s.bind(1, store_hash(id));
  if (!s.run()) {
    failed("cannot close a session", s.error());
    return {};
  }
  return StoreAnswer<bool>::of(db_->changes() > 0);
}

std::int64_t SqliteProxyStore::count_failure(const std::string& key, std::int64_t now, const ThrottleRule& rule,
                                             bool& admitted, bool& ok) {
  auto s = db_->prepare(kCountAttempt);
  s.bind(1, store_hash(key)).bind(2, now).bind(3, rule.limit).bind(4, rule.window_ms).bind(5, rule.block_ms);
  ok = s.step();
  if (!ok) {
    failed("cannot count a sign-in attempt", s.error());
    return 0;
  }
  admitted = s.int64(0) != 0;
  const std::int64_t blocked_until = s.int64(1);
  s.reset();  // (RETURNING: the statement finishes when reset)
  return blocked_until;
}

StoreAnswer<SignInTurn> SqliteProxyStore::begin_sign_in(const std::string& account, const std::string& address,
                                                        std::int64_t now, const ThrottleRule& account_rule,
                                                        const ThrottleRule&) {
  std::lock_guard<std::mutex> lock(mutex_);
  WriteTransaction tx(*db_, writers_);
  if (!tx.ok()) {
    failed("cannot count a sign-in attempt", db_->error());
    return {};
  }
  auto held = db_->prepare("SELECT blocked_until FROM proxy_throttle WHERE key = ? AND blocked_until > ?");
  held.bind(1, store_hash(address)).bind(2, now);
  if (held.step()) return StoreAnswer<SignInTurn>::of({false, held.int64(0)});  // the address is locked out
  if (!held.error().empty()) {
    failed("cannot read the sign-in throttle", held.error());
    return {};
  }
  bool admitted = false, ok = false;
  const std::int64_t blocked_until = count_failure(account, now, account_rule, admitted, ok);
  if (!ok || !tx.commit()) {
    if (ok) failed("cannot count a sign-in attempt", db_->error());
    return {};
  }
  return StoreAnswer<SignInTurn>::of({admitted, blocked_until});
}

StoreAnswer<std::int64_t> SqliteProxyStore::finish_sign_in(const std::string& account, const std::string& address,
                                                           bool success, std::int64_t now,
                                                           const ThrottleRule& address_rule) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (success) {
    auto s = db_->prepare("DELETE FROM proxy_throttle WHERE key = ?");
    s.bind(1, store_hash(account));
    if (!s.run()) {
      failed("cannot clear a sign-in count", s.error());
      return {};
    }
    return StoreAnswer<std::int64_t>::of(0);
  }
  bool admitted = false, ok = false;
  const std::int64_t blocked_until = count_failure(address, now, address_rule, admitted, ok);
  if (!ok) return {};
  return StoreAnswer<std::int64_t>::of(blocked_until);
}

void SqliteProxyStore::reset_throttle_for_tests() {
  std::lock_guard<std::mutex> lock(mutex_);
  db_->exec("DELETE FROM proxy_throttle");
}

StoreAnswer<IssuedKioskToken> SqliteProxyStore::issue_kiosk_token(std::int32_t org_id, std::int64_t ttl_ms,
                                                                  const std::string& label, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  KioskTokensRepository tokens(*db_);
  std::int64_t id = 0;
  std::string error;
  auto token = tokens.issue(org_id, ttl_ms, label, now, id, error);
  if (!token) {
    failed("cannot issue a kiosk token", error);
    return {};
  }
  return StoreAnswer<IssuedKioskToken>::of({id, *token});
}

StoreAnswer<KioskLookup> SqliteProxyStore::find_kiosk_token(const std::string& token) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto s = db_->prepare(
      "SELECT k.id, k.org_id, k.label, k.created_at, k.expires_at, k.revoked_at, st.cache_generation"
      " FROM proxy_state st LEFT JOIN kiosk_tokens k ON k.token_hash = ? WHERE st.id = 1");
  s.bind(1, kiosk_token_hash(token));
  if (!s.step()) {
    failed("cannot read a kiosk token", s.error().empty() ? "no state row" : s.error());
    return {};
  }
  KioskLookup out;
  out.generation = s.int64(6);
  if (!s.is_null(0)) {
    KioskTokenRecord r;
    r.id = s.int64(0);
    r.org_id = s.int32(1);
    r.label = s.text(2);
    r.created_at = s.int64(3);
    r.expires_at = s.int64(4);
    r.revoked_at = s.int64(5);
    out.record = r;
  }
  return StoreAnswer<KioskLookup>::of(out);
}

StoreAnswer<std::vector<KioskTokenRecord>> SqliteProxyStore::kiosk_tokens() {
  std::lock_guard<std::mutex> lock(mutex_);
  KioskTokensRepository tokens(*db_);
  return StoreAnswer<std::vector<KioskTokenRecord>>::of(tokens.list());
}

StoreAnswer<bool> SqliteProxyStore::revoke_kiosk_token(std::int64_t id, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto s = db_->prepare("UPDATE kiosk_tokens SET revoked_at = ? WHERE id = ? AND revoked_at = 0");
  s.bind(1, now).bind(2, id);
  if (!s.run()) {
    failed("cannot revoke a kiosk token", s.error());
    return {};
  }
  return StoreAnswer<bool>::of(db_->changes() > 0);
}

StoreAnswer<BudgetTurn> SqliteProxyStore::spend_budget(const std::string& key, std::int64_t now,
                                                       const BudgetRule& rule) {
  static const std::string sql = spend_budget_sql();
  std::lock_guard<std::mutex> lock(mutex_);
  auto s = db_->prepare(sql);
  s.bind(1, now).bind(2, rule.capacity).bind(3, rule.per_ms).bind(4, rule.max_hold_ms).bind(5, key);
  if (!s.step()) {
    failed("cannot spend from the upstream budget", s.error());
    return {};
  }
  BudgetTurn turn;
  turn.granted = s.int64(0) != 0;
  const double tokens = s.real(1);
  const std::int64_t held_until = s.int64(2);
  s.reset();
  if (!turn.granted) {
    turn.held = now < held_until;
    turn.wait_s = budget_wait_s(rule, tokens, held_until, now);
  }
  return StoreAnswer<BudgetTurn>::of(turn);
}

StoreAnswer<std::int64_t> SqliteProxyStore::hold_budget(const std::string& key, std::int64_t now, std::int64_t until,
                                                        const BudgetRule& rule) {
  std::lock_guard<std::mutex> lock(mutex_);
  // (A new key's bucket is full: last_ms 0.)
  auto s = db_->prepare(
      "INSERT INTO proxy_budget AS b(key, tokens, last_ms, held_until, granted) VALUES (?4, 0, 0, MIN(?2, ?1 + ?3), 0)"
      " ON CONFLICT(key) DO UPDATE SET held_until = MAX(MIN(b.held_until, ?1 + ?3), MIN(?2, ?1 + ?3))"
      " RETURNING held_until");
  s.bind(1, now).bind(2, until).bind(3, rule.max_hold_ms).bind(4, key);
  if (!s.step()) {
    failed("cannot hold the upstream budget", s.error());
    return {};
  }
  const std::int64_t held_until = s.int64(0);
  s.reset();
  return StoreAnswer<std::int64_t>::of(held_until > now ? (held_until - now + 999) / 1000 : 0);
}

StoreAnswer<std::int64_t> SqliteProxyStore::bump_generation() {
  std::lock_guard<std::mutex> lock(mutex_);
  auto s = db_->prepare(
      "UPDATE proxy_state SET cache_generation = cache_generation + 1 WHERE id = 1 RETURNING cache_generation");
  if (!s.step()) {
    failed("cannot advance the answer caches' generation", s.error().empty() ? "no state row" : s.error());
    return {};
  }
  const std::int64_t generation = s.int64(0);
  s.reset();
  return StoreAnswer<std::int64_t>::of(generation);
}

void SqliteProxyStore::sweep(std::int64_t now, std::int64_t throttle_window_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto sessions = db_->prepare("DELETE FROM proxy_sessions WHERE expires_at <= ?");
  sessions.bind(1, now);
  auto throttle = db_->prepare("DELETE FROM proxy_throttle WHERE ?1 - last_ms > ?2 AND blocked_until <= ?1");
  throttle.bind(1, now).bind(2, throttle_window_ms);
  if (!sessions.run() || !throttle.run()) failed("cannot sweep", sessions.error() + throttle.error());
}

}  // namespace roster::server::proxy
