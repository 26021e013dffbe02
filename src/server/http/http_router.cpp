#include "server/http/http_router.h"

#include "model/api_error.h"

namespace roster::server {

void HttpRouter::add(const std::string& method, const std::string& pattern, HttpHandler handler) {
  Route r;
  r.method = method;
  r.is_literal = pattern.find_first_of(".*+?()[]{}|^$\\") == std::string::npos;
  if (r.is_literal)
    r.literal = pattern;
  else
    r.pattern = std::regex(pattern);
  r.handler = std::move(handler);
  routes_.push_back(std::move(r));
}

const HttpRouter::Route* HttpRouter::find(httplib::Request& req) const {
  const std::string& method = req.method == "HEAD" ? std::string("GET") : req.method;
  for (const auto& r : routes_) {
    if (r.method != method) continue;
    if (r.is_literal ? r.literal == req.path : std::regex_match(req.path, req.matches, r.pattern)) return &r;
  }
  return nullptr;
}

void HttpRouter::dispatch(httplib::Request& req, httplib::Response& res) const {
  try {
    if (const Route* r = find(req)) {
      r->handler(req, res);
    } else {
      res.status = 404;
    }
    if (res.status < 100) res.status = 200;
    if (res.status >= 400 && res.body.empty() && !res.has_header("Content-Type") && finisher_) finisher_(req, res);
    return;
  } catch (...) {}
  // Whatever the handler left half-done is dropped; the client gets a sentence, not a stack.
  try {
    res = httplib::Response();
    res.status = 500;
    if (on_exception_)
      on_exception_(req, res);
    else
      res.set_content(encode_error("The server failed while handling this request.").dump(), "application/json");
  } catch (...) {
    res = httplib::Response();
    res.status = 500;
  }
}

}  // namespace roster::server
