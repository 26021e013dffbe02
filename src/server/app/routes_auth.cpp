// Authentication routes: OAuth2 tokens for API clients (parameters in the query string, as the
// Platform API has them) and cookie sessions for the console's sign-in page.
#include "model/api_error.h"
#include "model/json_read.h"
#include "model/oauth_token.h"
#include "model/password_hash.h"
#include "model/sha256.h"
#include "model/utf8.h"
#include "server/app/app.h"
#include "server/http/http_wire.h"
#include "server/session/session_routes.h"
#include "server/session/web_session.h"
#include "server/base/clock.h"

namespace roster::server {

namespace {

Reply oauth_error(const std::string& code, const std::string& description) {
  return {400, encode_oauth_error(code, description), {{"Cache-Control", "no-store"}}, false, {}, {}, {}};
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
          false,
          {},
          {},
          {}};
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
  const bool known = client && same_secret(client->secret_hash, sha256_hex(secret));
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
  return {200, encode(t), {{"Cache-Control", "no-store"}, {"Pragma", "no-cache"}}, false, {}, {}, {}};
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
  return session_cookie_header(value, max_age, !app.options().tls_cert.empty());
}

Reply sign_in(App& app, const httplib::Request& req) {
  std::string email, password, error;
  if (auto refusal = read_sign_in_body(req, email, password)) return *refusal;

  auto auth = app.auth_repo();
  std::optional<SignInAccount> credentials;
  auto refusal = throttled_password_check(app.auth().throttle(), req, email, [&] {
    credentials = auth.sign_in_account(email);
    return credentials && same_secret(credentials->password_hash, blynk_password_hash(email, password));
  });
  if (refusal) return *refusal;
  const std::int64_t now = now_ms();
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

}  // namespace

void register_auth_routes(App& app) {
  app.open("POST", "/oauth2/token", [&app](const httplib::Request& req) { return token(app, req); });
  add_session_routes([&app](const char* method, const std::string& path,
                            SessionHandler handler) { app.open(method, path, std::move(handler)); },
                     app.auth(), !app.options().tls_cert.empty(),
                     [&app](const httplib::Request& req) { return sign_in(app, req); },
                     [&app](const httplib::Request& req) {
                       auto who = app.session_principal(req);
                       if (!who) return Reply::error(401, "Not signed in.");
                       auto user = app.users_repo().load(who->user_id);
                       if (!user) return Reply::error(401, "Not signed in.");
                       return Reply::ok(session_body(app, *user), false);
                     });
}

}  // namespace roster::server
