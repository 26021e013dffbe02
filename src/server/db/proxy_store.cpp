#include "server/db/proxy_store.h"

#include "model/sha256.h"
#include "server/db/proxy_store_postgres.h"
#include "server/db/proxy_store_sqlite.h"

#include <algorithm>
#include <cmath>

namespace roster::server::proxy {

std::int64_t budget_wait_s(const BudgetRule& rule, double tokens, std::int64_t held_until, std::int64_t now) {
  if (now < held_until) return (held_until - now + 999) / 1000;
  if (rule.per_ms <= 0) return 60;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil((1.0 - tokens) / rule.per_ms / 1000.0)));
}

std::string store_hash(const std::string& text) {
  auto digest = sha256(text);
  return hex_encode(std::string(digest.begin(), digest.end()));
}

bool is_postgres_url(const std::string& url) {
  return url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0;
}

std::unique_ptr<ProxyStore> open_proxy_store(const StoreOptions& options, std::string& error) {
  if (!options.postgres_url.empty()) {
    if (!is_postgres_url(options.postgres_url)) {
      error = "--store takes a postgres:// or postgresql:// URL (--db FILE for a SQLite file)";
      return nullptr;
    }
    PgSettings settings;
    if (!parse_pg_settings(options.postgres_url, options.postgres_password, settings, error)) return nullptr;
    settings.call_timeout_ms = options.call_timeout_ms;
    return std::make_unique<PostgresProxyStore>(std::move(settings), options.connections, options.log);
  }
  auto store = std::make_unique<SqliteProxyStore>(options.sqlite_path, options.create, options.log);
  if (!store->ok()) {
    error = store->error();
    return nullptr;
  }
  return store;
}

}  // namespace roster::server::proxy
