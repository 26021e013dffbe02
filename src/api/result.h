// What a Platform API call gives its caller: a value, or an error a person can read with its kind,
// so the store decides what to do (sign in again, say "not found", wait) without seeing HTTP.
#pragma once

#include "model/api_error.h"

#include <optional>

namespace roster::api {

enum class ErrorKind {
  None,
  Network,       // no answer: the server is unreachable, the connection failed or was aborted
  Unauthorized,  // 401: not signed in, or the credentials expired
  Forbidden,     // 403
  NotFound,      // 404: no such thing, or a route this server does not offer (the public API)
  Conflict,      // 409
  Invalid,       // another 4xx: the request was refused as it stands
  RateLimited,   // 429, after the client's own retries
  Server,        // 5xx, after the client's own retries
  Malformed,     // a 2xx whose body is not what the contract says
};

ErrorKind error_kind_of_status(int http_status);  // None for a 2xx

template <class T>
struct Result {
  std::optional<T> value;
  ApiError error;  // set when value is empty
  ErrorKind kind = ErrorKind::None;
  bool ok() const { return value.has_value(); }
};

}  // namespace roster::api
