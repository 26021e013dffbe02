#include "server/host/server_host.h"

#include "model/api_error.h"
#include "server/host/web_page.h"
#include "server/http/request_reply.h"

#include <chrono>
#include <cstdio>

namespace roster::server {

ServerHost::ServerHost(HostOptions options) : options_(std::move(options)) {}

ServerHost::~ServerHost() { stop_sweeper(); }

bool ServerHost::open(std::string& error) {
  return open_web_root_and_tls(options_.web_dir, options_.tls_cert, options_.tls_key, static_files_, tls_, error);
}

void ServerHost::add_common_headers(const httplib::Request& req, httplib::Response& res) const {
  add_security_headers(res, options_.frame_ancestors, tls_ != nullptr);
  if (extra_headers_) extra_headers_(req, res);
}

void ServerHost::finish() {
  router_.add("GET", R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    add_common_headers(req, res);
    serve_web_file(static_files_.get(), req, res);
  });
  // Any text built from the request (the path here) may be invalid UTF-8: dump() replaces it.
  router_.set_error_finisher([this](const httplib::Request& req, httplib::Response& res) {
    add_common_headers(req, res);
    std::string message = res.status == 404 ? "No such endpoint: " + req.method + " " + req.path
                                            : std::string(describe_http_status(res.status));
    res.set_content(safe_dump(encode_error(message)), "application/json");
  });
  router_.set_exception_handler([this](const httplib::Request& req, httplib::Response& res) {
    add_common_headers(req, res);
    res.status = 500;
    res.set_content(safe_dump(encode_error(options_.failure_words)), "application/json");
  });
  HttpServerOptions http = options_.http;
  http.tls = tls_.get();
  server_ = std::make_unique<HttpServer>(http, router_);
}

int ServerHost::run(std::function<void()> every_minute) {
  std::string error;
  const auto& http = options_.http;
  int port = server_->bind(error);
  if (port < 0) {
    if (http.port == 0)
      std::fprintf(stderr, "roster-server: cannot listen on %s: %s\n", http.host.c_str(), error.c_str());
    else
      std::fprintf(stderr, "roster-server: cannot listen on %s:%d (in use, or not an address of this machine): %s\n",
                   http.host.c_str(), http.port, error.c_str());
    return 3;
  }
  std::printf("roster-server listening on %s://%s:%d\n", tls_ ? "https" : "http", http.host.c_str(), port);
  std::fflush(stdout);
  bound_port_ = port;
  sweeper_ = std::thread([this, every_minute] {
    std::unique_lock<std::mutex> lock(sweeper_mutex_);
    while (!sweeper_wake_.wait_for(lock, std::chrono::seconds(60), [this] { return sweeper_stop_; })) every_minute();
  });
  const bool served = server_->run();
  stop_sweeper();
  return served ? 0 : 3;
}

void ServerHost::stop() {
  if (server_) server_->stop();
}

void ServerHost::stop_sweeper() {
  {
    std::lock_guard<std::mutex> lock(sweeper_mutex_);
    sweeper_stop_ = true;
  }
  sweeper_wake_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
}

}  // namespace roster::server
