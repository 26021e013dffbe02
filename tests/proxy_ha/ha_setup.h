// The HA set-up of the integration suite, as a deployment runs it: a PostgreSQL cluster the test
// starts (pg_cluster.h), a `--public-api-only` roster-server over TLS playing the Blynk cloud
// (tests/proxy's upstream), three `roster-server proxy` instances sharing a PostgreSQL store (each
// started with nothing but the store's address, its password file and the client secret file), and
// HAProxy in front balancing round-robin: its config written into the test's temporary folder,
// `option httpchk GET /readyz` every 300 ms, and retries with `option redispatch` for requests an
// instance could not answer (GET and HEAD only: a change is never sent twice), as a real deployment
// would have them. When no instance is ready HAProxy's own 503 is JSON in words (errorfile).
#pragma once

#include "pg_cluster.h"
#include "proxy_support.h"

#include <memory>
#include <string>
#include <vector>

namespace roster::test {

class Haproxy {
 public:
  // Balances over 127.0.0.1:`ports`.
  explicit Haproxy(const std::vector<int>& ports);
  ~Haproxy();
  Haproxy(const Haproxy&) = delete;
  Haproxy& operator=(const Haproxy&) = delete;

  int port() const { return port_; }
  std::unique_ptr<httplib::Client> client() const;
  // Each server's state as HAProxy's health check sees it ("UP", "DOWN", ...), in config order.
  std::vector<std::string> states() const;
  // Waits (up to `timeout_ms`) until server `index` is in `state`; false when it never was.
  bool wait_for(std::size_t index, const std::string& state, int timeout_ms = 10'000) const;
  // Requests each server has been sent (HAProxy's per-server total).
  std::vector<long> sent() const;
  std::string log() const;

 private:
  int pid_ = -1, port_ = 0, stats_port_ = 0;
  std::string log_path_;
};

struct HaSet {
  std::string store_url;  // a schema of the shared cluster; no password in it
  std::vector<int> ports;
  std::vector<std::unique_ptr<ProxyProcess>> proxies;
  std::unique_ptr<Haproxy> balancer;

  // Starts (again) instance `i` on its port, with the set's arguments.
  void start(std::size_t i);
  std::vector<std::string> args(std::size_t i) const;
  std::vector<std::string> extra;  // more proxy arguments for every instance

  // Through the balancer.
  std::string sign_in(const std::string& email) const;
  Response get(const std::string& cookie, const std::string& path) const;
  Response send(const std::string& method, const std::string& cookie, const std::string& path,
                const std::string& body = "") const;
};

// `count` instances on a store of their own (`name`: its schema), with the operators
// admin@ops.test, staff@ops.test and viewer@ops.test (kOperatorPassword), behind HAProxy.
std::unique_ptr<HaSet> start_ha_set(const std::string& name, std::size_t count, std::vector<std::string> extra = {});
// The suite's main set (three instances), made at first use.
HaSet& shared_ha_set();

// roster-server with `args` and the store's flags (URL and password file) added.
CommandResult store_command(const HaSet& set, std::vector<std::string> args);

}  // namespace roster::test
