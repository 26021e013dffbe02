// What a Platform API call gives its caller: a value, or an error a person can read with its kind,
// so the store decides what to do (sign in again, say "not found", wait) without seeing HTTP.
#pragma once

#include "model/api_error.h"

#include <cstdint>
#include <optional>
#include <string>

namespace roster::api {

enum class ErrorKind {
  None,
  Network,             // no answer: the server is unreachable, the connection failed or was aborted
  Timeout,             // the connection was taken but no answer came within the request timeout
  Unauthorized,        // 401: not signed in, or the credentials expired
  Forbidden,           // 403
  NotFound,            // 404: no such thing, or a route this server does not offer (the public API)
  Conflict,            // 409
  PreconditionFailed,  // 412: If-Match no longer holds (someone else changed it)
  Invalid,             // another 4xx: the request was refused as it stands
  RateLimited,         // 429, after the client's own retries
  Server,              // 5xx, after the client's own retries
  Malformed,           // a 2xx whose body is not what the contract says
};

ErrorKind error_kind_of_status(int http_status);  // None for a 2xx

// Whether the server answers at all: an answer of any kind (2xx, 304, 4xx) is the server answering;
// no answer, a timeout and 5xx are failures. The kiosk's offline banner is drawn from it.
struct ServerHealth {
  std::int64_t failing_since = -1;  // the first failure of the current run of failures, or -1
  std::int64_t last_answer_at = -1;
  bool last_failure_timed_out = false;
  int failures = 0;  // in the current run
  // The last answer was a 401: what the server said (a kiosk shows it to the operator). Cleared by
  // the next successful answer.
  std::string refused;
};

template <class T>
struct Result {
  std::optional<T> value;
  ApiError error;  // set when value is empty (and the answer was not "not modified")
  ErrorKind kind = ErrorKind::None;
  // A conditional request (If-None-Match) answered 304: no value, no error, what the caller has
  // is still current.
  bool not_modified = false;
  std::string etag;  // the answer's ETag, for the next conditional request
  bool ok() const { return value.has_value(); }
};

}  // namespace roster::api
