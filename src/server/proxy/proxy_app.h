// `roster-server proxy`: a backend for the browser in front of a real Blynk server (contract
// section 6). It serves the console's page, signs operators in with its own accounts (the same
// session cookie, lock-out and X-Requested-With rules as `serve`, from web_session.h), and forwards
// the allow-listed Platform API calls (allow_list.h) to the upstream with its own bearer token
// (token_source.h), after checking the operator's role, within its rate budget (upstream_budget.h)
// and with "Get user info" and "Organization info" answers cached briefly (answer_cache.h). The
// client secret is read from a file, kept in memory only, and never logged nor sent to a browser.
// Kiosk tokens issued on the proxy's database (`kiosk-token --db`) read as a viewer does, only
// for the organization of the proxy's own client (kiosk_access.h has the rules shared with serve).
// Read calls carry If-None-Match to the upstream and its ETag and 304 back (a kiosk's refresh).
#pragma once

#include "server/session/auth_state.h"
#include "server/host/server_host.h"
#include "server/http/request_reply.h"
#include "server/db/kiosk_tokens_repository.h"
#include "server/proxy/answer_cache.h"
#include "server/db/operators_repository.h"
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

namespace roster::server::proxy {

struct ProxyOptions {
  UpstreamEndpoint upstream;
  std::string upstream_ca;  // empty: the system's CAs
  std::string client_id, client_secret;
  std::string db_path;
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
  // For the fuzz target only: a fresh sign-in throttle for each input (LoginThrottle::reset_for_tests).
  void reset_throttle_for_tests() { auth_.throttle().reset_for_tests(); }

 private:
  // init()'s steps: the operators' and kiosk tokens' database opened, the routes added.
  bool open_databases(std::string& error);
  void add_routes();
  std::optional<OperatorAccount> signed_in(const httplib::Request& req);
  void send(const httplib::Request& req, httplib::Response& res, const Reply& reply);
  Reply sign_in(const httplib::Request& req);
  Reply session_body(const OperatorAccount& who);
  std::pair<int, std::string> own_organization();  // id and name; {0, ""} when unknown
  Reply forward(const httplib::Request& req);
  Reply forward_for_kiosk(const httplib::Request& req, const std::string& token);
  Reply ask_upstream(const httplib::Request& req, const struct AllowedCall& call);

  ProxyOptions options_;
  OperatorsRepository operators_;
  // The kiosk tokens in the same file, looked up at every request (a revocation by the command
  // line applies at the next one), over a connection of their own.
  std::mutex kiosk_mutex_;
  std::unique_ptr<Database> kiosk_db_;
  AuthState auth_;
  UpstreamClient upstream_;
  TokenSource tokens_;
  UpstreamBudget budget_;
  AnswerCache cache_;
  static constexpr std::int64_t kOwnOrgTtlMs = 10 * 60'000, kOwnOrgRetryMs = 30'000;
  std::mutex own_org_mutex_;
  std::pair<int, std::string> own_org_{0, ""};
  std::int64_t own_org_fresh_until_ = 0;
  // Last, so that it stops (and its sweeper, which sweeps auth_ once a minute) before the rest goes.
  ServerHost host_;
};

}  // namespace roster::server::proxy
