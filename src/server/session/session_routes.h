// The console's three session routes, alike on `serve` and `proxy`: POST /api/session signs in, GET
// says who is signed in, DELETE signs out (X-Requested-With required, the session closed, the cookie
// cleared). A kiosk token is not a person: each route refuses it in the same words. Whose accounts
// sign in, what "who" is and where sessions are kept are the app's: serve's in its AuthState, the
// proxy's in its store (db/proxy_store.h), whose "not answering" refuses a sign-out rather than
// pretending it happened.
#pragma once

#include "server/http/request_reply.h"
#include "server/session/auth_state.h"

#include <httplib.h>

#include <functional>
#include <optional>
#include <string>

namespace roster::server {

using SessionHandler = std::function<Reply(const httplib::Request&)>;
// Registers a route the app's own way (its headers, its caching rules).
using AddSessionRoute = std::function<void(const char* method, const std::string& path, SessionHandler handler)>;

// Ends the session `id` (an unknown id ends nothing): nothing when done, else the refusal to send.
using CloseSession = std::function<std::optional<Reply>(const std::string& id)>;

void add_session_routes(const AddSessionRoute& add, CloseSession close, bool secure_cookie, SessionHandler sign_in,
                        SessionHandler who_is_signed_in);
// Sessions in `auth` (serve).
void add_session_routes(const AddSessionRoute& add, AuthState& auth, bool secure_cookie, SessionHandler sign_in,
                        SessionHandler who_is_signed_in);

}  // namespace roster::server
