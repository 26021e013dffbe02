// libFuzzer: every decoder of a server's answer, fed any bytes as the body under a few statuses.
// A decoder must return a value or an error with a message; it must never crash, hang or throw
// (the console is built without exceptions). Inputs: one status byte, then the body.
#include "api/platform_api.h"
#include "model/api_error.h"
#include "model/device.h"
#include "model/oauth_token.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace roster;

namespace {

int g_status = 0;  // the status of the answer being decoded

template <class T>
void check(const api::Result<T>& r) {
  // "Not modified" (a 304 to a conditional request) is the one answer with neither a value nor an
  // error; any other failure must say what went wrong.
  if (r.not_modified) {
    if (g_status != 304 || r.ok()) std::abort();
    return;
  }
  if (!r.ok() && r.error.message.empty()) std::abort();
}

template <class T>
void decode_model(const nlohmann::json& j) {
  T out;
  std::string error;
  if (!decode(j, out, error) && error.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static const int kStatuses[] = {200, 201, 304, 400, 401, 404, 429, 500};
  api::HttpResponse r;
  r.status = g_status = kStatuses[data[0] % 8];
  r.body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  check(api::decode_users_page(r));
  check(api::decode_user(r));
  check(api::decode_session(r));
  check(api::decode_org(r));
  check(api::decode_orgs(r));
  check(api::decode_roles(r));
  if (decode_error(r.body, r.status).message.empty()) std::abort();
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (!j.is_discarded()) {
    decode_model<User>(j);
    decode_model<Organization>(j);
    decode_model<Role>(j);
    decode_model<Device>(j);
    decode_model<ActionLogEntry>(j);
    decode_model<OAuthToken>(j);
  }
  return 0;
}
