// The API layer's view of HTTP: a request, a response, and the abstract Transport that carries them
// (emscripten_fetch in the browser, a fake in tests). Completions are reported by request id, never
// by pointer, so a cancelled or forgotten request can complete harmlessly. A transport queues what
// arrives and hands it over only when the frame asks (deliver), never from its own callback.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace roster::api {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // path and query, relative to the API base
  Headers headers;
  std::string body;
  // How long the transport may wait for the answer before giving up on its own (0: its default).
  // The ApiClient keeps its own, slightly shorter, deadline; this one frees the browser's connection.
  std::int64_t timeout_ms = 0;
};

struct HttpResponse {
  int status = 0;  // 0: no answer (network error, server unreachable, aborted)
  std::string body;
  Headers headers;
  bool timed_out = false;                             // status 0 because no answer came within the request timeout
  std::string header(const std::string& name) const;  // case-insensitive; empty when absent
};

using RequestId = std::uint64_t;

class Transport {
 public:
  virtual ~Transport() = default;
  // Starts a request; `done` is called once, later, from deliver() (never inside send()).
  virtual void send(RequestId id, const HttpRequest& request, std::function<void(RequestId, HttpResponse)> done) = 0;
  // Best effort: the request's answer is dropped. (Emscripten 3.1.6 cannot abort a fetch in flight.)
  virtual void cancel(RequestId id) = 0;
  // Runs the callbacks of the answers that arrived since the last call; returns how many. Called at
  // the start of a frame.
  virtual int deliver() = 0;
};

}  // namespace roster::api
