#include "server/app/app.h"

#include "model/api_error.h"
#include "server/session/kiosk_access.h"
#include "server/db/index_loader.h"
#include "server/db/schema.h"
#include "server/session/web_session.h"
#include "server/base/clock.h"

#include <malloc.h>
#include <openssl/ssl.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <unordered_map>

namespace roster::server {

bool Principal::can(const std::string& permission) const {
  for (const auto& p : permissions)
    if (p == permission) return true;
  return false;
}

namespace {

HostOptions host_options(const ServeOptions& o) {
  HostOptions h;
  h.http.host = o.host;
  h.http.port = o.port;
  h.http.worker_threads = o.threads;
  h.http.max_connections = o.max_connections;
  h.http.max_connections_per_address = o.max_connections_per_address;
  h.http.max_buffered_body_bytes = o.max_body_memory_mb * 1024 * 1024;
  h.web_dir = o.web_dir;
  h.tls_cert = o.tls_cert;
  h.tls_key = o.tls_key;
  h.frame_ancestors = o.frame_ancestors;
  return h;
}

}  // namespace

App::App(ServeOptions options)
    : options_(std::move(options)),
      auth_(options_.token_ttl_s, options_.session_ttl_s),
      rate_limiter_(options_.rate_limit_per_minute),
      host_(host_options(options_)) {
  host_.set_extra_headers([this](const httplib::Request& req, httplib::Response& res) { add_cors_headers(req, res); });
}

App::~App() = default;

Database& App::db() {
  // One connection per worker thread: SQLite connections are not shared across threads, and WAL
  // lets readers on different connections run side by side.
  thread_local std::unordered_map<std::string, std::unique_ptr<Database>> connections;
  auto& conn = connections[options_.db_path];
  if (!conn || !conn->ok()) conn = std::make_unique<Database>(options_.db_path, false);
  return *conn;
}

bool App::init(std::string& error) {
  if (!open_database(error) || !load_indexes(error) || !host_.open(error)) return false;
  add_routes();
  host_.finish();
  return true;
}

bool App::open_database(std::string& error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(options_.db_path, ec)) {
    error = "database " + options_.db_path + " does not exist; create it with 'roster-server seed --db " +
            options_.db_path + "'";
    return false;
  }
  Database& database = db();
  if (!database.ok()) {
    error = "cannot open database " + options_.db_path + ": " + database.error();
    return false;
  }
  std::string why;
  if (!open_current_schema(database, why)) {
    error = options_.db_path + ": " + why;
    return false;
  }
  if (!ensure_indexes(database)) {
    error = options_.db_path + ": cannot create indexes: " + database.error();
    return false;
  }
  if (!KioskTokensRepository(database).ensure_table(error)) {
    error = options_.db_path + ": cannot create the kiosk tokens table: " + error;
    return false;
  }
  if (!directory_.load(database, error)) {
    error = options_.db_path + ": " + error;
    return false;
  }
  return true;
}

bool App::load_indexes(std::string& error) {
  // Users and devices are read side by side, each over a connection of its own without the memory
  // map (one pass over every row would otherwise stay in the process's resident memory as mapped
  // pages); the devices then take their owners' names from the user index.
  auto loader = [this] {
    auto db = std::make_unique<Database>(options_.db_path, false);
    if (db->ok()) db->exec("PRAGMA mmap_size=0; PRAGMA cache_size=-2048;");
    return db;
  };
  auto users_db = loader(), devices_db = loader();
  std::string device_error;
  bool devices_read = false;
  std::thread devices(
      [&] { devices_read = devices_db->ok() && read_device_index(*devices_db, device_index_, device_error); });
  const bool users_read = users_db->ok() && load_user_index(*users_db, user_index_, error);
  devices.join();
  if (!users_read) {
    error = options_.db_path + ": cannot load the users: " + (error.empty() ? users_db->error() : error);
    return false;
  }
  if (!devices_read) {
    error =
        options_.db_path + ": cannot load the devices: " + (device_error.empty() ? devices_db->error() : device_error);
    return false;
  }
  std::fprintf(stderr, "roster-server: %s\n", user_index_.load_report().c_str());
  device_index_.finish_load([this](std::int64_t user_id) { return user_index_.name_fold(user_id); });
  std::fprintf(stderr, "roster-server: %s\n", device_index_.load_report().c_str());
#if defined(__GLIBC__)
  // Loading freed hundreds of MB of rows, sort buffers and the buffers' doubling; glibc keeps freed
  // heap pages mapped unless asked, and they would count in the server's resident memory for good.
  malloc_trim(0);
#endif
  return true;
}

void App::add_routes() {
  register_auth_routes(*this);
  register_user_routes(*this);
  register_org_routes(*this);
  register_device_routes(*this);
  register_actions_log_routes(*this);
  register_admin_routes(*this);
  register_export_routes(*this);

  // CORS preflight for the listed origins only.
  host_.router().add("OPTIONS", R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    auto origin = req.get_header_value("Origin");
    host_.add_common_headers(req, res);
    if (!cors_allowed(origin)) {
      res.status = 403;
      return;
    }
    res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
    res.set_header("Access-Control-Allow-Headers",
                   "Authorization, Content-Type, X-Requested-With, If-None-Match, If-Match");
    res.set_header("Access-Control-Max-Age", "600");
    res.status = 204;
  });
}

int App::run() {
  return host_.run([this] { auth_.sweep(now_ms()); });
}

void App::stop() { host_.stop(); }

bool App::cors_allowed(const std::string& origin) const {
  if (origin.empty()) return false;
  for (const auto& o : options_.cors_origins)
    if (o == origin) return true;
  return false;
}

void App::add_cors_headers(const httplib::Request& req, httplib::Response& res) const {
  auto origin = req.get_header_value("Origin");
  if (cors_allowed(origin)) {
    res.set_header("Access-Control-Allow-Origin", origin);
    res.set_header("Access-Control-Allow-Credentials", "true");
    res.set_header("Access-Control-Expose-Headers", "ETag, Retry-After");
    res.set_header("Vary", "Origin");
  }
}

void App::send(const httplib::Request& req, httplib::Response& res, Reply reply, bool authenticated) {
  host_.add_common_headers(req, res);
  for (const auto& [k, v] : reply.headers) res.set_header(k.c_str(), v);
  // What a caller is shown about their organisation is theirs alone: no shared cache may keep it.
  if (!res.has_header("Cache-Control"))
    res.set_header("Cache-Control", reply.etag ? (authenticated ? "private, no-cache" : "no-cache")
                                               : (authenticated ? "private, no-cache, no-store" : "no-store"));
  res.status = reply.status;
  if (reply.stream) return set_streamed_body(res, reply.stream_type, std::move(reply.stream));
  if (reply.body.is_null() && reply.json_text.empty()) return;
  std::string body = reply.json_text.empty() ? safe_dump(reply.body) : std::move(reply.json_text);
  if (reply.etag && reply.status == 200) {
    auto tag = etag_for(body);
    res.set_header("ETag", tag);
    if (etag_matches(req.get_header_value("If-None-Match"), tag)) {
      res.status = 304;
      return;
    }
  }
  send_body(req, res, std::move(body), "application/json");
}

namespace {

// The server writes bodies as they are (it never compresses on its own): what is compressed, and
// how, is decided here.
void set_body(httplib::Response& res, std::string body, const char* type) {
  res.body = std::move(body);
  res.set_header("Content-Type", type);
}

// gzip at level 1: a page of 100 users (about 40 KB of JSON) shrinks four- to six-fold in about a
// millisecond. cpp-httplib's own choice would be brotli at its slowest setting (over 100 ms a page).
bool gzip_fast(const std::string& in, std::string& out) {
  z_stream zs{};
  if (deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return false;
  out.resize(deflateBound(&zs, in.size()));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END;
}

}  // namespace

void App::send_body(const httplib::Request& req, httplib::Response& res, std::string body, const char* type) {
  std::string compressed;
  if (body.size() > 1024 && req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos &&
      gzip_fast(body, compressed)) {
    res.set_header("Content-Encoding", "gzip");
    body = std::move(compressed);
  }
  res.set_header("Vary", "Accept-Encoding");
  set_body(res, std::move(body), type);
}

std::string App::session_cookie(const httplib::Request& req) { return session_id_from_cookie(req); }

std::optional<Principal> App::principal_for_user(std::int64_t user_id) {
  auto account = auth_repo().session_account(user_id);
  if (!account || account->status == "Suspended") return std::nullopt;
  Principal p;
  p.user_id = user_id;
  p.org_id = account->org_id;
  p.role_id = account->role_id;
  p.via_session = true;
  if (const Role* role = directory_.role(p.role_id)) p.permissions = role->permissions;
  return p;
}

std::optional<Principal> App::session_principal(const httplib::Request& req) {
  auto id = session_cookie(req);
  if (id.empty()) return std::nullopt;
  auto s = auth_.session(id, now_ms());
  if (!s) return std::nullopt;
  return principal_for_user(s->user_id);
}

std::optional<Principal> App::authenticate_kiosk(const std::string& token, Reply& failure) {
  auto tokens = kiosk_tokens_repo();
  auto record = kiosk_token_in_force(tokens, token, now_ms(), failure);
  if (!record) return std::nullopt;
  Principal p;
  p.org_id = record->org_id;
  p.role_id = 2;  // reads like Staff: users, devices and organisations; device tokens stay masked
  p.kiosk = true;
  p.permissions = {"users.view", "devices.view", "orgs.view"};
  return p;
}

std::optional<Principal> App::authenticate(const httplib::Request& req, Reply& failure) {
  auto authz = req.get_header_value("Authorization");
  if (auto kiosk = kiosk_bearer(req); !kiosk.empty()) return authenticate_kiosk(kiosk, failure);
  if (authz.rfind("Bearer ", 0) == 0) {
    auto grant = auth_.access(authz.substr(7), now_ms());
    if (!grant) {
      failure = Reply::error(401, "The access token is missing, unknown or expired.");
      failure.headers.push_back({"WWW-Authenticate", "Bearer error=\"invalid_token\""});
      return std::nullopt;
    }
    Principal p;
    p.org_id = grant->org_id;
    if (const Role* admin = directory_.role(1)) p.permissions = admin->permissions;
    return p;
  }
  if (auto p = session_principal(req)) {
    if (auto refusal = refuse_without_requested_with(req)) {
      failure = *refusal;
      return std::nullopt;
    }
    return p;
  }
  failure = Reply::error(401, "Sign in, or send an access token (Authorization: Bearer ...).");
  failure.headers.push_back({"WWW-Authenticate", "Bearer"});
  return std::nullopt;
}

void App::add_route(const char* method, const std::string& path, HttpHandler handler) {
  host_.router().add(method, path, std::move(handler));
}

void App::api(const char* method, const std::string& path, Handler handler) {
  add_route(method, path, [this, handler](const httplib::Request& req, httplib::Response& res) {
    Reply failure;
    auto principal = authenticate(req, failure);
    if (!principal) return send(req, res, std::move(failure));
    if (principal->kiosk && req.method != "GET" && req.method != "HEAD") return send(req, res, kiosk_read_only(), true);
    if (auto wait = rate_limiter_.acquire(principal->org_id, now_ms())) {
      Reply r =
          Reply::error(429, "Too many requests for this organization; try again in " + std::to_string(wait) + " s.");
      r.headers.push_back({"Retry-After", std::to_string(wait)});
      return send(req, res, std::move(r), true);
    }
    if (!db().ok()) return send(req, res, Reply::error(503, "The database is unavailable."), true);
    send(req, res, handler(req, *principal), true);
  });
}

void App::open(const char* method, const std::string& path, PublicHandler handler) {
  add_route(method, path, [this, handler](const httplib::Request& req, httplib::Response& res) {
    send(req, res, handler(req), !session_cookie(req).empty());
  });
}

}  // namespace roster::server
