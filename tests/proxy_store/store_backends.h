// The two places a proxy store lives, for the contract tests: each test case runs once on a SQLite
// file and once on a PostgreSQL schema (of the cluster tests/proxy_ha/pg_cluster.h starts), each of
// its own. open() gives another handle on the same store (another instance of the proxy), raw() reads
// the tables directly (what an attacker with a copy of the store would see).
#pragma once

#include "pg_cluster.h"
#include "server/db/proxy_store.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace roster::test {

// What the stores logged, to check that no password went there.
class LogLines {
 public:
  std::function<void(const std::string&)> sink();
  std::string all() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

struct SqliteBackend {
  static constexpr const char* kName = "SQLite";
  SqliteBackend();
  std::unique_ptr<server::proxy::ProxyStore> open();
  // The first column of every row of `sql`, one a line.
  std::string raw(const std::string& sql);
  // Another store, as another organization's deployment would have.
  SqliteBackend other() { return SqliteBackend(); }
  std::string path;
  std::shared_ptr<LogLines> log = std::make_shared<LogLines>();
};

struct PostgresBackend {
  static constexpr const char* kName = "PostgreSQL";
  PostgresBackend();
  std::unique_ptr<server::proxy::ProxyStore> open(int call_timeout_ms = 3000);
  std::string raw(const std::string& sql);
  PostgresBackend other() { return PostgresBackend(); }
  std::string schema, url;
  std::shared_ptr<LogLines> log = std::make_shared<LogLines>();
};

}  // namespace roster::test
