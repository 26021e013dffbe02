// Request and reply helpers shared by roster-server's routes (and the proxy's): the Reply value handlers return,
// strict query-parameter readers that turn bad input into a 400 with a sentence, JSON bodies parsed
// without exceptions, and ETags.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace roster::server {

// A body produced piece by piece (an export): appends its next piece to `out` and says whether more
// follow, or that it failed (the answer is then cut short, so the client cannot take it for whole).
enum class StreamStep { kMore, kDone, kFailed };
using BodyProducer = std::function<StreamStep(std::string& out)>;

// Hands `producer` to the server as a chunked body: it is called on the worker, a piece at a time,
// while the client keeps up (http_server.h).
void set_streamed_body(httplib::Response& res, const std::string& content_type, BodyProducer producer);

struct Reply {
  int status = 200;
  nlohmann::json body;  // null: no body (204, 304)
  std::vector<std::pair<std::string, std::string>> headers;
  bool etag = false;  // compute an ETag and honour If-None-Match
  // Set for a streamed answer (then `body` is unused).
  BodyProducer stream;
  std::string stream_type;
  // Set for an answer written as JSON text already (then `body` is unused): a large one, whose tree
  // of JSON values would cost many times the text (a bulk change's million `failed` entries).
  std::string json_text;

  static Reply ok(nlohmann::json body, bool with_etag = true) {
    return {200, std::move(body), {}, with_etag, {}, {}, {}};
  }
  static Reply ok_text(std::string json_text) { return {200, nullptr, {}, false, {}, {}, std::move(json_text)}; }
  static Reply created(nlohmann::json body) { return {201, std::move(body), {}, false, {}, {}, {}}; }
  static Reply streamed(std::string type, BodyProducer producer) {
    return {200, nullptr, {}, false, std::move(producer), std::move(type), {}};
  }
  static Reply error(int status, const std::string& message);
  // A 500 that says what could not be done, in words for the client; `detail` (the database's own
  // message, say) goes to the server's log only.
  static Reply failure(const std::string& what, const std::string& detail);
  static Reply no_content() { return {204, nullptr, {}, false, {}, {}, {}}; }
};

// Thrown nowhere: readers return std::nullopt and fill `error` so the route can answer 400.
class Params {
 public:
  explicit Params(const httplib::Request& req) : req_(req) {}

  bool has(const char* key) const { return req_.has_param(key); }
  std::optional<std::string> text(const char* key) const;
  // Integer within [lo, hi]; absent gives `fallback` (nullopt fallback: required).
  std::optional<std::int64_t> integer(const char* key, std::optional<std::int64_t> fallback, std::int64_t lo,
                                      std::int64_t hi);
  std::optional<bool> boolean(const char* key, bool fallback);
  // Repeated (?roleId=1&roleId=2) or comma-separated (?roleId=1,2) values.
  std::vector<std::string> list(const char* key) const;

  const std::string& error() const { return error_; }
  bool failed() const { return !error_.empty(); }
  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

 private:
  const httplib::Request& req_;
  std::string error_;
};

// JSON nested deeper than this is refused before it is parsed: nlohmann's dump() recurses once per
// level, so 200 KB of '[' read from a body (or an upstream answer) and written out again would
// overflow a worker's stack. The API's own values nest four levels at most.
constexpr int kMaxJsonDepth = 64;
// False when `text` opens more than `max_depth` arrays or objects inside each other (strings skipped).
bool json_depth_within(const std::string& text, int max_depth = kMaxJsonDepth);

// JSON request body; a missing Content-Type counts as JSON, any other type is refused.
bool parse_json_body(const httplib::Request& req, nlohmann::json& out, std::string& error);

// JSON text of a value built from request data: invalid UTF-8 is replaced, never thrown on.
std::string safe_dump(const nlohmann::json& value);

std::string etag_for(const std::string& body);
bool etag_matches(const std::string& if_none_match, const std::string& etag);

}  // namespace roster::server
