// The proxy's store in a SQLite file (--db FILE): the operators and kiosk tokens tables it always
// had, and beside them the sessions, the throttle's counts and the shared state (budget, answer
// cache generation), so that a restart signs nobody out and several instances on one machine may
// share the file. One connection behind a mutex: every statement is tiny; a multi-statement write
// is one IMMEDIATE transaction, so other processes on the file wait for it (the busy timeout).
#pragma once

#include "server/db/proxy_store.h"
#include "server/sqlite/sqlite_db.h"

#include <memory>
#include <mutex>
#include <string>

namespace roster::server::proxy {

// True when `db` holds the operators table: the proxy's own database, where `kiosk-token` issues
// tokens for the proxy (the organization they read lives on the upstream, not in this file).
bool is_proxy_database(Database& db);

class SqliteProxyStore : public ProxyStore {
 public:
  // Opens `path` (creating the file when `create`); check ok() and error(). `log` hears failures.
  SqliteProxyStore(const std::string& path, bool create, std::function<void(const std::string&)> log = {});
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  const std::string& description() const override { return description_; }
  bool prepare(std::string& error) override;
  bool ping() override;

  Added add_operator(const std::string& email, OperatorRole role, const std::string& password_hash,
                     std::int64_t now) override;
  StoreAnswer<std::vector<OperatorAccount>> operators() override;
  StoreAnswer<bool> remove_operator(const std::string& email) override;
  StoreAnswer<std::optional<OperatorAccount>> operator_by_email(const std::string& email) override;

  StoreAnswer<std::optional<std::string>> open_session(std::int64_t operator_id, std::int64_t now,
                                                       std::int64_t ttl_ms) override;
  StoreAnswer<std::optional<SessionRecord>> session(const std::string& id, std::int64_t now) override;
  StoreAnswer<bool> close_session(const std::string& id) override;

  StoreAnswer<SignInTurn> begin_sign_in(const std::string& account, const std::string& address, std::int64_t now,
                                        const ThrottleRule& account_rule, const ThrottleRule& address_rule) override;
  StoreAnswer<std::int64_t> finish_sign_in(const std::string& account, const std::string& address, bool success,
                                           std::int64_t now, const ThrottleRule& address_rule) override;
  void reset_throttle_for_tests() override;

  StoreAnswer<IssuedKioskToken> issue_kiosk_token(std::int32_t org_id, std::int64_t ttl_ms, const std::string& label,
                                                  std::int64_t now) override;
  StoreAnswer<KioskLookup> find_kiosk_token(const std::string& token) override;
  StoreAnswer<std::vector<KioskTokenRecord>> kiosk_tokens() override;
  StoreAnswer<bool> revoke_kiosk_token(std::int64_t id, std::int64_t now) override;

  StoreAnswer<BudgetTurn> spend_budget(const std::string& key, std::int64_t now, const BudgetRule& rule) override;
  StoreAnswer<std::int64_t> hold_budget(const std::string& key, std::int64_t now, std::int64_t until,
                                        const BudgetRule& rule) override;
  StoreAnswer<std::int64_t> bump_generation() override;
  void sweep(std::int64_t now, std::int64_t throttle_window_ms) override;

 private:
  // Logs what failed (the database's words) and answers "not answered".
  void failed(const std::string& what, const std::string& detail);
  std::int64_t count_failure(const std::string& key, std::int64_t now, const ThrottleRule& rule, bool& admitted,
                             bool& ok);

  std::string path_, description_, error_;
  std::function<void(const std::string&)> log_;
  std::mutex mutex_;    // the connection's: every call holds it
  std::mutex writers_;  // WriteTransaction's (always taken after mutex_)
  std::unique_ptr<Database> db_;
};

}  // namespace roster::server::proxy
