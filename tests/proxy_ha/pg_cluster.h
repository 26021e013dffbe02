// A PostgreSQL cluster of the test's own (PostgreSQL 15's server binaries from Debian's package):
// initdb in a temporary folder, its socket in that folder and its port a free one of 127.0.0.1, so
// it neither depends on nor touches a cluster the machine may run (Debian's "main" on 5432).
// PostgreSQL refuses to run as root: when the test runs as root (CI does), initdb and postgres run
// as the `postgres` system user (runuser), in a folder owned by it. Stopped and removed at the end.
//
// A role `roster` with a password (scram-sha-256 over TCP) owns a database `roster`; each test takes
// a schema of its own (the store's tables go where the connection's search_path says).
#pragma once

#include <string>

namespace roster::test {

class PgCluster {
 public:
  PgCluster();  // initdb, start, the role and the database; REQUIRE()s each step
  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  // The `roster` role's password, and a file holding it (for --store-password-file).
  const std::string& password() const { return password_; }
  const std::string& password_file() const { return password_file_; }
  // postgres://roster@127.0.0.1:PORT/roster, with `schema` first on the search_path when given
  // (created by schema()). No password in it.
  std::string url(const std::string& schema = "") const;
  // Creates the schema (owned by `roster`) and returns url(schema).
  std::string schema(const std::string& name);

  // Runs `sql` as the superuser over the socket; psql's output (unaligned, tuples only). REQUIRE()s
  // that it worked unless `may_fail`.
  std::string psql(const std::string& sql, bool may_fail = false, const std::string& database = "roster") const;

  // pg_ctl stop (fast: connections are closed, as a server restart closes them) and start again on
  // the same port.
  void stop();
  void start();
  bool running() const { return running_; }
  // Extra settings for `postgres -c` (before start()): the benchmark's pg_stat_statements.
  void set_extra_options(const std::string& options) { extra_ = options; }

 private:
  std::string as_postgres(const std::string& command) const;
  std::string dir_, password_, password_file_, extra_;
  int port_ = 0;
  bool running_ = false;
};

// One cluster for the whole test binary, made at first use.
PgCluster& shared_cluster();

// Runs a shell command; its exit status, and its output in `output`.
int shell(const std::string& command, std::string* output = nullptr);

// A free TCP port of 127.0.0.1 now (bound, read and closed).
int free_port();

}  // namespace roster::test
