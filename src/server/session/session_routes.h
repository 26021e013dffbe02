// The console's three session routes, alike on `serve` and `proxy`: POST /api/session signs in, GET
// says who is signed in, DELETE signs out (X-Requested-With required, the session closed, the cookie
// cleared). A kiosk token is not a person: each route refuses it in the same words. Whose accounts
// sign in, and what "who" is, are the app's.
#pragma once

#include "server/http/request_reply.h"
#include "server/session/auth_state.h"

#include <httplib.h>

#include <functional>
#include <string>

namespace roster::server {

using SessionHandler = std::function<Reply(const httplib::Request&)>;
// Registers a route the app's own way (its headers, its caching rules).
using AddSessionRoute = std::function<void(const char* method, const std::string& path, SessionHandler handler)>;

void add_session_routes(const AddSessionRoute& add, AuthState& auth, bool secure_cookie, SessionHandler sign_in,
                        SessionHandler who_is_signed_in);

}  // namespace roster::server
