// What a kiosk token (kiosk_tokens_repository.h) is let do, and the words it is refused with, for
// both servers that take one: `serve` (app.cpp, routes_auth.cpp) and `proxy` (proxy_app.cpp). One
// implementation, so a kiosk display gets the same answers, and shows an operator the same
// instructions, whichever server it reads from.
#pragma once

#include "server/http/request_reply.h"
#include "server/db/kiosk_tokens_repository.h"

#include <httplib.h>

#include <cstdint>
#include <optional>
#include <string>

namespace roster::server {

// The kiosk token in the Authorization header (whether or not it is valid), else empty.
std::string kiosk_bearer(const httplib::Request& req);

// "This kiosk token (#3, "Lobby")": how the refusals name a token (never by its text).
std::string describe_kiosk_token(const KioskTokenRecord& record);

// The token's record when it is in force at `now`; else nothing, and `failure` is the 401 that
// tells an operator what to do (unknown, revoked since when, expired since when).
std::optional<KioskTokenRecord> kiosk_token_in_force(KioskTokensRepository& tokens, const std::string& token,
                                                     std::int64_t now, Reply& failure);
// The same for a token already looked up (the proxy's store): `record` is what was found, if anything.
std::optional<KioskTokenRecord> kiosk_token_in_force(const std::optional<KioskTokenRecord>& record, std::int64_t now,
                                                     Reply& failure);

// A 401 saying `what` is wrong with the token and how an operator issues a new one; the kiosk
// shows these words full-screen.
Reply kiosk_refused(const std::string& what);
// 403: a kiosk token can only read.
Reply kiosk_read_only();
// 403: a kiosk token stands for a display, not a person (the session routes).
Reply kiosk_not_a_person();

}  // namespace roster::server
