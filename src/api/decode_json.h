// Decoding an answer's JSON body into a Result: the shared part of every call's decoder (platform_api
// and admin_api). Internal to the API layer.
#pragma once

#include "api/http.h"
#include "api/platform_api.h"
#include "api/result.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace roster::api {

// A 2xx whose body decodes with `decode`; any other answer is its error (a 304: "not modified").
template <class T, class Decode>
Result<T> decode_json(const HttpResponse& r, Decode decode) {
  Result<T> out;
  out.etag = r.header("ETag");
  if (r.status == 304) {
    out.not_modified = true;
    return out;
  }
  out.kind = error_kind_of(r);
  if (out.kind != ErrorKind::None) {
    out.error = error_of(r);
    return out;
  }
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_discarded()) {
    out.kind = ErrorKind::Malformed;
    out.error.message = "The server sent a response that is not JSON.";
    return out;
  }
  T value{};
  std::string problem;
  if (!decode(j, value, problem)) {
    out.kind = ErrorKind::Malformed;
    out.error.message = "The server sent an unexpected response: " + problem;
    return out;
  }
  out.value = std::move(value);
  return out;
}

// A JSON array whose every item decodes with `decode_item`; `what` names it in the error.
template <class T, class DecodeItem>
Result<std::vector<T>> decode_json_array(const HttpResponse& r, const char* what, DecodeItem decode_item) {
  return decode_json<std::vector<T>>(r, [&](const nlohmann::json& j, std::vector<T>& out, std::string& e) {
    if (!j.is_array()) {
      e = std::string(what) + " must be an array";
      return false;
    }
    for (const auto& item : j) {
      T value{};
      if (!decode_item(item, value, e)) return false;
      out.push_back(std::move(value));
    }
    return true;
  });
}

}  // namespace roster::api
