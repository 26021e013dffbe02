#include "server/proxy/proxy_app.h"

#include "model/api_error.h"
#include "model/password_hash.h"
#include "server/session/kiosk_access.h"
#include "server/proxy/allow_list.h"
#include "server/session/session_routes.h"
#include "server/session/web_session.h"
#include "server/base/clock.h"

#include <chrono>
#include <cstdio>

namespace roster::server::proxy {

namespace {

// Sessions of the proxy's own accounts; its AuthState issues no OAuth tokens.
constexpr std::int64_t kUnusedTokenTtlS = 60;

Reply json_reply(int status, std::string raw_json) {
  // An upstream body passed on as it came: parsed, so that what the browser gets is JSON for sure
  // (and not so deep that writing it out again would overflow the stack).
  if (!json_depth_within(raw_json)) return Reply::error(502, "The Blynk server sent an answer nested too deeply.");
  auto j = nlohmann::json::parse(raw_json, nullptr, false);
  if (j.is_discarded()) return Reply::error(502, "The Blynk server sent an answer that is not JSON.");
  return {status, std::move(j), {}, false, {}, {}, {}};
}

// An entity tag or If-None-Match value, as it may travel on to the other side: printable ASCII of
// a sane length, or nothing (an odd one is dropped, and the request is simply unconditional).
std::string validator_or_empty(const std::string& value) {
  if (value.size() > 512) return {};
  for (unsigned char c : value)
    if (c < 0x20 || c > 0x7e) return {};
  return value;
}

Reply not_modified(const std::string& etag) {
  Reply r{304, nullptr, {}, false, {}, {}, {}};
  if (!etag.empty()) r.headers.push_back({"ETag", etag});
  return r;
}

Reply with_etag(Reply r, const std::string& etag) {
  if (r.status == 200 && !etag.empty()) r.headers.push_back({"ETag", etag});
  return r;
}

}  // namespace

namespace {

HostOptions host_options(const ProxyOptions& o) {
  HostOptions h;
  h.http.host = o.host;
  h.http.port = o.port;
  h.http.worker_threads = o.threads;
  h.web_dir = o.web_dir;
  h.tls_cert = o.tls_cert;
  h.tls_key = o.tls_key;
  h.frame_ancestors = o.frame_ancestors;
  h.failure_words = "The proxy failed while handling this request.";
  return h;
}

}  // namespace

ProxyApp::ProxyApp(ProxyOptions options)
    : options_(std::move(options)),
      operators_(options_.db_path, false),
      auth_(kUnusedTokenTtlS, options_.session_ttl_s),
      upstream_(options_.upstream, options_.upstream_ca, static_cast<int>(options_.upstream_timeout_s)),
      tokens_(upstream_, options_.client_id, options_.client_secret),
      budget_(options_.upstream_rate_per_minute),
      cache_(options_.user_info_ttl_s * 1000),
      host_(host_options(options_)) {}

ProxyApp::~ProxyApp() = default;

bool ProxyApp::init(std::string& error) {
  if (!open_databases(error) || !host_.open(error)) return false;
  add_routes();
  host_.finish();
  return true;
}

bool ProxyApp::open_databases(std::string& error) {
  if (!operators_.ok()) {
    error = operators_.error();
    return false;
  }
  kiosk_db_ = std::make_unique<Database>(options_.db_path, false);
  if (!kiosk_db_->ok()) {
    error = "cannot open " + options_.db_path + ": " + kiosk_db_->error();
    return false;
  }
  if (!KioskTokensRepository(*kiosk_db_).ensure_table(error)) {
    error = options_.db_path + ": cannot create the kiosk tokens table: " + error;
    return false;
  }
  if (operators_.list().empty())
    std::fprintf(stderr, "roster-server proxy: %s has no operators yet: nobody can sign in (operator add)\n",
                 options_.db_path.c_str());
  return true;
}

void ProxyApp::add_routes() {
  auto route = [this](const char* method, const std::string& path, SessionHandler h) {
    host_.router().add(method, path,
                       [this, h](const httplib::Request& req, httplib::Response& res) { send(req, res, h(req)); });
  };
  add_session_routes(
      route, auth_, host_.tls(), [this](const httplib::Request& req) { return sign_in(req); },
      [this](const httplib::Request& req) {
        auto who = signed_in(req);
        return who ? session_body(*who) : Reply::error(401, "Not signed in.");
      });
  for (const char* method : {"GET", "PUT", "POST", "DELETE"})
    route(method, R"(/api/v1/.*)", [this](const httplib::Request& req) { return forward(req); });
}

int ProxyApp::run() {
  std::fprintf(stderr,
               "roster-server proxy: forwarding to %s as OAuth client %s (upstream timeout %lld s, %lld "
               "requests a minute at most)\n",
               options_.upstream.origin().c_str(), options_.client_id.c_str(),
               static_cast<long long>(options_.upstream_timeout_s),
               static_cast<long long>(options_.upstream_rate_per_minute));
  return host_.run([this] { auth_.sweep(now_ms()); });
}

void ProxyApp::send(const httplib::Request& req, httplib::Response& res, const Reply& reply) {
  host_.add_common_headers(req, res);
  for (const auto& [k, v] : reply.headers) res.set_header(k.c_str(), v);
  // Everything here is one organization's data, for one signed-in operator.
  if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "private, no-store");
  res.status = reply.status;
  if (!reply.json_text.empty())
    res.set_content(reply.json_text, "application/json");
  else if (!reply.body.is_null())
    res.set_content(safe_dump(reply.body), "application/json");
}

std::optional<OperatorAccount> ProxyApp::signed_in(const httplib::Request& req) {
  auto id = session_id_from_cookie(req);
  if (id.empty()) return std::nullopt;
  auto s = auth_.session(id, now_ms());
  if (!s) return std::nullopt;
  return operators_.by_id(s->user_id);  // a removed operator is signed out at once
}

std::pair<int, std::string> ProxyApp::own_organization() {
  const std::int64_t now = steady_ms();
  {
    std::lock_guard<std::mutex> lock(own_org_mutex_);
    if (now < own_org_fresh_until_) return own_org_;
  }
  // "Own organization" through the same checks as a console call (budget, token). Kept for
  // kOwnOrgTtlMs, and a failure for kOwnOrgRetryMs: a dead upstream slows one sign-in, not each.
  httplib::Request req;
  req.method = "GET";
  req.path = "/api/v1/organization/profile";
  const AllowedCall* call = find_allowed_call(req);
  Reply r = call ? ask_upstream(req, *call) : Reply::error(404, "");
  std::pair<int, std::string> org{0, ""};
  bool known = false;
  if (r.status == 200 && r.body.is_object()) {
    const auto id = r.body.find("id"), name = r.body.find("name");
    known = id != r.body.end() && id->is_number_integer() && name != r.body.end() && name->is_string();
    if (known) org = {id->get<int>(), name->get<std::string>()};
  }
  std::lock_guard<std::mutex> lock(own_org_mutex_);
  if (known || own_org_.second.empty()) own_org_ = org;
  own_org_fresh_until_ = now + (known ? kOwnOrgTtlMs : kOwnOrgRetryMs);
  return own_org_;
}

Reply ProxyApp::session_body(const OperatorAccount& who) {
  // The organization the proxy's client belongs to, so that the console names it beside the role.
  auto [org_id, org_name] = own_organization();
  nlohmann::json user = {
      {"id", who.id},    {"name", who.email}, {"email", who.email}, {"roleId", operator_role_id(who.role)},
      {"orgId", org_id}, {"isDev", false},    {"status", "Active"}};
  nlohmann::json body = {{"user", user},
                         {"role",
                          {{"id", operator_role_id(who.role)},
                           {"name", operator_role_label(who.role)},
                           {"permissions", operator_permissions(who.role)}}},
                         {"organization", {{"id", org_id}, {"name", org_name}}},
                         {"proxy", {{"upstream", options_.upstream.origin()}}}};
  return Reply::ok(std::move(body), false);
}

Reply ProxyApp::sign_in(const httplib::Request& req) {
  std::string email, password;
  if (auto refusal = read_sign_in_body(req, email, password)) return *refusal;
  std::optional<OperatorAccount> who;
  auto refusal = throttled_password_check(auth_.throttle(), req, email, [&] {
    who = operators_.by_email(email);
    return who && same_secret(who->password_hash, blynk_password_hash(who->email, password));
  });
  if (refusal) return *refusal;
  Reply reply = session_body(*who);
  reply.headers.push_back(
      {"Set-Cookie", session_cookie_header(auth_.open_session(who->id, now_ms()), auth_.session_ttl_s(), host_.tls())});
  return reply;
}

Reply ProxyApp::forward(const httplib::Request& req) {
  if (auto token = kiosk_bearer(req); !token.empty()) return forward_for_kiosk(req, token);
  auto who = signed_in(req);
  if (!who) {
    Reply r = Reply::error(401, "Sign in to the proxy first.");
    return r;
  }
  if (auto refusal = refuse_without_requested_with(req)) return *refusal;
  const AllowedCall* call = find_allowed_call(req);
  if (!call) return Reply::error(404, "No such endpoint: " + req.method + " " + req.path);
  if (!operator_may(who->role, call->permission))
    return Reply::error(403,
                        "Your role (" + std::string(operator_role_name(who->role)) + ") does not allow this action.");
  return ask_upstream(req, *call);
}

Reply ProxyApp::forward_for_kiosk(const httplib::Request& req, const std::string& token) {
  std::optional<KioskTokenRecord> record;
  Reply failure;
  {
    std::lock_guard<std::mutex> lock(kiosk_mutex_);
    KioskTokensRepository tokens(*kiosk_db_);
    record = kiosk_token_in_force(tokens, token, now_ms(), failure);
  }
  if (!record) return failure;
  // Refused before anything is asked of the upstream (even which organization the proxy is in).
  if (req.method != "GET" && req.method != "HEAD") return kiosk_read_only();
  const AllowedCall* call = find_allowed_call(req);
  if (!call) return Reply::error(404, "No such endpoint: " + req.method + " " + req.path);
  // A kiosk reads what it reads from serve (users, organizations and devices), and writes nothing.
  if (!operator_may(OperatorRole::Staff, call->permission))
    return Reply::error(403, "A kiosk token can only read users, organizations and devices.");
  // The upstream confines the proxy's client to its own organization's subtree, and that is all
  // the proxy can vouch for: it cannot check that an answer stays inside a sub-organization, so a
  // token for any other organization is refused rather than shown more than it was issued for.
  const auto [own_id, own_name] = own_organization();
  if (own_id == 0)
    return Reply::error(502,
                        "The Blynk server did not say which organization the proxy's client belongs to, so the "
                        "proxy cannot check this kiosk token's organization; it asks again shortly.");
  if (record->org_id != own_id)
    return kiosk_refused(describe_kiosk_token(*record) + " is for organization " + std::to_string(record->org_id) +
                         ", but this proxy's Blynk client belongs to organization " + std::to_string(own_id) + " (" +
                         own_name + "): through the proxy a kiosk token can only read that whole organization (--org " +
                         std::to_string(own_id) + "), as the proxy cannot keep it inside a sub-organization.");
  return ask_upstream(req, *call);
}

Reply ProxyApp::ask_upstream(const httplib::Request& req, const AllowedCall& call) {
  // Keyed by every parameter forwarded (what the upstream is asked), not only the id.
  const std::string cache_key = call.cache_by.empty() ? "" : call.path + encoded_query(req);
  // A read is revalidated as the browser asks (the kiosk's refresh): a 304 costs neither side a body.
  const std::string if_none_match =
      req.method == "GET" ? validator_or_empty(req.get_header_value("If-None-Match")) : std::string();
  if (!cache_key.empty())
    if (auto hit = cache_.find(cache_key, steady_ms())) {
      if (hit->status == 200 && !hit->etag.empty() && etag_matches(if_none_match, hit->etag))
        return not_modified(hit->etag);
      return with_etag(json_reply(hit->status, hit->body), hit->etag);
    }

  auto slow_down = [](std::int64_t wait_s, const std::string& why) {
    Reply r = Reply::error(429, why + " Try again in " + std::to_string(wait_s) + " s.");
    r.headers.push_back({"Retry-After", std::to_string(wait_s)});
    return r;
  };
  if (auto held = budget_.held_for_s(steady_ms()))
    return slow_down(held, "The Blynk server asked the proxy to slow down; it waits before asking again.");
  if (auto wait = budget_.acquire(steady_ms()))
    return slow_down(wait, "The proxy's request budget for the Blynk server is spent for now.");

  UpstreamRequest up;
  up.method = req.method;
  up.target = call.path + encoded_query(req);
  up.if_none_match = if_none_match;
  nlohmann::json body;
  if (req.method == "POST") {
    // Re-encoded from its parse: what reaches the upstream is one JSON value, nothing else.
    std::string problem;
    if (!parse_json_body(req, body, problem)) return Reply::error(400, problem);
    up.body = safe_dump(body);
  }
  UpstreamAnswer answer;
  // A 401 means the upstream no longer takes the proxy's token (expired early, revoked): one new
  // token and one more try, then an error. The console never sees the upstream's 401: to it, 401
  // means that its operator's session ended.
  for (int attempt = 0; attempt < 2; ++attempt) {
    // The second try is a request to the upstream like any other: it spends from the budget too,
    // or an upstream that answers 401 to everything would see twice the budget.
    if (attempt > 0)
      if (auto wait = budget_.acquire(steady_ms()))
        return slow_down(wait, "The proxy's request budget for the Blynk server is spent for now.");
    auto token = tokens_.current(steady_ms());
    if (token.access_token.empty())
      return Reply::error(token.status >= 500 ? token.status : 502,
                          token.message.empty() ? "The proxy has no token for the Blynk server." : token.message);
    up.authorization = "Bearer " + token.access_token;
    answer = upstream_.send(up);
    if (answer.failure != UpstreamFailure::None || answer.status != 401) break;
    tokens_.refused(token.access_token);
  }
  const std::string origin = options_.upstream.origin();
  if (answer.failure != UpstreamFailure::None) {
    std::fprintf(stderr, "roster-server proxy: %s %s: the upstream %s\n", req.method.c_str(), call.path.c_str(),
                 answer.detail.c_str());
    return Reply::error(answer.failure == UpstreamFailure::Timeout ? 504 : 502,
                        "The Blynk server at " + origin + " failed to answer: " + answer.detail + ".");
  }
  if (answer.status == 401)
    return Reply::error(502, "The Blynk server at " + origin + " refused the proxy's access token twice.");
  if (answer.status == 429) {
    budget_.hold_off(answer.retry_after, steady_ms());
    const auto held = budget_.held_for_s(steady_ms());
    std::fprintf(stderr, "roster-server proxy: the upstream answered 429; no calls for %lld s\n",
                 static_cast<long long>(held));
    return slow_down(held, "The Blynk server is limiting this organization's requests.");
  }
  // Passed on only if it is a tag a browser may see (never one echoing the proxy's credentials).
  std::string etag = validator_or_empty(answer.etag);
  if (tokens_.redact(etag) != etag) etag.clear();
  if (answer.status == 304 && !if_none_match.empty()) return not_modified(etag);
  if (answer.status >= 200 && answer.status < 300) {
    if (!call.drops_cached_user.empty()) {
      httplib::Request user_info;
      if (call.drops_cached_user == kUserIdInBody) {
        const auto id = body.is_object() ? body.find("userId") : body.end();
        if (body.is_object() && id != body.end() && id->is_number_integer())
          user_info.params.emplace("userId", std::to_string(id->get<std::int64_t>()));
      } else {
        user_info.params.emplace("userId", req.get_param_value(call.drops_cached_user.c_str()));
      }
      if (!user_info.params.empty()) cache_.erase("/api/v1/organization/user" + encoded_query(user_info));
    }
    if (answer.status == 204 || answer.body.empty()) return Reply{answer.status, nullptr, {}, false, {}, {}, {}};
    Reply r = with_etag(json_reply(answer.status, answer.body), etag);
    if (!cache_key.empty() && r.status == 200 && answer.body.size() <= AnswerCache::kMaxAnswerBytes)
      cache_.put(cache_key, {answer.status, answer.body, etag}, steady_ms());
    return r;
  }
  // The contract's error shape, whatever shape the upstream used.
  const int status = answer.status >= 400 && answer.status <= 599 ? answer.status : 502;
  Reply r = Reply::error(status, tokens_.redact(decode_error(answer.body, answer.status).message));
  if (!cache_key.empty() && status == 404) cache_.put(cache_key, {404, safe_dump(r.body), ""}, steady_ms());
  return r;
}

}  // namespace roster::server::proxy
