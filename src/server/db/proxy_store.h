// What the instances of `roster-server proxy` share (README, "Several proxies behind a load
// balancer"): the operators' accounts, their sign-in sessions, the sign-in throttle's counts, kiosk
// tokens, the upstream request budgets and the generation of the answer caches. One interface, two
// implementations with the same tables and the same rules: SqliteProxyStore (a file: --db FILE, one
// machine) and PostgresProxyStore (--store postgres://..., instances on several machines).
// tests/proxy_store runs one set of cases against both.
//
// Every call says whether the store answered. One that did not (the server down or restarting, a
// deadline passed) changed nothing: each write is one statement or one transaction. The proxy then
// answers 503 in its own words; the store's own messages go to the log only, never into an answer,
// and never hold the connection string's password.
//
// Secrets are stored as SHA-256 hashes only: session ids and kiosk tokens (a copy of the store hands
// out no working credential), and the throttle's keys (no typed email or address in clear).
// Counting is atomic in the store (one UPDATE ... RETURNING a count), so instances that count at
// once count exactly: five wrong passwords for an account over three instances lock it out.
//
// A store belongs to one deployment, that is one organization (the proxy's OAuth client's): its
// tables have no organization column. Organizations sharing a PostgreSQL server each get their own
// database, or schema and role (README); a kiosk token is still checked against the organization
// of the proxy's client at every request (session/kiosk_access.h, proxy_app.cpp).
#pragma once

#include "server/db/kiosk_tokens_repository.h"
#include "server/db/operator_roles.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace roster::server::proxy {

// A store call's outcome: `answered` false when the store did not answer (then `value` is empty).
template <typename T>
struct StoreAnswer {
  bool answered = false;
  T value{};
  static StoreAnswer down() { return {}; }
  static StoreAnswer of(T v) { return {true, std::move(v)}; }
};

// An operator's session, as each request finds it (with the answer caches' generation now).
struct SessionRecord {
  OperatorAccount who;
  std::int64_t expires_at_ms = 0;
  std::int64_t generation = 0;
};

struct KioskLookup {
  std::optional<KioskTokenRecord> record;  // nothing: no such token
  std::int64_t generation = 0;
};

struct IssuedKioskToken {
  std::int64_t id = 0;
  std::string token;  // the clear text, shown once
};

// The sign-in throttle's rule for one kind of key (LoginThrottle's numbers: session/login_throttle.h).
struct ThrottleRule {
  int limit = 5;
  std::int64_t window_ms = 600'000, block_ms = 600'000;
};

// A sign-in attempt's turn: refused (`admitted` false) while the account or the address is locked
// out, until `blocked_until`; else counted against the account at once (so concurrent guesses on
// three instances cannot pass the limit between a check and a record), and `blocked_until` says
// whether this attempt was the one that reached the limit.
struct SignInTurn {
  bool admitted = false;
  std::int64_t blocked_until = 0;  // epoch ms; 0 or past: not blocked
};

// The upstream budget (proxy/upstream_budget.h): a bucket of `capacity` calls refilled at `per_ms`.
struct BudgetRule {
  double capacity = 1;
  double per_ms = 0;
  std::int64_t max_hold_ms = 600'000;
};
struct BudgetTurn {
  bool granted = false;
  bool held = false;        // refused because the upstream asked for a pause (a 429)
  std::int64_t wait_s = 0;  // when refused: whole seconds to wait (Retry-After)
};
// The seconds to wait after a refused turn, from the bucket's state (both implementations).
std::int64_t budget_wait_s(const BudgetRule& rule, double tokens, std::int64_t held_until, std::int64_t now);

class ProxyStore {
 public:
  static constexpr std::size_t kMaxSessionsPerOperator = 10;  // the oldest is signed out first

  virtual ~ProxyStore() = default;

  // Where it is, for the log: never the password.
  virtual const std::string& description() const = 0;
  // Creates the tables that are missing; false with `error` (for the log).
  virtual bool prepare(std::string& error) = 0;
  // Whether the store answers a statement now (readiness).
  virtual bool ping() = 0;

  // Operators (emails folded to lower case; the hash made by the caller).
  enum class Added { Yes, Taken, Failed };
  virtual Added add_operator(const std::string& email, OperatorRole role, const std::string& password_hash,
                             std::int64_t now) = 0;
  virtual StoreAnswer<std::vector<OperatorAccount>> operators() = 0;
  // True when there was one: removed with every session of theirs, at once.
  virtual StoreAnswer<bool> remove_operator(const std::string& email) = 0;
  virtual StoreAnswer<std::optional<OperatorAccount>> operator_by_email(const std::string& email) = 0;

  // Opens a session (at most kMaxSessionsPerOperator an operator); its id, or nothing when the
  // operator was removed meanwhile.
  virtual StoreAnswer<std::optional<std::string>> open_session(std::int64_t operator_id, std::int64_t now,
                                                               std::int64_t ttl_ms) = 0;
  // The session and its operator while both exist and it has not expired.
  virtual StoreAnswer<std::optional<SessionRecord>> session(const std::string& id, std::int64_t now) = 0;
  virtual StoreAnswer<bool> close_session(const std::string& id) = 0;

  // The sign-in throttle. `account` and `address` are keys ("user:ann@x", the client's address key).
  virtual StoreAnswer<SignInTurn> begin_sign_in(const std::string& account, const std::string& address,
                                                std::int64_t now, const ThrottleRule& account_rule,
                                                const ThrottleRule& address_rule) = 0;
  // A success clears the account's count; a failure counts for the address (the account's was
  // counted by begin_sign_in). The address's block after it (epoch ms; 0: none).
  virtual StoreAnswer<std::int64_t> finish_sign_in(const std::string& account, const std::string& address, bool success,
                                                   std::int64_t now, const ThrottleRule& address_rule) = 0;
  // Test harnesses only (the fuzz target, between inputs): forgets every count and block.
  virtual void reset_throttle_for_tests() = 0;

  // Kiosk tokens (kiosk_tokens_repository.h: the same table, format and hashing as serve's).
  virtual StoreAnswer<IssuedKioskToken> issue_kiosk_token(std::int32_t org_id, std::int64_t ttl_ms,
                                                          const std::string& label, std::int64_t now) = 0;
  virtual StoreAnswer<KioskLookup> find_kiosk_token(const std::string& token) = 0;
  virtual StoreAnswer<std::vector<KioskTokenRecord>> kiosk_tokens() = 0;
  // False when no token in force has that id (the first revocation time stays).
  virtual StoreAnswer<bool> revoke_kiosk_token(std::int64_t id, std::int64_t now) = 0;

  // Spends one call from the upstream budget `key` at `now` (epoch ms), or says how long to wait.
  // One budget a key (the upstream and the OAuth client: what the upstream counts), shared by every
  // instance that spends from it; a new key starts full.
  virtual StoreAnswer<BudgetTurn> spend_budget(const std::string& key, std::int64_t now, const BudgetRule& rule) = 0;
  // The upstream answered 429: no instance calls it for `key` before `until` (epoch ms; capped at
  // now + rule.max_hold_ms). The seconds the hold lasts from now.
  virtual StoreAnswer<std::int64_t> hold_budget(const std::string& key, std::int64_t now, std::int64_t until,
                                                const BudgetRule& rule) = 0;

  // A write through any instance makes every instance's cached answers older than this (proxy/answer_cache.h).
  virtual StoreAnswer<std::int64_t> bump_generation() = 0;

  // Forgets expired sessions and throttle entries past their window and block.
  virtual void sweep(std::int64_t now, std::int64_t throttle_window_ms) = 0;
};

// What both implementations store for a secret or a throttle key: its hex SHA-256.
std::string store_hash(const std::string& text);

// --store's form: postgres://... or postgresql://...
bool is_postgres_url(const std::string& url);

struct StoreOptions {
  std::string sqlite_path;        // --db FILE
  std::string postgres_url;       // --store URL
  std::string postgres_password;  // from --store-password-file; empty: the URL's, libpq's passfile or none
  bool create = false;            // SQLite: create the file (operator add)
  std::size_t connections = 8;    // PostgreSQL: the pool's size
  int call_timeout_ms = 5000;     // PostgreSQL: each statement's deadline
  std::function<void(const std::string&)> log;  // the store's state changes (down, up again)
};

// Opens the store (not yet prepared); nullptr with `error` (never holding a password).
std::unique_ptr<ProxyStore> open_proxy_store(const StoreOptions& options, std::string& error);

}  // namespace roster::server::proxy
