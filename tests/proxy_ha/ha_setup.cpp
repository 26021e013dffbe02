#include "ha_setup.h"

#include <doctest/doctest.h>

#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace roster::test {

namespace {

// HAProxy's answer when no instance is ready: the contract's error shape, in words.
const char* const k503 =
    "HTTP/1.0 503 Service Unavailable\r\n"
    "Cache-Control: no-store\r\n"
    "Content-Type: application/json\r\n"
    "Connection: close\r\n"
    "\r\n"
    "{\"error\":{\"message\":\"No Roster proxy is ready to answer: their store or the Blynk server is not "
    "answering. Try again in a moment.\"}}\n";

std::vector<std::string> split(const std::string& line, char by) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, by)) out.push_back(field);
  return out;
}

}  // namespace

Haproxy::Haproxy(const std::vector<int>& ports) {
  static int serial = 0;
  const std::string base = temp_dir() + "/haproxy-" + std::to_string(++serial);
  port_ = free_port();
  stats_port_ = free_port();
  std::ofstream(base + ".503.http") << k503;
  std::ostringstream cfg;
  cfg << "global\n"
         "  maxconn 4000\n"
         "defaults\n"
         "  mode http\n"
         "  timeout connect 1s\n"
         "  timeout client 30s\n"
         "  timeout server 30s\n"
         "  timeout check 1s\n"
         // An instance that dies or refuses: the request goes to another (conn-failure, or nothing
         // answered on a connection it had taken), at most 3 times, to another server each time.
         "  retries 3\n"
         "  option redispatch 1\n"
         "  retry-on conn-failure empty-response\n"
         // The proxies take the client's address from here for the sign-in throttle (--trusted-proxy).
         "  option forwardfor\n"
         "  errorfile 503 "
      << base
      << ".503.http\n"
         "frontend roster\n"
         "  bind 127.0.0.1:"
      << port_
      << "\n"
         "  default_backend proxies\n"
         "backend proxies\n"
         "  balance roundrobin\n"
         // A change (a role, an invitation) is never sent twice.
         "  http-request disable-l7-retry if !METH_GET\n"
         "  option httpchk GET /readyz\n"
         "  http-check expect status 200\n"
         "  default-server inter 300ms fall 2 rise 2 maxconn 200\n";
  for (std::size_t i = 0; i < ports.size(); ++i)
    cfg << "  server p" << i + 1 << " 127.0.0.1:" << ports[i] << " check\n";
  cfg << "listen stats\n"
         "  bind 127.0.0.1:"
      << stats_port_
      << "\n"
         "  stats enable\n"
         "  stats uri /stats\n";
  const std::string cfg_path = base + ".cfg";
  std::ofstream(cfg_path) << cfg.str();
  log_path_ = base + ".log";
  pid_ = fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    int log = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(log, 1);
    dup2(log, 2);
    execlp("haproxy", "haproxy", "-db", "-f", cfg_path.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  bool listening = false;
  for (int i = 0; i < 100 && !listening; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    httplib::Client c("127.0.0.1", stats_port_);
    listening = static_cast<bool>(c.Get("/stats;csv"));
  }
  INFO(log());
  REQUIRE(listening);
}

Haproxy::~Haproxy() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status;
    waitpid(pid_, &status, 0);
  }
}

std::unique_ptr<httplib::Client> Haproxy::client() const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
  c->set_read_timeout(30, 0);
  return c;
}

std::vector<std::string> Haproxy::states() const {
  httplib::Client c("127.0.0.1", stats_port_);
  c.set_url_encode(false);  // the ';' is HAProxy's
  auto r = c.Get("/stats;csv");
  std::vector<std::string> out;
  if (!r) return out;
  std::istringstream lines(r->body);
  for (std::string line; std::getline(lines, line);) {
    auto f = split(line, ',');
    // pxname, svname, ..., status is the 18th field.
    if (f.size() > 17 && f[0] == "proxies" && f[1] != "BACKEND" && f[1] != "FRONTEND") out.push_back(f[17]);
  }
  return out;
}

std::vector<long> Haproxy::sent() const {
  httplib::Client c("127.0.0.1", stats_port_);
  c.set_url_encode(false);  // the ';' is HAProxy's
  auto r = c.Get("/stats;csv");
  std::vector<long> out;
  if (!r) return out;
  std::istringstream lines(r->body);
  for (std::string line; std::getline(lines, line);) {
    auto f = split(line, ',');
    if (f.size() > 7 && f[0] == "proxies" && f[1] != "BACKEND" && f[1] != "FRONTEND")
      out.push_back(std::atol(f[7].c_str()));  // stot
  }
  return out;
}

bool Haproxy::wait_for(std::size_t index, const std::string& state, int timeout_ms) const {
  for (int waited = 0; waited <= timeout_ms; waited += 50) {
    auto s = states();
    if (index < s.size() && s[index].rfind(state, 0) == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::string Haproxy::log() const {
  std::ifstream in(log_path_);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> HaSet::args(std::size_t i) const {
  auto a =
      proxy_args(shared_upstream(),
                 {"--store", store_url, "--store-password-file", shared_cluster().password_file(), "--listen",
                  "127.0.0.1:" + std::to_string(ports[i]), "--trusted-proxy", "127.0.0.1", "--user-info-ttl", "30"});
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

void HaSet::start(std::size_t i) { proxies[i] = std::make_unique<ProxyProcess>(args(i)); }

std::string HaSet::sign_in(const std::string& email) const {
  nlohmann::json body = {{"email", email}, {"password", kOperatorPassword}};
  auto r = balancer->client()->Post("/api/session", body.dump(), "application/json");
  REQUIRE(r);
  INFO(r->body);
  REQUIRE(r->status == 200);
  auto cookie = r->get_header_value("Set-Cookie");
  return cookie.substr(0, cookie.find(';'));
}

Response HaSet::get(const std::string& cookie, const std::string& path) const { return send("GET", cookie, path); }

Response HaSet::send(const std::string& method, const std::string& cookie, const std::string& path,
                     const std::string& body) const {
  httplib::Request req;
  req.method = method;
  req.path = path;
  if (!cookie.empty()) req.set_header("Cookie", cookie);
  req.set_header("X-Requested-With", "roster-test");
  if (!body.empty()) {
    req.body = body;
    req.set_header("Content-Type", "application/json");
  }
  return to_response(balancer->client()->send(req));
}

CommandResult store_command(const HaSet& set, std::vector<std::string> args) {
  args.insert(args.end(), {"--store", set.store_url, "--store-password-file", shared_cluster().password_file()});
  return run_roster_server(args);
}

std::unique_ptr<HaSet> start_ha_set(const std::string& name, std::size_t count, std::vector<std::string> extra) {
  auto set = std::make_unique<HaSet>();
  set->store_url = shared_cluster().schema(name);
  set->extra = std::move(extra);
  auto pw = write_file("ha-operator.password", std::string(kOperatorPassword) + "\n");
  for (const char* role : {"admin", "staff", "viewer"}) {
    auto r = store_command(
        *set, {"operator", "add", "--email", std::string(role) + "@ops.test", "--role", role, "--password-file", pw});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
  }
  for (std::size_t i = 0; i < count; ++i) set->ports.push_back(free_port());
  set->proxies.resize(count);
  for (std::size_t i = 0; i < count; ++i) set->start(i);
  set->balancer = std::make_unique<Haproxy>(set->ports);
  for (std::size_t i = 0; i < count; ++i) {
    const bool up = set->balancer->wait_for(i, "UP");
    INFO(set->balancer->log());
    std::string states;
    for (const auto& st : set->balancer->states()) states += st + " ";
    INFO("states: " << states);
    INFO("instance " << i << " /readyz: " << set->proxies[i]->get("", "/readyz").body);
    INFO("its log: " << set->proxies[i]->log());
    REQUIRE(up);
  }
  return set;
}

HaSet& shared_ha_set() {
  static std::unique_ptr<HaSet> set = start_ha_set("ha_main", 3);
  return *set;
}

}  // namespace roster::test
