// roster-server's route table: method and path pattern to handler, the way cpp-httplib's server
// matched them (a whole-path regular expression, HEAD served by the GET handlers), with a guard:
// a handler that throws answers 500 with a generic sentence and the server carries on.
#pragma once

#include <httplib.h>

#include <functional>
#include <regex>
#include <string>
#include <vector>

namespace roster::server {

using HttpHandler = std::function<void(const httplib::Request&, httplib::Response&)>;

class HttpRouter {
 public:
  // `pattern` must match the whole decoded path; plain paths are compared as text.
  void add(const std::string& method, const std::string& pattern, HttpHandler handler);
  // For a response with an error status and no body yet (no route, or a route that left it empty).
  void set_error_finisher(HttpHandler finisher) { finisher_ = std::move(finisher); }
  // For a handler that threw: fills a 500.
  void set_exception_handler(HttpHandler handler) { on_exception_ = std::move(handler); }

  // Never throws.
  void dispatch(httplib::Request& req, httplib::Response& res) const;

 private:
  struct Route {
    std::string method;
    std::string literal;  // when the pattern has no regular-expression syntax
    std::regex pattern;
    bool is_literal = false;
    HttpHandler handler;
  };
  const Route* find(httplib::Request& req) const;

  std::vector<Route> routes_;
  HttpHandler finisher_, on_exception_;
};

}  // namespace roster::server
