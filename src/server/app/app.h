// roster-server's application object: configuration, the per-thread SQLite connections, the
// in-memory directory, auth state, rate limits and caches; and the plumbing every route shares
// (authentication, rate limiting, CORS, security headers, ETags, JSON replies). Routes live in the
// routes_*.cpp files and register themselves through register_*_routes().
#pragma once

#include "server/db/actions_log_repository.h"
#include "server/db/admin_repository.h"
#include "server/db/auth_repository.h"
#include "server/session/auth_state.h"
#include "server/index/device_index.h"
#include "server/db/devices_repository.h"
#include "server/db/directory.h"
#include "server/http/request_reply.h"
#include "server/db/kiosk_tokens_repository.h"
#include "server/db/orgs_repository.h"
#include "server/sqlite/sqlite_db.h"
#include "server/db/users_repository.h"
#include "server/host/server_host.h"

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <thread>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace roster::server {

struct ServeOptions {
  std::string db_path;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web_dir;
  std::vector<std::string> cors_origins;
  std::string frame_ancestors = "'self'";
  std::string tls_cert, tls_key;
  std::int64_t token_ttl_s = 86400;
  std::int64_t session_ttl_s = 12 * 3600;
  std::int64_t rate_limit_per_minute = 10000;
  int threads = 8;
  std::size_t max_connections = 8192;
  std::size_t max_connections_per_address = 256;
  std::size_t max_body_memory_mb = 256;  // request bodies being received, over all connections
  // Behave as the public cloud does: list items are plain summaries, the extension routes (roles,
  // actions log, user edit) do not exist and the extension filters are ignored. For testing the
  // console's degraded mode against a real server.
  bool public_api_only = false;
};

// Who is calling and what they may do: an OAuth client acts as an Admin of its organisation; a
// console session acts with its user's role.
struct Principal {
  std::int32_t org_id = 0;
  std::int64_t user_id = 0;  // 0 for an OAuth client
  std::int32_t role_id = 1;
  bool via_session = false;
  // A kiosk token (kiosk_tokens_repository.h): reads its organisation's subtree, never writes, and is
  // not a person (no session routes).
  bool kiosk = false;
  std::vector<std::string> permissions;

  bool can(const std::string& permission) const;
  // A plain User: sees only themself and their own devices.
  bool self_only() const { return !can("users.view"); }
};

class App {
 public:
  using Handler = std::function<Reply(const httplib::Request&, const Principal&)>;
  using PublicHandler = std::function<Reply(const httplib::Request&)>;

  explicit App(ServeOptions options);
  ~App();
  bool init(std::string& error);
  // Binds and serves until stopped; returns the process exit code.
  int run();
  // For in-process harnesses (the fuzz target): the port bound by run(), 0 until then; and a stop.
  int bound_port() const { return host_.bound_port(); }
  void stop();

  // For routes.
  const Directory& dir() const { return directory_; }
  AuthState& auth() { return auth_; }
  const ServeOptions& options() const { return options_; }
  // Repositories over this thread's connection: cheap views, made per request.
  UsersRepository users_repo() { return UsersRepository(db(), directory_, writers_, user_index_, device_index_); }
  DevicesRepository devices_repo() { return DevicesRepository(db(), directory_, device_index_); }
  ActionsLogRepository actions_log_repo() { return ActionsLogRepository(db()); }
  // Section 7's writes; the only one that may add to the directory (a new tag).
  AdminRepository admin_repo() { return AdminRepository(db(), directory_, writers_, user_index_, device_index_); }
  OrgsRepository orgs_repo() { return OrgsRepository(directory_, user_index_, device_index_); }
  AuthRepository auth_repo() { return AuthRepository(db(), writers_, user_index_); }
  KioskTokensRepository kiosk_tokens_repo() { return KioskTokensRepository(db()); }

  void api(const char* method, const std::string& path, Handler handler);
  // A route of the contract's section 6: registered unless the server plays the public API.
  void extension_api(const char* method, const std::string& path, Handler handler) {
    if (!options_.public_api_only) api(method, path, std::move(handler));
  }
  void open(const char* method, const std::string& path, PublicHandler handler);

  // The user behind a session cookie, if any and still valid.
  std::optional<Principal> session_principal(const httplib::Request& req);
  std::optional<Principal> principal_for_user(std::int64_t user_id);
  static std::string session_cookie(const httplib::Request& req);

 private:
  // This thread's connection.
  Database& db();
  // init()'s steps: the database opened and checked, the indexes read, the routes added.
  bool open_database(std::string& error);
  bool load_indexes(std::string& error);
  void add_routes();
  void add_route(const char* method, const std::string& path, HttpHandler handler);
  void send(const httplib::Request& req, httplib::Response& res, Reply reply, bool authenticated = false);
  // Sends a body, gzip-compressed (fast setting) when the client accepts it.
  void send_body(const httplib::Request& req, httplib::Response& res, std::string body, const char* type);
  // Every answer's CORS headers, for the listed origins only (the host adds the security headers).
  void add_cors_headers(const httplib::Request& req, httplib::Response& res) const;
  std::optional<Principal> authenticate(const httplib::Request& req, Reply& failure);
  std::optional<Principal> authenticate_kiosk(const std::string& token, Reply& failure);
  bool cors_allowed(const std::string& origin) const;

  ServeOptions options_;
  Directory directory_;
  AuthState auth_;
  RateLimiter rate_limiter_;
  // Held by every write transaction (see WriteTransaction).
  std::mutex writers_;
  // Every user's and every device's search text, filters, sortBy orders and counts per organisation,
  // loaded at start, kept by the writes (each re-reads what it committed).
  UserIndex user_index_;
  DeviceIndex device_index_;
  // Last, so that it stops (and its sweeper, which sweeps auth_ once a minute) before the rest goes.
  ServerHost host_;
};

void register_auth_routes(App& app);
void register_user_routes(App& app);
void register_org_routes(App& app);
void register_device_routes(App& app);
void register_actions_log_routes(App& app);
void register_admin_routes(App& app);
void register_export_routes(App& app);

}  // namespace roster::server
