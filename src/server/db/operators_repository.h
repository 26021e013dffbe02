// The proxy's database: its operator accounts (who may sign in to the console through the proxy).
// It is a file of its own, not an organization's data: the organization lives on the upstream Blynk
// server. Owns every SQL statement on it; thread-safe (one connection behind a mutex: sign-ins are
// rare and each statement is tiny).
#pragma once

#include "server/db/operator_roles.h"
#include "server/sqlite/sqlite_db.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace roster::server::proxy {

// True when `db` holds the operators table: the proxy's own database, where `kiosk-token` issues
// tokens for the proxy (the organization they read lives on the upstream, not in this file).
bool is_proxy_database(Database& db);

class OperatorsRepository {
 public:
  // Opens `path`, creating the file and the table when `create`; check ok() and error().
  OperatorsRepository(const std::string& path, bool create);
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  // False with `error` when the email is taken or the database refuses.
  bool add(const std::string& email, OperatorRole role, const std::string& password, std::int64_t now_ms,
           std::string& error);
  std::vector<OperatorAccount> list();
  // False when there was no such operator.
  bool remove(const std::string& email);
  std::optional<OperatorAccount> by_email(const std::string& email);
  std::optional<OperatorAccount> by_id(std::int64_t id);

 private:
  std::optional<OperatorAccount> read_one(const std::string& where, const std::string& key, std::int64_t id);
  std::mutex mutex_;
  std::unique_ptr<Database> db_;
  std::string error_;
};

}  // namespace roster::server::proxy
