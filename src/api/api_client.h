// The console's HTTP client over an abstract Transport: adds the API base and credentials, retries
// what is worth retrying (reads: no answer, 429, 502-504; writes: 429 only) with backoff that honours Retry-After, and
// on a 401 asks the refresher once for fresh credentials and repeats the request once. Every attempt has a deadline
// (kRequestTimeoutMs): a server that accepts the connection and never answers gets a timed-out answer, reported at once
// (not retried: the person, or the kiosk, decides). Time is passed in (tick(now)), so the whole policy is testable
// without a browser. It also keeps a note of whether the server is answering at all (health()), for the kiosk's offline
// banner.
#pragma once

#include "api/http.h"
#include "api/result.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace roster::api {

class ApiClient {
 public:
  using Done = std::function<void(const HttpResponse&)>;
  // Called on a 401; reports whether new credentials are in place (set_bearer may be called before).
  using Refresher = std::function<void(std::function<void(bool refreshed)>)>;

  // An attempt with no answer after this long is abandoned (documented in the README).
  static constexpr std::int64_t kRequestTimeoutMs = 15'000;
  // The transport's own limit, a little later, so that the browser drops the hung connection too.
  static constexpr std::int64_t kTransportGraceMs = 1'000;

  ApiClient(Transport& transport, std::string base_url);

  void set_bearer(const std::string& token) { bearer_ = token; }
  void set_refresher(Refresher refresher) { refresher_ = std::move(refresher); }
  void set_max_attempts(int attempts) { max_attempts_ = attempts; }
  void set_timeout_ms(std::int64_t timeout) { timeout_ms_ = timeout; }
  std::int64_t timeout_ms() const { return timeout_ms_; }

  // `done` is called exactly once with the final response, unless the request is cancelled first.
  RequestId send(const HttpRequest& request, Done done, std::int64_t now_ms);
  void cancel(RequestId id);
  // Sends the retries that are due.
  void tick(std::int64_t now_ms);

  std::size_t in_flight() const { return calls_.size(); }
  // The earliest time a retry or a timeout is due (for idle scheduling), or -1.
  std::int64_t next_due_at() const;
  const ServerHealth& health() const { return health_; }
  // How many "not modified" answers were handed over since the last call: answers that change
  // nothing, so the frame loop need not draw for them.
  int take_not_modified() {
    int n = not_modified_;
    not_modified_ = 0;
    return n;
  }
  // Whether a 401 was answered (after any refresh) since the last call: the credentials no longer
  // hold (a session ended on the server, a token expired). health().refused has the server's words.
  bool take_unauthorized() {
    bool u = unauthorized_;
    unauthorized_ = false;
    return u;
  }

 private:
  struct Call {
    HttpRequest request;
    Done done;
    int attempts = 0;
    bool refreshed = false;
    std::int64_t retry_at = -1;  // >= 0 while waiting to be retried
    std::int64_t deadline = -1;  // >= 0 while an attempt is out
    RequestId transport_id = 0;
  };

  void dispatch(RequestId id, Call& call);
  void on_response(RequestId id, RequestId transport_id, HttpResponse response);
  void finish(RequestId id, const HttpResponse& response);
  void note_health(const HttpResponse& response);

  Transport& transport_;
  std::string base_;
  std::string bearer_;
  Refresher refresher_;
  int max_attempts_ = 3;
  std::int64_t timeout_ms_ = kRequestTimeoutMs;
  ServerHealth health_;
  int not_modified_ = 0;
  bool unauthorized_ = false;
  RequestId next_id_ = 1;
  RequestId next_transport_id_ = 1;
  std::int64_t now_ = 0;
  std::map<RequestId, Call> calls_;
};

// Milliseconds to wait before retry number `attempt` (1-based): Retry-After when the server gave one
// (capped at 30 s), else 400 ms doubling.
std::int64_t retry_delay_ms(const HttpResponse& response, int attempt);
bool is_retryable(int status);

}  // namespace roster::api
