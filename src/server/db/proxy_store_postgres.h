// The proxy's store in PostgreSQL (--store postgres://...): the tables of proxy_store_sqlite.cpp with
// the same rules, over a pool of connections (pgsql/pg_client.h) that reconnects by itself. Every
// statement carries its values as parameters; every multi-statement write is one transaction; the
// counts (throttle, budget, generation) are single UPDATE ... RETURNING statements, so instances
// that count at once count exactly. A request costs one statement when its answer is cached here
// (the session with its operator and the generation), two when it goes to the upstream (and the
// budget); README has the figures.
#pragma once

#include "server/db/proxy_store.h"
#include "server/pgsql/pg_client.h"

#include <functional>
#include <memory>
#include <string>

namespace roster::server::proxy {

class PostgresProxyStore : public ProxyStore {
 public:
  PostgresProxyStore(PgSettings settings, std::size_t connections, std::function<void(const std::string&)> log);

  const std::string& description() const override { return pool_.settings().description; }
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

  // Connections opened so far (tests: a restarted server is met by new ones).
  std::uint64_t connects() const { return pool_.connects(); }

 private:
  // One statement on a pooled connection; a Broken result when no connection could be had.
  PgResult run(const char* what, const std::string& sql, const std::vector<PgValue>& params);
  void failed(const char* what, const std::string& detail);

  std::function<void(const std::string&)> log_;
  PgPool pool_;
};

}  // namespace roster::server::proxy
