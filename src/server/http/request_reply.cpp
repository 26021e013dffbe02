#include "server/http/request_reply.h"

#include "model/api_error.h"
#include "model/sha256.h"
#include "model/validation.h"

#include <cctype>
#include <chrono>
#include <cstdio>

namespace roster::server {

Reply Reply::error(int status, const std::string& message) {
  return {status, encode_error(message), {}, false, {}, {}, {}};
}

void set_streamed_body(httplib::Response& res, const std::string& content_type, BodyProducer producer) {
  // One buffer for every piece (its room kept): a fresh string grew by doubling at every piece, and
  // the copies and page faults of that were a tenth of a million-row export's time.
  res.set_chunked_content_provider(content_type, [producer = std::move(producer), piece = std::string()](
                                                     std::size_t, httplib::DataSink& sink) mutable {
    piece.clear();
    const StreamStep step = producer(piece);
    if (step == StreamStep::kFailed) return false;
    if (!piece.empty() && !sink.write(piece.data(), piece.size())) return false;
    if (step == StreamStep::kDone) sink.done();
    return true;
  });
}

Reply Reply::failure(const std::string& what, const std::string& detail) {
  std::fprintf(stderr, "roster-server: %s: %s\n", what.c_str(), detail.c_str());
  return error(500, what + " Try again; if it keeps failing, the server's log says why.");
}

std::optional<std::string> Params::text(const char* key) const {
  if (!req_.has_param(key)) return std::nullopt;
  return req_.get_param_value(key);
}

std::optional<std::int64_t> Params::integer(const char* key, std::optional<std::int64_t> fallback, std::int64_t lo,
                                            std::int64_t hi) {
  if (!req_.has_param(key)) {
    if (!fallback) fail(std::string("Parameter '") + key + "' is required.");
    return fallback;
  }
  std::int64_t v = 0;
  if (!parse_int64(req_.get_param_value(key), v)) {
    fail(std::string("Parameter '") + key + "' must be a whole number.");
    return std::nullopt;
  }
  if (v < lo || v > hi) {
    fail(std::string("Parameter '") + key + "' must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
         ".");
    return std::nullopt;
  }
  return v;
}

std::optional<bool> Params::boolean(const char* key, bool fallback) {
  if (!req_.has_param(key)) return fallback;
  auto v = req_.get_param_value(key);
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  fail(std::string("Parameter '") + key + "' must be true or false.");
  return std::nullopt;
}

std::vector<std::string> Params::list(const char* key) const {
  std::vector<std::string> out;
  auto n = req_.get_param_value_count(key);
  for (std::size_t i = 0; i < n; ++i) {
    auto v = req_.get_param_value(key, i);
    std::size_t start = 0;
    while (start <= v.size()) {
      auto comma = v.find(',', start);
      auto part = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) out.push_back(part);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

bool json_depth_within(const std::string& text, int max_depth) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

bool parse_json_body(const httplib::Request& req, nlohmann::json& out, std::string& error) {
  auto type = req.get_header_value("Content-Type");
  if (!type.empty() && type.rfind("application/json", 0) != 0) {
    error = "Content-Type must be application/json.";
    return false;
  }
  if (!json_depth_within(req.body)) {
    error = "The request body nests JSON deeper than " + std::to_string(kMaxJsonDepth) + " levels.";
    return false;
  }
  out = nlohmann::json::parse(req.body, nullptr, false);
  if (out.is_discarded()) {
    error = "The request body is not valid JSON.";
    return false;
  }
  if (!out.is_object()) {
    error = "The request body must be a JSON object.";
    return false;
  }
  return true;
}

std::string safe_dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string etag_for(const std::string& body) {
  auto digest = sha256(body);
  return "W/\"" + hex_encode(std::string(digest.begin(), digest.begin() + 12)) + "\"";
}

bool etag_matches(const std::string& if_none_match, const std::string& etag) {
  if (if_none_match.empty()) return false;
  if (if_none_match == "*") return true;
  // A list of tags; weak comparison (W/ prefixes ignored) as RFC 9110 prescribes for If-None-Match.
  auto strip = [](std::string t) {
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.erase(t.begin());
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
    if (t.rfind("W/", 0) == 0) t = t.substr(2);
    return t;
  };
  std::string target = strip(etag);
  std::size_t start = 0;
  while (start <= if_none_match.size()) {
    auto comma = if_none_match.find(',', start);
    if (strip(if_none_match.substr(start, comma == std::string::npos ? std::string::npos : comma - start)) == target)
      return true;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return false;
}

}  // namespace roster::server
