// `roster-server proxy`: a backend for the browser in front of a real Blynk server (contract
// section 6). It serves the console's page, signs operators in with its own accounts (the same
// session cookie, lock-out and X-Requested-With rules as `serve`, from web_session.h), and forwards
// the allow-listed Platform API calls (allow_list.h) to the upstream with its own bearer token
// (token_source.h), after checking the operator's role, within its rate budget (upstream_budget.h)
// and with "Get user info" and "Organization info" answers cached briefly (answer_cache.h). The
// client secret is read from a file, kept in memory only, and never logged nor sent to a browser.
// Kiosk tokens issued on the proxy's store (`kiosk-token --db` or `--store`) read as a viewer does,
// only for the organization of the proxy's own client (kiosk_access.h has the rules shared with
// serve). Read calls carry If-None-Match to the upstream and its ETag and 304 back (a kiosk's refresh).
//
// Everything instances must agree on lives in the store (db/proxy_store.h: a SQLite file, or
// PostgreSQL for several instances behind a load balancer): operators, sessions (looked up at every
// request, so a sign-out or a removed operator is refused by every instance at the next request),
// the sign-in throttle's counts, kiosk tokens, the upstream budget and the answer caches'
// generation. When the store does not answer, what needs it is a 503 in words; /healthz says the
// process is alive, /readyz whether the store and the upstream answer (a balancer's health check).
#pragma once

#include "server/db/proxy_store.h"
#include "server/host/server_host.h"
#include "server/http/request_reply.h"
#include "server/proxy/answer_cache.h"
#include "server/proxy/token_source.h"
#include "server/proxy/upstream_budget.h"
#include "server/proxy/upstream_client.h"

#include <openssl/ssl.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace roster::server::proxy {

struct ProxyOptions {
  UpstreamEndpoint upstream;
  std::string upstream_ca;  // empty: the system's CAs
  std::string client_id, client_secret;
  std::string db_path;                       // --db FILE: the SQLite store
  std::string store_url, store_password;     // --store URL (PostgreSQL) and its --store-password-file
  std::int64_t store_timeout_ms = 5000;      // each store call's deadline
  std::vector<std::string> trusted_proxies;  // --trusted-proxy: whose X-Forwarded-For names the client
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web_dir;
  std::string tls_cert, tls_key;
  std::string frame_ancestors = "'self'";
  std::int64_t session_ttl_s = 12 * 3600;
  std::int64_t upstream_timeout_s = 10;
  std::int64_t upstream_rate_per_minute = 9000;
  std::int64_t user_info_ttl_s = 30;
  int threads = 8;
};

class ProxyApp {
 public:
  explicit ProxyApp(ProxyOptions options);
  ~ProxyApp();
  bool init(std::string& error);
  // Binds and serves until stopped; returns the process exit code.
  int run();
  // For in-process harnesses (the fuzz target): the port bound by run(), 0 until then; and a stop.
  int bound_port() const { return host_.bound_port(); }
  void stop() { host_.stop(); }
  // For the fuzz target only: a fresh sign-in throttle for each input.
  void reset_throttle_for_tests() { store_->reset_throttle_for_tests(); }

 private:
  // init()'s steps: the store opened and its tables made, the routes added.
  bool open_store(std::string& error);
  void add_routes();
  // The request's session: not answered when the store did not answer; nothing when there is none.
  StoreAnswer<std::optional<SessionRecord>> signed_in(const httplib::Request& req);
  void send(const httplib::Request& req, httplib::Response& res, const Reply& reply);
  Reply sign_in(const httplib::Request& req);
  Reply session_body(const OperatorAccount& who);
  std::pair<int, std::string> own_organization();  // id and name; {0, ""} when unknown
  Reply forward(const httplib::Request& req);
  Reply forward_for_kiosk(const httplib::Request& req, const std::string& token);
  // `generation`: the store's, as this request found it (cached answers older than it are not used).
  Reply ask_upstream(const httplib::Request& req, const struct AllowedCall& call, std::int64_t generation);
  Reply readiness();
  bool upstream_answers();  // a HEAD / now and then (at most every kProbeMs), never spending the budget
  // The client's address key for the sign-in throttle: the peer's, or behind a --trusted-proxy the
  // last address its X-Forwarded-For adds.
  std::string client_address(const httplib::Request& req) const;

  ProxyOptions options_;
  std::unique_ptr<ProxyStore> store_;
  UpstreamClient upstream_;
  UpstreamClient probe_;  // /readyz's: its own short deadline
  TokenSource tokens_;
  BudgetRule budget_;
  const std::string budget_key_;  // what the upstream counts: its origin and the OAuth client
  AnswerCache cache_;
  static constexpr std::int64_t kProbeMs = 2'000;
  std::mutex probe_mutex_;
  bool probing_ = false, probe_ok_ = false;
  std::int64_t probe_fresh_until_ = 0;
  static constexpr std::int64_t kOwnOrgTtlMs = 10 * 60'000, kOwnOrgRetryMs = 30'000;
  std::mutex own_org_mutex_;
  std::pair<int, std::string> own_org_{0, ""};
  std::int64_t own_org_fresh_until_ = 0;
  // Last, so that it stops (and its sweeper, which sweeps the store once a minute) before the rest goes.
  ServerHost host_;
};

}  // namespace roster::server::proxy
