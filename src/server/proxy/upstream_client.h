// The proxy's HTTP(S) client for the upstream Blynk server (cpp-httplib over OpenSSL). TLS is always
// verified (the system's CAs, or --upstream-ca) with the host name checked; plain HTTP is accepted
// only for 127.0.0.1. Every request has one deadline (--upstream-timeout) for connecting, sending and
// the whole answer, so a dead or stalled upstream is an error value, never a hang. Thread-safe: idle
// kept-alive connections wait in a small pool.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace httplib {
class Client;
}

namespace roster::server::proxy {

struct UpstreamEndpoint {
  bool tls = true;
  std::string host;
  int port = 443;
  std::string origin() const;  // https://host[:port]
};

// "https://host[:port]" (a trailing slash allowed), or "http://127.0.0.1[:port]"; false with `error`.
bool parse_upstream_url(const std::string& url, UpstreamEndpoint& out, std::string& error);

struct UpstreamRequest {
  std::string method = "GET";
  std::string target;  // path and encoded query
  std::string body;    // sent as JSON when not empty (and for POST/PUT)
  std::string authorization;
  std::string if_none_match;  // a read's revalidation, passed on from the browser
};

enum class UpstreamFailure { None, Unreachable, Timeout, Tls, Other };

struct UpstreamAnswer {
  UpstreamFailure failure = UpstreamFailure::None;
  int status = 0;
  std::string body;
  std::string retry_after;
  std::string etag;
  std::string detail;  // words for the log and the error sent to the console (never a secret)
};

class UpstreamClient {
 public:
  UpstreamClient(UpstreamEndpoint endpoint, std::string ca_file, int timeout_s);
  ~UpstreamClient();
  UpstreamClient(const UpstreamClient&) = delete;
  UpstreamClient& operator=(const UpstreamClient&) = delete;

  UpstreamAnswer send(const UpstreamRequest& request);
  const UpstreamEndpoint& endpoint() const { return endpoint_; }
  int timeout_s() const { return timeout_s_; }

 private:
  // An idle connection (`reused`) or a new one.
  std::unique_ptr<httplib::Client> take(bool& reused);
  void give_back(std::unique_ptr<httplib::Client> client);

  UpstreamEndpoint endpoint_;
  std::string ca_file_;
  int timeout_s_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<httplib::Client>> idle_;
};

}  // namespace roster::server::proxy
