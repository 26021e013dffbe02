#include "server/session/session_routes.h"

#include "server/session/kiosk_access.h"
#include "server/session/web_session.h"

namespace roster::server {

void add_session_routes(const AddSessionRoute& add, AuthState& auth, bool secure_cookie, SessionHandler sign_in,
                        SessionHandler who_is_signed_in) {
  add_session_routes(
      add,
      [&auth](const std::string& id) -> std::optional<Reply> {
        auth.close_session(id);
        return std::nullopt;
      },
      secure_cookie, std::move(sign_in), std::move(who_is_signed_in));
}

void add_session_routes(const AddSessionRoute& add, CloseSession close, bool secure_cookie, SessionHandler sign_in,
                        SessionHandler who_is_signed_in) {
  auto people_only = [](SessionHandler handler) {
    return [handler](const httplib::Request& req) {
      if (!kiosk_bearer(req).empty()) return kiosk_not_a_person();
      return handler(req);
    };
  };
  add("POST", "/api/session", people_only(std::move(sign_in)));
  add("GET", "/api/session", people_only(std::move(who_is_signed_in)));
  add("DELETE", "/api/session", people_only([close, secure_cookie](const httplib::Request& req) {
        if (auto refusal = refuse_without_requested_with(req)) return *refusal;
        auto id = session_id_from_cookie(req);
        if (!id.empty())
          if (auto refusal = close(id)) return *refusal;
        Reply r = Reply::no_content();
        r.headers.push_back({"Set-Cookie", session_cookie_header("", 0, secure_cookie)});
        return r;
      }));
}

}  // namespace roster::server
