// What `serve` (app/) and `proxy` (proxy/) share to put a server up: the web root and TLS, the router
// with the last routes every server has (any other GET is a file of the web root) and its answers to
// errors and exceptions in the contract's shape, the headers every answer carries, a sweeper that runs
// once a minute, and the HTTP server bound, announced and run until stopped. Each app adds its own
// routes to router() between open() and finish().
#pragma once

#include "server/http/http_router.h"
#include "server/http/http_server.h"
#include "server/http/static_files.h"
#include "server/http/tls_context.h"

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace roster::server {

struct HostOptions {
  HttpServerOptions http;  // address, workers, limits (its `tls` is set by open())
  std::string web_dir;     // empty: no web root (every other GET is a 404)
  std::string tls_cert, tls_key;
  std::string frame_ancestors = "'self'";
  // The 500's words when a handler fails (it throws, which no handler should).
  std::string failure_words = "The server failed while handling this request.";
};

class ServerHost {
 public:
  using HeaderHook = std::function<void(const httplib::Request&, httplib::Response&)>;

  explicit ServerHost(HostOptions options);
  ~ServerHost();
  ServerHost(const ServerHost&) = delete;
  ServerHost& operator=(const ServerHost&) = delete;

  // Opens the web root and the TLS certificate; false with words in `error` when either is unusable.
  bool open(std::string& error);
  HttpRouter& router() { return router_; }
  bool tls() const { return tls_ != nullptr; }

  // Headers every answer carries: the security headers (web_page.h), then the app's own (serve's CORS).
  void set_extra_headers(HeaderHook hook) { extra_headers_ = std::move(hook); }
  void add_common_headers(const httplib::Request& req, httplib::Response& res) const;

  // After the app's routes: adds the web root's files and the error answers, and makes the server.
  void finish();
  // Binds, prints "roster-server listening on URL" on stdout, runs `every_minute` once a minute while
  // it serves, and returns the process exit code (3: could not listen or serve).
  int run(std::function<void()> every_minute);
  void stop();
  // The port bound by run(), 0 until then (for in-process harnesses).
  int bound_port() const { return bound_port_.load(); }

 private:
  void stop_sweeper();

  HostOptions options_;
  HttpRouter router_;
  TlsContext tls_{nullptr, SSL_CTX_free};
  std::unique_ptr<StaticFiles> static_files_;
  std::unique_ptr<HttpServer> server_;
  HeaderHook extra_headers_;
  std::atomic<int> bound_port_{0};
  std::thread sweeper_;
  std::mutex sweeper_mutex_;
  std::condition_variable sweeper_wake_;
  bool sweeper_stop_ = false;
};

}  // namespace roster::server
