#include "model/api_error.h"

#include "model/locale/messages.h"

namespace roster {

nlohmann::json encode_error(const std::string& message) { return {{"error", {{"message", message}}}}; }

nlohmann::json encode_oauth_error(const std::string& code, const std::string& description) {
  return {{"error", code}, {"error_description", description}};
}

const char* describe_http_status(int s) {
  switch (s) {
    case 0: return tr(Msg::http_unreachable);
    case 400: return tr(Msg::http_400);
    case 401: return tr(Msg::http_401);
    case 403: return tr(Msg::http_403);
    case 404: return tr(Msg::http_404);
    case 409: return tr(Msg::http_409);
    case 413: return tr(Msg::http_413);
    case 429: return tr(Msg::http_429);
    case 500: return tr(Msg::http_500);
    case 502: return tr(Msg::http_502);
    case 503: return tr(Msg::http_503);
    case 504: return tr(Msg::http_504);
    default: return s >= 500 ? tr(Msg::http_500) : tr(Msg::http_failed);
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
    out.message = tr(Msg::http_with_status,
                     {{"message", describe_http_status(http_status)}, {"status", std::to_string(http_status)}});
  return out;
}

}  // namespace roster
