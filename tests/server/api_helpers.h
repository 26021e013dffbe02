// Test support: typed shortcuts for calling roster-server as an OAuth client or a console session.
#pragma once

#include "server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>

namespace roster::test {

struct Response {
  int status = 0;
  std::string body;
  nlohmann::json json;  // discarded when the body is not JSON
  httplib::Headers headers;
  std::string header(const char* name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string message() const {
    if (json.is_object() && json.contains("error") && json["error"].is_object())
      return json["error"].value("message", "");
    return {};
  }
};

Response to_response(const httplib::Result& r);
std::string url_encode(const std::string& s);

// An API caller: either a bearer token or a session cookie.
class Caller {
 public:
  Caller(const ServerProcess& server, std::string authorization, std::string cookie = {})
      : server_(server), authorization_(std::move(authorization)), cookie_(std::move(cookie)) {}

  Response get(const std::string& path, httplib::Headers extra = {}) const;
  Response put(const std::string& path, const std::string& body = "", httplib::Headers extra = {}) const;
  Response post(const std::string& path, const std::string& body, httplib::Headers extra = {},
                const std::string& content_type = "application/json") const;
  Response del(const std::string& path, httplib::Headers extra = {}) const;

 private:
  httplib::Headers headers(httplib::Headers extra) const;
  const ServerProcess& server_;
  std::string authorization_, cookie_;
};

// client_credentials with the seeded OAuth client; returns the token response.
nlohmann::json fetch_token(const ServerProcess& server, const SeededDb& db);
Caller as_client(const ServerProcess& server, const SeededDb& db);
// Signs in through /api/session; the caller sends the cookie and X-Requested-With.
Caller as_session(const ServerProcess& server, const std::string& email, const std::string& password);

}  // namespace roster::test
