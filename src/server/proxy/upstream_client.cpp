#include "server/proxy/upstream_client.h"

#include "model/validation.h"
#include "server/base/clock.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <thread>

namespace roster::server::proxy {

namespace {

constexpr std::size_t kIdleConnections = 16;
// The largest answer the proxy takes: a page of 1,000 users or devices is about 1 MB.
constexpr std::size_t kMaxAnswerBytes = 16 * 1024 * 1024;

bool host_is_plain(const std::string& host) {
  if (host.empty()) return false;
  for (char c : host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-')) return false;
  return true;
}

bool is_ip_address(const std::string& host) {
  unsigned char bytes[16];
  return inet_pton(AF_INET, host.c_str(), bytes) == 1 || inet_pton(AF_INET6, host.c_str(), bytes) == 1;
}

// Stops `client` at `deadline_ms` unless its request ended first. The read timeout restarts with
// every byte and httplib calls nothing back while it reads a status line and headers (nor for a
// chunked body), so an upstream that trickles them would otherwise hold a worker for ever. stop()
// only shuts the socket down, which the request in flight sees as a broken connection.
class StopAtDeadline {
 public:
  StopAtDeadline(httplib::Client& client, std::int64_t deadline_ms)
      : watcher_([this, &client, deadline_ms] {
          std::unique_lock<std::mutex> lock(mutex_);
          const auto wait = std::chrono::milliseconds(std::max<std::int64_t>(0, deadline_ms - steady_ms()));
          if (ended_.wait_for(lock, wait, [this] { return done_; })) return;
          fired_ = true;
          lock.unlock();
          client.stop();
        }) {}
  ~StopAtDeadline() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    ended_.notify_all();
    watcher_.join();
  }
  // Whether it stopped the request: then whatever the request read (say, a body "ended" by the
  // shut-down socket) is no answer.
  bool fired() {
    std::lock_guard<std::mutex> lock(mutex_);
    return fired_;
  }
  StopAtDeadline(const StopAtDeadline&) = delete;
  StopAtDeadline& operator=(const StopAtDeadline&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable ended_;
  bool done_ = false, fired_ = false;
  std::thread watcher_;  // last: it starts once the members above exist
};

}  // namespace

std::string UpstreamEndpoint::origin() const {
  const int usual = tls ? 443 : 80;
  return std::string(tls ? "https://" : "http://") + host + (port == usual ? "" : ":" + std::to_string(port));
}

bool parse_upstream_url(const std::string& url, UpstreamEndpoint& out, std::string& error) {
  std::string rest;
  if (url.rfind("https://", 0) == 0) {
    out.tls = true;
    out.port = 443;
    rest = url.substr(8);
  } else if (url.rfind("http://", 0) == 0) {
    out.tls = false;
    out.port = 80;
    rest = url.substr(7);
  } else {
    error = "--upstream must start with https:// (for example https://fra1.blynk.cloud)";
    return false;
  }
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  auto colon = rest.find(':');
  out.host = rest.substr(0, colon);
  if (colon != std::string::npos) {
    std::int64_t port = 0;
    if (!parse_int64(rest.substr(colon + 1), port) || port < 1 || port > 65535) {
      error = "--upstream has a bad port (HOST:PORT, 1..65535)";
      return false;
    }
    out.port = static_cast<int>(port);
  }
  if (!host_is_plain(out.host)) {
    error = "--upstream must be scheme://host[:port] with no path, user or query";
    return false;
  }
  // The bearer token (and on the token call, the client secret) would cross the network in clear.
  if (!out.tls && out.host != "127.0.0.1") {
    error = "--upstream over plain http is allowed only for 127.0.0.1; use https://";
    return false;
  }
  return true;
}

UpstreamClient::UpstreamClient(UpstreamEndpoint endpoint, std::string ca_file, int timeout_s)
    : endpoint_(std::move(endpoint)), ca_file_(std::move(ca_file)), timeout_s_(timeout_s) {}

UpstreamClient::~UpstreamClient() = default;

std::unique_ptr<httplib::Client> UpstreamClient::take(bool& reused) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    reused = !idle_.empty();
    if (reused) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  auto c = std::make_unique<httplib::Client>(endpoint_.origin());
  if (endpoint_.tls) {
    c->enable_server_certificate_verification(true);
    if (!ca_file_.empty()) c->set_ca_cert_path(ca_file_.c_str());
    // OpenSSL checks the name as part of the chain (RFC 6125: the subjectAltName when there is one,
    // a wildcard only as a whole leftmost label, an IP address only against IP entries). httplib's
    // own check, which still runs after it, also takes the common name beside other SANs and "*" in
    // any label.
    X509_VERIFY_PARAM* param = SSL_CTX_get0_param(c->ssl_context());
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (is_ip_address(endpoint_.host))
      X509_VERIFY_PARAM_set1_ip_asc(param, endpoint_.host.c_str());
    else
      X509_VERIFY_PARAM_set1_host(param, endpoint_.host.c_str(), endpoint_.host.size());
  }
  c->set_connection_timeout(timeout_s_ < 5 ? timeout_s_ : 5, 0);
  c->set_read_timeout(timeout_s_, 0);
  c->set_write_timeout(timeout_s_, 0);
  c->set_keep_alive(true);
  c->set_follow_location(false);
  // Asked for identity and never inflated: a small gzip or brotli answer can inflate to gigabytes.
  c->set_decompress(false);
  return c;
}

void UpstreamClient::give_back(std::unique_ptr<httplib::Client> client) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (idle_.size() < kIdleConnections) idle_.push_back(std::move(client));
}

UpstreamAnswer UpstreamClient::send(const UpstreamRequest& request) {
  bool reused = false;
  auto client = take(reused);
  httplib::Request req;
  req.method = request.method;
  req.path = request.target;
  req.set_header("Accept", "application/json");
  req.set_header("Accept-Encoding", "identity");
  req.set_header("User-Agent", "roster-proxy");
  if (!request.authorization.empty()) req.set_header("Authorization", request.authorization);
  if (!request.if_none_match.empty()) req.set_header("If-None-Match", request.if_none_match);
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    req.body = request.body;
    req.set_header("Content-Type", "application/json");
  }
  // One deadline for the whole answer (see StopAtDeadline), and a cap on its size whatever its
  // framing (Content-Length, chunked, or until the connection closes).
  const std::int64_t started = steady_ms(), deadline = started + timeout_s_ * 1000LL;
  std::string body;
  bool too_big = false;
  req.content_receiver = [&](const char* data, std::size_t size, std::uint64_t, std::uint64_t) {
    if (body.size() + size > kMaxAnswerBytes) {
      too_big = true;
      return false;
    }
    body.append(data, size);
    return true;
  };
  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  bool stopped = false;
  auto send_once = [&](httplib::Client& c) {
    StopAtDeadline guard(c, deadline);
    body.clear();
    res = httplib::Response();
    const bool ok = c.send(req, res, error);
    stopped = guard.fired();
    return ok && !stopped;
  };
  bool sent = send_once(*client);
  // A kept-alive connection the upstream closed while it waited in the pool fails at once: that is
  // no answer, so the request goes once more on a new connection. Not a POST, which the upstream may
  // have received and acted on.
  if (!sent && reused && request.method != "POST" && steady_ms() < deadline &&
      (error == httplib::Error::Read || error == httplib::Error::Write || error == httplib::Error::Connection)) {
    bool fresh = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      idle_.clear();  // its neighbours waited as long
    }
    client = take(fresh);
    sent = send_once(*client);
  }
  UpstreamAnswer out;
  if (sent && steady_ms() <= deadline) {
    out.status = res.status;
    out.body = std::move(body);
    out.retry_after = res.get_header_value("Retry-After");
    out.etag = res.get_header_value("ETag");
    give_back(std::move(client));
    return out;
  }
  if (too_big) {
    out.failure = UpstreamFailure::Other;
    out.detail = "its answer was larger than " + std::to_string(kMaxAnswerBytes / (1024 * 1024)) + " MB";
    return out;
  }
  const bool late = stopped || steady_ms() - started >= timeout_s_ * 1000LL - 50;
  switch (error) {
    case httplib::Error::SSLServerVerification:
    case httplib::Error::SSLLoadingCerts:
      out.failure = UpstreamFailure::Tls;
      out.detail = "its TLS certificate could not be verified" +
                   std::string(ca_file_.empty() ? " against the system's CAs" : " against --upstream-ca " + ca_file_);
      break;
    case httplib::Error::SSLConnection:
      out.failure = late ? UpstreamFailure::Timeout : UpstreamFailure::Tls;
      out.detail = late ? "" : "the TLS handshake failed";
      break;
    case httplib::Error::Connection:
      out.failure = late ? UpstreamFailure::Timeout : UpstreamFailure::Unreachable;
      out.detail = late ? "" : "the connection was refused or the host is unreachable";
      break;
    case httplib::Error::ConnectionTimeout: out.failure = UpstreamFailure::Timeout; break;
    default:
      out.failure = late || error == httplib::Error::Canceled ? UpstreamFailure::Timeout : UpstreamFailure::Other;
      out.detail = late ? "" : "the connection broke (" + httplib::to_string(error) + ")";
  }
  if (out.failure == UpstreamFailure::Timeout)
    out.detail = "it did not answer within " + std::to_string(timeout_s_) + " s";
  return out;
}

}  // namespace roster::server::proxy
