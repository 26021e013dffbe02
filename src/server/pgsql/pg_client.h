// roster-server's PostgreSQL client over libpq, for the proxy's shared store (db/proxy_store_postgres):
// statements with parameters only (PQsendQueryParams: a statement's text and its values travel apart,
// so no value is ever read as SQL), a deadline on every call (a stalled server is an error value,
// never a hung worker), and a small pool of connections that reconnects by itself. The connection
// string's password is kept out of every message: libpq's own words are scrubbed of it too.
#pragma once

#include <libpq-fe.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace roster::server {

// A statement's parameter in libpq's text format; nullopt is SQL NULL.
using PgValue = std::optional<std::string>;
inline PgValue pg_value(std::int64_t v) { return std::to_string(v); }
inline PgValue pg_value(int v) { return std::to_string(v); }
PgValue pg_value(double v);  // round-trips exactly ("%.17g")
inline PgValue pg_value(const std::string& v) { return v; }
inline PgValue pg_value(const char* v) { return std::string(v); }

// One statement's answer.
class PgResult {
 public:
  // Ok: done (rows, if any, to read). Refused: the server refused this statement (a constraint, say:
  // sqlstate() says which) and the connection is fine. Broken: the connection failed, the deadline
  // passed or the server cannot work now (shutting down, out of resources); the connection is dropped.
  enum class Status { Ok, Refused, Broken };

  PgResult() = default;
  PgResult(Status status, PGresult* result, std::string error, std::string sqlstate);

  Status status() const { return status_; }
  bool ok() const { return status_ == Status::Ok; }
  const std::string& error() const { return error_; }  // for the log; never for a client
  const std::string& sqlstate() const { return sqlstate_; }
  bool unique_violation() const { return sqlstate_ == "23505"; }

  int rows() const;
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;
  std::int64_t int64(int row, int column) const;
  double real(int row, int column) const;
  bool boolean(int row, int column) const;  // 't'
  std::int64_t affected() const;            // rows changed by an INSERT, UPDATE or DELETE

 private:
  Status status_ = Status::Broken;
  std::shared_ptr<PGresult> result_;
  std::string error_, sqlstate_;
};

// Where and how to connect, from a postgres:// or postgresql:// URL (or libpq's key=value form).
struct PgSettings {
  std::vector<std::string> keywords, values;  // for PQconnectdbParams
  std::string password;                       // to scrub from messages (empty: none given)
  std::string description;                    // "PostgreSQL database DB on HOST:PORT as USER": no password
  int call_timeout_ms = 5000;                 // each statement's deadline (and the server's statement_timeout)
};

// Parses `url` (a password may also come from `password_file`'s first line); false with `error`
// (which never holds the password).
bool parse_pg_settings(const std::string& url, const std::string& password, PgSettings& out, std::string& error);

// `text` with every occurrence of `secret` replaced by [redacted] (nothing to do for an empty secret).
std::string scrub_secret(std::string text, const std::string& secret);

class PgConnection {
 public:
  // Connects within the settings' connect_timeout; nullptr with `error` (scrubbed) when it cannot.
  static std::unique_ptr<PgConnection> open(const PgSettings& settings, std::string& error);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement with its parameters ($1, $2, ...), within the deadline.
  PgResult exec(const std::string& sql, const std::vector<PgValue>& params = {});
  // False when the server has closed the connection since its last use (a restart, an administrator).
  bool usable();
  bool broken() const { return broken_; }

 private:
  PgConnection(PGconn* conn, const PgSettings& settings) : conn_(conn), settings_(settings) {}
  PgResult fail(std::string why);
  PGconn* conn_;
  const PgSettings& settings_;
  bool broken_ = false;
};

// A transaction on one connection: BEGIN at construction, ROLLBACK unless commit() succeeded.
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& c);
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  bool ok() const { return began_.ok(); }
  const PgResult& begin_result() const { return began_; }
  PgResult commit();

 private:
  PgConnection& c_;
  PgResult began_;
  bool done_ = false;
};

// (A connection keeps a reference to its settings: the pool that made it outlives it.)
//
// Up to `max_connections` connections shared by the calling threads. A broken connection is dropped;
// the next call opens a new one. While the server does not answer, one connection attempt at most is
// made each kRetryMs and every other call fails at once (so a worker never queues behind a dead
// server). Up and down transitions are reported once each through `log`.
class PgPool {
 public:
  static constexpr std::int64_t kRetryMs = 500;
  static constexpr std::int64_t kWaitForConnectionMs = 5000;

  PgPool(PgSettings settings, std::size_t max_connections, std::function<void(const std::string&)> log);
  ~PgPool();

  const PgSettings& settings() const { return settings_; }
  bool down() const;  // the last connection attempt failed

  class Lease {
   public:
    Lease(PgPool* pool, std::unique_ptr<PgConnection> c) : pool_(pool), c_(std::move(c)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    PgConnection& operator*() { return *c_; }
    PgConnection* operator->() { return c_.get(); }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> c_;
  };
  // A connection for the caller, or nullopt with `error` (scrubbed) when the store is not answering.
  std::optional<Lease> lease(std::string& error);

  // Connections opened since the start (tests: a restart of the server is met by new ones).
  std::uint64_t connects() const;

 private:
  void give_back(std::unique_ptr<PgConnection> c);
  void note_down(const std::string& why);
  void note_up();

  PgSettings settings_;
  std::size_t max_;
  std::function<void(const std::string&)> log_;
  mutable std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  std::size_t open_ = 0;
  std::int64_t retry_at_ = 0;  // steady ms; while in the future, no new connection is tried
  bool down_ = false;
  std::string down_reason_;
  std::uint64_t connects_ = 0;
};

}  // namespace roster::server
