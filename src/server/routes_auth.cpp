// Authentication routes: OAuth2 tokens for API clients (parameters in the query string, as the
// Platform API has them) and cookie sessions for the console's sign-in page.
#include "model/api_error.h"
#include "model/json_read.h"
#include "model/oauth_token.h"
#include "model/password_hash.h"
#include "model/sha256.h"
#include "model/utf8.h"
#include "server/app.h"
#include "server/http_wire.h"

#include <openssl/crypto.h>

namespace roster::server {

namespace {

Reply oauth_error(const std::string& code, const std::string& description) {
  return {400, encode_oauth_error(code, description), {{"Cache-Control", "no-store"}}, false};
}

bool same_secret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Client credentials from HTTP Basic or from the query string; empty id when neither is given.
void client_credentials(const httplib::Request& req, std::string& id, std::string& secret) {
  auto authz = req.get_header_value("Authorization");
  std::string decoded;
  if (authz.rfind("Basic ", 0) == 0 && base64_decode(authz.substr(6), decoded)) {
    auto colon = decoded.find(':');
    if (colon != std::string::npos) {
      id = decoded.substr(0, colon);
      secret = decoded.substr(colon + 1);
      return;
    }
  }
  id = req.get_param_value("client_id");
  secret = req.get_param_value("client_secret");
}

Reply too_many_attempts(std::int64_t wait_s) {
  return {429,
          encode_oauth_error("temporarily_unavailable", "Too many failed attempts; try again in " +
                                                            std::to_string((wait_s + 59) / 60) + " minutes."),
          {{"Cache-Control", "no-store"}, {"Retry-After", std::to_string(wait_s)}},
          false};
}

Reply token(App& app, const httplib::Request& req) {
  auto grant = req.get_param_value("grant_type");
  if (grant.empty()) return oauth_error("invalid_request", "grant_type is required (in the query string).");
  std::string client_id, secret;
  client_credentials(req, client_id, secret);
  if (client_id.empty()) return oauth_error("invalid_client", "Client authentication is missing.");
  // Wrong secrets are throttled like wrong passwords: per client id and per address.
  const std::string account = "client:" + client_id, address = client_address_key(req.remote_addr);
  std::int64_t now = now_ms();
  LoginThrottle& throttle = app.auth().throttle();
  auto turn = throttle.one_at_a_time(account);
  if (auto wait = throttle.seconds_blocked(account, address, now)) return too_many_attempts(wait);
  auto client = app.auth_repo().oauth_client(client_id);
  auto digest = sha256(secret);
  const bool known = client && same_secret(client->secret_hash, hex_encode(std::string(digest.begin(), digest.end())));
  throttle.finish(account, address, known, now);
  turn.unlock();
  if (!known) {
    if (auto wait = throttle.seconds_blocked(account, address, now)) return too_many_attempts(wait);
    return oauth_error("invalid_client", "Unknown client or wrong secret.");
  }
  std::int32_t org_id = client->org_id;

  if (grant == "refresh_token") {
    auto refresh = req.get_param_value("refresh_token");
    if (refresh.empty()) return oauth_error("invalid_request", "refresh_token is required.");
    auto redeemed = app.auth().redeem_refresh(refresh, client_id, now);
    if (!redeemed) return oauth_error("invalid_grant", "The refresh token is unknown, expired or already used.");
    org_id = redeemed->org_id;
  } else if (grant != "client_credentials") {
    return oauth_error("unsupported_grant_type", "Use client_credentials or refresh_token.");
  }
  auto issued = app.auth().issue_tokens(client_id, org_id, now);
  OAuthToken t;
  t.access_token = issued.access_token;
  t.expires_in = issued.expires_in_s;
  t.refresh_token = issued.refresh_token;
  return {200, encode(t), {{"Cache-Control", "no-store"}, {"Pragma", "no-cache"}}, false};
}

nlohmann::json session_body(App& app, const User& user) {
  const Role* role = app.dir().role(user.roleId);
  const Organization* org = app.dir().org(user.orgId);
  return {{"user", encode_detail(user)},
          {"role",
           {{"id", user.roleId},
            {"name", role ? role->name : ""},
            {"permissions", role ? role->permissions : std::vector<std::string>{}}}},
          {"organization", {{"id", user.orgId}, {"name", org ? org->name : ""}}}};
}

std::string cookie(App& app, const std::string& value, std::int64_t max_age) {
  return "roster_session=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (app.options().tls_cert.empty() ? "" : "; Secure");
}

Reply too_many_sign_ins(std::int64_t wait_s) {
  Reply r = Reply::error(429, "Too many failed sign-ins for this account or from this address. Try again in " +
                                  std::to_string((wait_s + 59) / 60) + " minutes.");
  r.headers.push_back({"Retry-After", std::to_string(wait_s)});
  return r;
}

Reply sign_in(App& app, const httplib::Request& req) {
  // Only JSON: a cross-site HTML form cannot send it without a CORS preflight.
  if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
    return Reply::error(415, "Sign-in expects a JSON body (Content-Type: application/json).");
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  std::string email, password, error;
  json_read::FieldReader r(body, error, "sign-in");
  r.required("email", email).required("password", password);
  if (body.is_discarded()) return Reply::error(400, "The request body is not valid JSON.");
  if (!r.ok()) return Reply::error(400, error);
  if (email.size() > 254 || password.size() > 1024) return Reply::error(400, "Email or password is too long.");

  // Counted per account (the folded email, whether or not it exists) and per address.
  const std::string address = client_address_key(req.remote_addr), account = "user:" + utf8::to_lower(email);
  std::int64_t now = now_ms();
  LoginThrottle& throttle = app.auth().throttle();
  auto turn = throttle.one_at_a_time(account);  // until the outcome is recorded
  if (auto wait = throttle.seconds_blocked(account, address, now)) return too_many_sign_ins(wait);

  auto auth = app.auth_repo();
  auto credentials = auth.sign_in_account(email);
  const bool matches = credentials && same_secret(credentials->password_hash, blynk_password_hash(email, password));
  throttle.finish(account, address, matches, now);
  turn.unlock();
  if (!matches) {
    if (auto wait = throttle.seconds_blocked(account, address, now)) return too_many_sign_ins(wait);
    return Reply::error(401, "Wrong email or password.");
  }
  if (credentials->status == "Suspended")
    return Reply::error(403, "This account is suspended. Ask an administrator to restore it.");
  // Signing in makes a Pending or Inactive user Active, and is written to the actions log: a failure
  // is an answer, not a lost entry.
  if (!auth.record_sign_in(*credentials, now, error)) return Reply::failure("Could not record the sign-in.", error);

  const std::int64_t user_id = credentials->user_id;
  auto user = app.users_repo().load(user_id);
  if (!user) return Reply::failure("Could not load the signed-in user.", "user " + std::to_string(user_id));
  Reply reply = Reply::ok(session_body(app, *user), false);
  reply.headers.push_back(
      {"Set-Cookie", cookie(app, app.auth().open_session(user_id, now), app.auth().session_ttl_s())});
  return reply;
}

// A kiosk token stands for a display, not a person: the session routes are not its to use.
Reply kiosk_not_a_person() { return Reply::error(403, "A kiosk token cannot sign in, sign out or act as a person."); }

}  // namespace

void register_auth_routes(App& app) {
  app.open("POST", "/oauth2/token", [&app](const httplib::Request& req) { return token(app, req); });
  app.open("POST", "/api/session", [&app](const httplib::Request& req) {
    if (!App::kiosk_bearer(req).empty()) return kiosk_not_a_person();
    return sign_in(app, req);
  });
  app.open("GET", "/api/session", [&app](const httplib::Request& req) {
    if (!App::kiosk_bearer(req).empty()) return kiosk_not_a_person();
    auto who = app.session_principal(req);
    if (!who) return Reply::error(401, "Not signed in.");
    auto user = app.users_repo().load(who->user_id);
    if (!user) return Reply::error(401, "Not signed in.");
    return Reply::ok(session_body(app, *user), false);
  });
  app.open("DELETE", "/api/session", [&app](const httplib::Request& req) {
    if (!App::kiosk_bearer(req).empty()) return kiosk_not_a_person();
    if (req.get_header_value("X-Requested-With").empty())
      return Reply::error(403, "Requests that change data need the X-Requested-With header.");
    auto id = App::session_cookie(req);
    if (!id.empty()) app.auth().close_session(id);
    Reply r = Reply::no_content();
    r.headers.push_back({"Set-Cookie", cookie(app, "", 0)});
    return r;
  });
}

}  // namespace roster::server
