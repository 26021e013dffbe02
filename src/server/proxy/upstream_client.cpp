#include "server/proxy/upstream_client.h"

#include "model/validation.h"

#include <httplib.h>

#include <cctype>
#include <chrono>

namespace roster::server::proxy {

namespace {

constexpr std::size_t kIdleConnections = 16;

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool host_is_plain(const std::string& host) {
  if (host.empty()) return false;
  for (char c : host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-')) return false;
  return true;
}

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
  }
  c->set_connection_timeout(timeout_s_ < 5 ? timeout_s_ : 5, 0);
  c->set_read_timeout(timeout_s_, 0);
  c->set_write_timeout(timeout_s_, 0);
  c->set_keep_alive(true);
  c->set_follow_location(false);
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
  req.set_header("User-Agent", "roster-proxy");
  if (!request.authorization.empty()) req.set_header("Authorization", request.authorization);
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    req.body = request.body;
    req.set_header("Content-Type", "application/json");
  }
  // One deadline for the whole answer: the read timeout alone restarts with every byte, so an
  // upstream that trickles could otherwise hold a worker for ever.
  const std::int64_t started = steady_ms(), deadline = started + timeout_s_ * 1000LL;
  req.progress = [deadline](std::uint64_t, std::uint64_t) { return steady_ms() < deadline; };

  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  bool sent = client->send(req, res, error);
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
    res = httplib::Response();
    sent = client->send(req, res, error);
  }
  UpstreamAnswer out;
  if (sent && steady_ms() <= deadline) {
    out.status = res.status;
    out.body = std::move(res.body);
    out.retry_after = res.get_header_value("Retry-After");
    give_back(std::move(client));
    return out;
  }
  const bool late = steady_ms() - started >= timeout_s_ * 1000LL - 50;
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
