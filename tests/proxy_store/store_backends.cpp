#include "store_backends.h"

#include "server/db/proxy_store_sqlite.h"
#include "server/sqlite/sqlite_db.h"

#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

namespace roster::test {

using namespace roster::server;
using namespace roster::server::proxy;

namespace {

std::atomic<int> g_serial{0};

const std::string& sqlite_dir() {
  static std::string dir = [] {
    char templ[] = "/tmp/roster-store-XXXXXX";
    REQUIRE(mkdtemp(templ) != nullptr);
    static const std::string made = templ;
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(made, ignored);
    });
    return made;
  }();
  return dir;
}

}  // namespace

std::function<void(const std::string&)> LogLines::sink() {
  return [this](const std::string& line) {
    std::lock_guard<std::mutex> lock(mutex_);
    lines_.push_back(line);
  };
}

std::string LogLines::all() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  for (const auto& l : lines_) out += l + "\n";
  return out;
}

SqliteBackend::SqliteBackend() : path(sqlite_dir() + "/store-" + std::to_string(++g_serial) + ".db") {}

std::unique_ptr<ProxyStore> SqliteBackend::open() {
  auto store = std::make_unique<SqliteProxyStore>(path, true, log->sink());
  INFO(store->error());
  REQUIRE(store->ok());
  std::string error;
  INFO(error);
  REQUIRE(store->prepare(error));
  return store;
}

std::string SqliteBackend::raw(const std::string& sql) {
  Database db(path, false);
  REQUIRE(db.ok());
  auto s = db.prepare(sql);
  INFO(s.error());
  REQUIRE(s.ok());
  std::string out;
  while (s.step()) out += s.text(0) + "\n";
  return out;
}

PostgresBackend::PostgresBackend() : schema("contract_" + std::to_string(++g_serial)) {
  url = shared_cluster().schema(schema);
}

std::unique_ptr<ProxyStore> PostgresBackend::open(int call_timeout_ms) {
  StoreOptions o;
  o.postgres_url = url;
  o.postgres_password = shared_cluster().password();
  o.connections = 4;
  o.call_timeout_ms = call_timeout_ms;
  o.log = log->sink();
  std::string error;
  auto store = open_proxy_store(o, error);
  INFO(error);
  REQUIRE(store);
  REQUIRE(store->prepare(error));
  return store;
}

std::string PostgresBackend::raw(const std::string& sql) {
  std::string out = shared_cluster().psql("SET search_path = " + schema + "; " + sql);
  return out.empty() ? out : out + "\n";
}

}  // namespace roster::test
