// Error bodies of the Platform API, decoded from every shape a server may send: the documented
// {"error": {"message": ...}}, the flat {"message": ...} and {"error": "..."}, and OAuth's
// {"error": code, "error_description": ...}. Always yields a readable message.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace roster {

struct ApiError {
  std::string message;  // what to show a person
  std::string code;     // OAuth error code when the body had one ("invalid_grant"), else empty
};

nlohmann::json encode_error(const std::string& message);
nlohmann::json encode_oauth_error(const std::string& code, const std::string& description);

// Never fails: a body that is not JSON, or JSON of no known shape, gives a message that names the
// HTTP status instead.
ApiError decode_error(const std::string& body, int http_status);

// "Not found", "Too many requests", ... for a status with no usable body.
const char* describe_http_status(int http_status);

}  // namespace roster
