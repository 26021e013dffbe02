#include "server/proxy/proxy_app.h"

#include "model/api_error.h"
#include "model/password_hash.h"
#include "model/utf8.h"
#include "server/base/clock.h"
#include "server/http/http_wire.h"
#include "server/proxy/allow_list.h"
#include "server/session/kiosk_access.h"
#include "server/session/login_throttle.h"
#include "server/session/session_routes.h"
#include "server/session/web_session.h"

#include <arpa/inet.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace roster::server::proxy {

namespace {

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
      upstream_(options_.upstream, options_.upstream_ca, static_cast<int>(options_.upstream_timeout_s)),
      probe_(options_.upstream, options_.upstream_ca,
             static_cast<int>(std::min<std::int64_t>(2, options_.upstream_timeout_s))),
      tokens_(upstream_, options_.client_id, options_.client_secret),
      budget_(UpstreamBudget::rule(options_.upstream_rate_per_minute)),
      budget_key_(options_.upstream.origin() + " " + options_.client_id),
      cache_(options_.user_info_ttl_s * 1000),
      host_(host_options(options_)) {}

ProxyApp::~ProxyApp() = default;

bool ProxyApp::init(std::string& error) {
  if (!open_store(error) || !host_.open(error)) return false;
  add_routes();
  host_.finish();
  return true;
}

bool ProxyApp::open_store(std::string& error) {
  StoreOptions o;
  o.sqlite_path = options_.db_path;
  o.postgres_url = options_.store_url;
  o.postgres_password = options_.store_password;
  // A connection for each worker, one for /readyz and the sweeper: no call waits for another's.
  o.connections = static_cast<std::size_t>(options_.threads) + 2;
  o.call_timeout_ms = static_cast<int>(options_.store_timeout_ms);
  o.log = [](const std::string& m) { std::fprintf(stderr, "roster-server proxy: %s\n", m.c_str()); };
  store_ = open_proxy_store(o, error);
  if (!store_) return false;
  // Several instances may start at once; the store's own lock lets one create the tables.
  if (!store_->prepare(error)) return false;
  auto operators = store_->operators();
  if (operators.answered && operators.value.empty())
    std::fprintf(stderr, "roster-server proxy: %s has no operators yet: nobody can sign in (operator add)\n",
                 store_->description().c_str());
  return true;
}

namespace {

// What a request that needs the store gets while it does not answer (its own words went to the log).
Reply store_not_answering() {
  Reply r = Reply::error(503,
                         "The proxy cannot reach its store (where operators, sessions and kiosk tokens are kept), so "
                         "it cannot check who is asking. Try again in a moment.");
  r.headers.push_back({"Retry-After", "2"});
  return r;
}

}  // namespace

void ProxyApp::add_routes() {
  auto route = [this](const char* method, const std::string& path, SessionHandler h) {
    host_.router().add(method, path,
                       [this, h](const httplib::Request& req, httplib::Response& res) { send(req, res, h(req)); });
  };
  // For a load balancer: alive (the process answers), and ready (its store and upstream answer).
  route("GET", "/healthz", [](const httplib::Request&) { return Reply::ok({{"status", "alive"}}, false); });
  route("GET", "/readyz", [this](const httplib::Request&) { return readiness(); });
  add_session_routes(
      route,
      [this](const std::string& id) -> std::optional<Reply> {
        if (!store_->close_session(id).answered) return store_not_answering();
        return std::nullopt;
      },
      host_.tls(), [this](const httplib::Request& req) { return sign_in(req); },
      [this](const httplib::Request& req) {
        auto s = signed_in(req);
        if (!s.answered) return store_not_answering();
        return s.value ? session_body(s.value->who) : Reply::error(401, "Not signed in.");
      });
  for (const char* method : {"GET", "PUT", "POST", "DELETE"})
    route(method, R"(/api/v1/.*)", [this](const httplib::Request& req) { return forward(req); });
}

int ProxyApp::run() {
  std::fprintf(stderr,
               "roster-server proxy: forwarding to %s as OAuth client %s (upstream timeout %lld s, %lld "
               "requests a minute at most); store: %s\n",
               options_.upstream.origin().c_str(), options_.client_id.c_str(),
               static_cast<long long>(options_.upstream_timeout_s),
               static_cast<long long>(options_.upstream_rate_per_minute), store_->description().c_str());
  return host_.run([this] { store_->sweep(now_ms(), LoginThrottle::kWindowMs); });
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

StoreAnswer<std::optional<SessionRecord>> ProxyApp::signed_in(const httplib::Request& req) {
  auto id = session_id_from_cookie(req);
  // A cookie that cannot be a session id (they are 64 hex digits) costs the store nothing.
  if (id.empty() || id.size() > 128) return StoreAnswer<std::optional<SessionRecord>>::of(std::nullopt);
  // Looked up at every request, with its operator: a session ended on any instance, or an operator
  // removed, is refused by every instance at once.
  return store_->session(id, now_ms());
}

std::string ProxyApp::client_address(const httplib::Request& req) const {
  if (!options_.trusted_proxies.empty()) {
    const std::string peer = client_address_key(req.remote_addr);
    bool trusted = false;
    for (const auto& t : options_.trusted_proxies) trusted |= client_address_key(t) == peer;
    const std::size_t count = req.get_header_value_count("X-Forwarded-For");
    if (trusted && count > 0) {
      // The balancer appends the address it saw: the last entry of the last header (what a client
      // wrote before it is not believed).
      std::string last = req.get_header_value("X-Forwarded-For", count - 1);
      last = last.substr(last.rfind(',') == std::string::npos ? 0 : last.rfind(',') + 1);
      const auto first = last.find_first_not_of(" \t"), end = last.find_last_not_of(" \t");
      if (first != std::string::npos) last = last.substr(first, end - first + 1);
      unsigned char bytes[16];
      if (inet_pton(AF_INET, last.c_str(), bytes) == 1 || inet_pton(AF_INET6, last.c_str(), bytes) == 1)
        return client_address_key(last);
    }
  }
  return client_address_key(req.remote_addr);
}

Reply ProxyApp::readiness() {
  const bool store = store_->ping(), upstream = upstream_answers();
  if (store && upstream) return Reply::ok({{"status", "ready"}}, false);
  return Reply::error(503, std::string("This proxy is not ready: ") +
                               (!store && !upstream ? "its store and the Blynk server do not answer."
                                : !store            ? "its store does not answer."
                                                    : "the Blynk server does not answer."));
}

bool ProxyApp::upstream_answers() {
  std::unique_lock<std::mutex> lock(probe_mutex_);
  if (probing_ || steady_ms() < probe_fresh_until_) return probe_ok_;
  probing_ = true;
  lock.unlock();
  // Any HTTP answer will do: the upstream is there. No token goes with it, and no budget is spent.
  UpstreamRequest up;
  up.method = "HEAD";
  up.target = "/";
  const UpstreamAnswer answer = probe_.send(up);
  lock.lock();
  probing_ = false;
  if (answer.failure != UpstreamFailure::None && probe_ok_)
    std::fprintf(stderr, "roster-server proxy: not ready: the upstream %s\n", answer.detail.c_str());
  probe_ok_ = answer.failure == UpstreamFailure::None;
  probe_fresh_until_ = steady_ms() + kProbeMs;
  return probe_ok_;
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
  Reply r = call ? ask_upstream(req, *call, 0) : Reply::error(404, "");
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
  // The throttle's rules (session/login_throttle.h), counted in the store: every instance sees every
  // failure. The attempt counts against the account before its password is looked at, in one
  // statement, so guesses sent to several instances at once are checked five times at most.
  const std::string account = "user:" + utf8::to_lower(email), address = client_address(req);
  const ThrottleRule account_rule{LoginThrottle::kPerAccount, LoginThrottle::kWindowMs, LoginThrottle::kBlockMs};
  const ThrottleRule address_rule{LoginThrottle::kPerAddress, LoginThrottle::kWindowMs, LoginThrottle::kBlockMs};
  const std::int64_t now = now_ms();
  auto wait_s = [now](std::int64_t until) { return until > now ? (until - now + 999) / 1000 : 0; };
  auto turn = store_->begin_sign_in(account, address, now, account_rule, address_rule);
  if (!turn.answered) return store_not_answering();
  if (!turn.value.admitted) return too_many_sign_ins(std::max<std::int64_t>(1, wait_s(turn.value.blocked_until)));
  auto who = store_->operator_by_email(email);
  if (!who.answered) return store_not_answering();
  const bool ok = who.value && same_secret(who.value->password_hash, blynk_password_hash(who.value->email, password));
  auto finished = store_->finish_sign_in(account, address, ok, now, address_rule);
  if (!finished.answered) return store_not_answering();
  if (!ok) {
    const std::int64_t wait = std::max(wait_s(turn.value.blocked_until), wait_s(finished.value));
    return wait ? too_many_sign_ins(wait) : wrong_email_or_password();
  }
  Reply reply = session_body(*who.value);
  auto id = store_->open_session(who.value->id, now_ms(), options_.session_ttl_s * 1000);
  if (!id.answered) return store_not_answering();
  if (!id.value) return wrong_email_or_password();  // removed while signing in
  reply.headers.push_back({"Set-Cookie", session_cookie_header(*id.value, options_.session_ttl_s, host_.tls())});
  return reply;
}

Reply ProxyApp::forward(const httplib::Request& req) {
  if (auto token = kiosk_bearer(req); !token.empty()) return forward_for_kiosk(req, token);
  auto session = signed_in(req);
  if (!session.answered) return store_not_answering();
  if (!session.value) return Reply::error(401, "Sign in to the proxy first.");
  const OperatorAccount* who = &session.value->who;
  if (auto refusal = refuse_without_requested_with(req)) return *refusal;
  const AllowedCall* call = find_allowed_call(req);
  if (!call) return Reply::error(404, "No such endpoint: " + req.method + " " + req.path);
  if (!operator_may(who->role, call->permission))
    return Reply::error(403,
                        "Your role (" + std::string(operator_role_name(who->role)) + ") does not allow this action.");
  return ask_upstream(req, *call, session.value->generation);
}

Reply ProxyApp::forward_for_kiosk(const httplib::Request& req, const std::string& token) {
  // Looked up at every request: a revocation on any instance's store applies at the next one.
  auto found = store_->find_kiosk_token(token);
  if (!found.answered) return store_not_answering();
  Reply failure;
  auto record = kiosk_token_in_force(found.value.record, now_ms(), failure);
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
  return ask_upstream(req, *call, found.value.generation);
}

Reply ProxyApp::ask_upstream(const httplib::Request& req, const AllowedCall& call, std::int64_t generation) {
  // Keyed by every parameter forwarded (what the upstream is asked), not only the id.
  const std::string cache_key = call.cache_by.empty() ? "" : call.path + encoded_query(req);
  // A read is revalidated as the browser asks (the kiosk's refresh): a 304 costs neither side a body.
  const std::string if_none_match =
      req.method == "GET" ? validator_or_empty(req.get_header_value("If-None-Match")) : std::string();
  if (!cache_key.empty())
    if (auto hit = cache_.find(cache_key, steady_ms(), generation)) {
      if (hit->status == 200 && !hit->etag.empty() && etag_matches(if_none_match, hit->etag))
        return not_modified(hit->etag);
      return with_etag(json_reply(hit->status, hit->body), hit->etag);
    }

  auto slow_down = [](std::int64_t wait_s, const std::string& why) {
    Reply r = Reply::error(429, why + " Try again in " + std::to_string(wait_s) + " s.");
    r.headers.push_back({"Retry-After", std::to_string(wait_s)});
    return r;
  };
  // One budget for every instance, in the store (wall time: instances on other machines share it).
  auto spend = [this, &slow_down]() -> std::optional<Reply> {
    auto turn = store_->spend_budget(budget_key_, now_ms(), budget_);
    if (!turn.answered) return store_not_answering();
    if (turn.value.granted) return std::nullopt;
    if (turn.value.held)
      return slow_down(turn.value.wait_s,
                       "The Blynk server asked the proxy to slow down; it waits before asking again.");
    return slow_down(turn.value.wait_s, "The proxy's request budget for the Blynk server is spent for now.");
  };
  if (auto refusal = spend()) return *refusal;

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
      if (auto refusal = spend()) return *refusal;
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
    const std::int64_t now = now_ms();
    auto hold = store_->hold_budget(budget_key_, now, now + UpstreamBudget::hold_ms(answer.retry_after), budget_);
    // Not held in the store (it did not answer): still never a loop; this answer says to wait.
    const std::int64_t held = hold.answered ? hold.value : UpstreamBudget::hold_ms(answer.retry_after) / 1000;
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
      // Every instance's copies are now older than the store's generation: none shows the old user.
      if (!store_->bump_generation().answered)
        std::fprintf(stderr,
                     "roster-server proxy: %s %s changed a user, but the store did not answer: other instances "
                     "may show the cached user for up to --user-info-ttl\n",
                     req.method.c_str(), call.path.c_str());
    }
    if (answer.status == 204 || answer.body.empty()) return Reply{answer.status, nullptr, {}, false, {}, {}, {}};
    Reply r = with_etag(json_reply(answer.status, answer.body), etag);
    if (!cache_key.empty() && r.status == 200 && answer.body.size() <= AnswerCache::kMaxAnswerBytes)
      cache_.put(cache_key, {answer.status, answer.body, etag}, steady_ms(), generation);
    return r;
  }
  // The contract's error shape, whatever shape the upstream used.
  const int status = answer.status >= 400 && answer.status <= 599 ? answer.status : 502;
  Reply r = Reply::error(status, tokens_.redact(decode_error(answer.body, answer.status).message));
  if (!cache_key.empty() && status == 404) cache_.put(cache_key, {404, safe_dump(r.body), ""}, steady_ms(), generation);
  return r;
}

}  // namespace roster::server::proxy
