// The console's sign-in rules, shared by roster-server's own sessions (routes_auth.cpp, app.cpp)
// and the proxy's operator sessions: the JSON-only sign-in body, the throttled password check
// (LoginThrottle: per account and per address, attempts on one account one at a time), the
// session cookie (HttpOnly, SameSite=Strict, Secure under TLS) and the X-Requested-With rule for
// requests that change data. One implementation, so both servers lock out and refuse alike.
#pragma once

#include "server/http/request_reply.h"
#include "server/session/login_throttle.h"

#include <httplib.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace roster::server {

// Constant-time comparison of two secrets (or hashes of them).
bool same_secret(const std::string& a, const std::string& b);

// Reads {"email", "password"} from a JSON body; a refusal (415, 400) when it cannot.
std::optional<Reply> read_sign_in_body(const httplib::Request& req, std::string& email, std::string& password);

// Runs `matches` (does the password fit the account?) under the throttle's rules for `email` from
// the request's address. Nothing: it matched. Else the refusal: 429 with Retry-After while the
// account or address is locked out, 401 "Wrong email or password." otherwise.
std::optional<Reply> throttled_password_check(LoginThrottle& throttle, const httplib::Request& req,
                                              const std::string& email, const std::function<bool()>& matches);

// The refusals of a sign-in, in the words both servers use: 429 with Retry-After while the account
// or address is locked out (for `wait_s` more seconds), and 401 for a wrong email or password.
Reply too_many_sign_ins(std::int64_t wait_s);
Reply wrong_email_or_password();

// The Set-Cookie value for the session id `value` (empty with max_age 0: signs out).
std::string session_cookie_header(const std::string& value, std::int64_t max_age_s, bool secure);

// The session id in the request's roster_session cookie, or empty.
std::string session_id_from_cookie(const httplib::Request& req);

// A cross-site form can send the cookie but cannot add a custom header: a request that may change
// data (any method but GET and HEAD) without X-Requested-With gets this 403.
std::optional<Reply> refuse_without_requested_with(const httplib::Request& req);

}  // namespace roster::server
