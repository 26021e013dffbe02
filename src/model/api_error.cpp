#include "model/api_error.h"

namespace roster {

nlohmann::json encode_error(const std::string& message) { return {{"error", {{"message", message}}}}; }

nlohmann::json encode_oauth_error(const std::string& code, const std::string& description) {
  return {{"error", code}, {"error_description", description}};
}

const char* describe_http_status(int s) {
  switch (s) {
    case 0: return "The server could not be reached";
    case 400: return "The request was not valid";
    case 401: return "Not signed in, or the session has expired";
    case 403: return "Not allowed";
    case 404: return "Not found";
    case 409: return "Conflict";
    case 413: return "The request is too large";
    case 429: return "Too many requests; try again shortly";
    case 500: return "The server failed";
    case 502: return "Bad gateway";
    case 503: return "The server is unavailable";
    case 504: return "The server took too long to answer";
    default: return s >= 500 ? "The server failed" : "The request failed";
  }
}

ApiError decode_error(const std::string& body, int http_status) {
  ApiError out;
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_discarded() && j.is_object()) {
    auto err = j.find("error");
    if (err != j.end() && err->is_object()) {
      auto msg = err->find("message");
      if (msg != err->end() && msg->is_string()) out.message = msg->get<std::string>();
    } else if (err != j.end() && err->is_string()) {
      auto desc = j.find("error_description");
      if (desc != j.end() && desc->is_string()) {
        out.code = err->get<std::string>();
        out.message = desc->get<std::string>();
      } else {
        out.message = err->get<std::string>();
      }
    }
    if (out.message.empty()) {
      auto msg = j.find("message");
      if (msg != j.end() && msg->is_string()) out.message = msg->get<std::string>();
    }
  }
  if (out.message.empty())
    out.message = std::string(describe_http_status(http_status)) + " (HTTP " + std::to_string(http_status) + ")";
  return out;
}

}  // namespace roster
