#include "server/session/web_session.h"

#include "model/json_read.h"
#include "model/utf8.h"
#include "server/http/http_wire.h"
#include "server/base/clock.h"

#include <openssl/crypto.h>

namespace roster::server {

bool same_secret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::optional<Reply> read_sign_in_body(const httplib::Request& req, std::string& email, std::string& password) {
  // Only JSON: a cross-site HTML form cannot send it without a CORS preflight.
  if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
    return Reply::error(415, "Sign-in expects a JSON body (Content-Type: application/json).");
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  std::string error;
  json_read::FieldReader r(body, error, "sign-in");
  r.required("email", email).required("password", password);
  if (body.is_discarded()) return Reply::error(400, "The request body is not valid JSON.");
  if (!r.ok()) return Reply::error(400, error);
  if (email.size() > 254 || password.size() > 1024) return Reply::error(400, "Email or password is too long.");
  return std::nullopt;
}

Reply too_many_sign_ins(std::int64_t wait_s) {
  Reply r = Reply::error(429, "Too many failed sign-ins for this account or from this address. Try again in " +
                                  std::to_string((wait_s + 59) / 60) + " minutes.");
  r.headers.push_back({"Retry-After", std::to_string(wait_s)});
  return r;
}

Reply wrong_email_or_password() { return Reply::error(401, "Wrong email or password."); }

std::optional<Reply> throttled_password_check(LoginThrottle& throttle, const httplib::Request& req,
                                              const std::string& email, const std::function<bool()>& matches) {
  // Counted per account (the folded email, whether or not it exists) and per address.
  const std::string address = client_address_key(req.remote_addr), account = "user:" + utf8::to_lower(email);
  std::int64_t now = now_ms();
  auto turn = throttle.one_at_a_time(account);  // until the outcome is recorded
  if (auto wait = throttle.seconds_blocked(account, address, now)) return too_many_sign_ins(wait);
  const bool ok = matches();
  throttle.finish(account, address, ok, now);
  turn.unlock();
  if (ok) return std::nullopt;
  if (auto wait = throttle.seconds_blocked(account, address, now)) return too_many_sign_ins(wait);
  return wrong_email_or_password();
}

std::string session_cookie_header(const std::string& value, std::int64_t max_age_s, bool secure) {
  return "roster_session=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s) +
         (secure ? "; Secure" : "");
}

std::string session_id_from_cookie(const httplib::Request& req) {
  auto cookies = req.get_header_value("Cookie");
  const std::string key = "roster_session=";
  std::size_t pos = 0;
  while ((pos = cookies.find(key, pos)) != std::string::npos) {
    if (pos == 0 || cookies[pos - 1] == ' ' || cookies[pos - 1] == ';') {
      auto end = cookies.find(';', pos);
      return cookies.substr(pos + key.size(), end == std::string::npos ? std::string::npos : end - pos - key.size());
    }
    pos += key.size();
  }
  return {};
}

std::optional<Reply> refuse_without_requested_with(const httplib::Request& req) {
  const bool safe = req.method == "GET" || req.method == "HEAD";  // HEAD is GET without the body
  if (safe || !req.get_header_value("X-Requested-With").empty()) return std::nullopt;
  return Reply::error(403, "Requests that change data need the X-Requested-With header.");
}

}  // namespace roster::server
