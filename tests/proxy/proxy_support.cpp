#include "proxy_support.h"

#include <doctest/doctest.h>

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace roster::test {

const char* const kOperatorPassword = "operator-pass-1";

std::string write_file(const std::string& name, const std::string& text) {
  std::string path = temp_dir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

namespace {

void run_shell(const std::string& command) {
  INFO(command);
  REQUIRE(std::system((command + " >/dev/null 2>&1").c_str()) == 0);
}

void make_ca(const std::string& dir, const std::string& name) {
  run_shell("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj '/CN=" + name +
            "' -keyout " + dir + "/" + name + ".key -out " + dir + "/" + name + ".pem");
}

}  // namespace

const TestPki& test_pki() {
  static TestPki pki = [] {
    const std::string d = temp_dir();
    make_ca(d, "roster-test-ca");
    make_ca(d, "unrelated-ca");
    run_shell("openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj '/CN=127.0.0.1' -keyout " + d +
              "/upstream.key -out " + d + "/upstream.csr");
    write_file("upstream.ext", "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
    run_shell("openssl x509 -req -days 2 -in " + d + "/upstream.csr -CA " + d + "/roster-test-ca.pem -CAkey " + d +
              "/roster-test-ca.key -CAcreateserial -extfile " + d + "/upstream.ext -out " + d + "/upstream.pem");
    return TestPki{d + "/roster-test-ca.pem", d + "/upstream.pem", d + "/upstream.key", d + "/unrelated-ca.pem"};
  }();
  return pki;
}

std::unique_ptr<httplib::Client> Upstream::client() const {
  auto c = std::make_unique<httplib::Client>("https://127.0.0.1:" + std::to_string(server->port()));
  c->enable_server_certificate_verification(true);
  c->set_ca_cert_path(test_pki().ca.c_str());
  c->set_read_timeout(20, 0);
  return c;
}

std::string Upstream::token() const {
  auto r = to_response(client()->Post(
      ("/oauth2/token?grant_type=client_credentials&client_id=" + client_id + "&client_secret=" + secret).c_str(), "",
      "text/plain"));
  REQUIRE(r.status == 200);
  return r.json["access_token"].get<std::string>();
}

Response Upstream::get(const std::string& path) const {
  return to_response(client()->Get(path.c_str(), {{"Authorization", "Bearer " + token()}}));
}

Response Upstream::put(const std::string& path) const {
  return to_response(client()->Put(path.c_str(), {{"Authorization", "Bearer " + token()}}, "", "application/json"));
}

Upstream start_upstream(const std::string& name, const std::vector<std::string>& extra_args) {
  Upstream u;
  u.db = seed_db(name, 300, 6, 7);
  std::vector<std::string> args = {"--public-api-only", "--tls-cert", test_pki().cert, "--tls-key", test_pki().key};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  u.server = std::make_unique<ServerProcess>(u.db.path, args);
  u.client_id = u.db.info["oauthClient"]["clientId"].get<std::string>();
  u.secret = u.db.info["oauthClient"]["clientSecret"].get<std::string>();
  u.secret_file = write_file(name + ".secret", u.secret + "\n");
  return u;
}

const Upstream& shared_upstream() {
  static Upstream u = start_upstream("upstream");
  return u;
}

std::string make_operators_db(const std::string& name) {
  std::string db = temp_dir() + "/" + name + ".db";
  auto pw = write_file("operator.password", std::string(kOperatorPassword) + "\n");
  for (const char* role : {"admin", "staff", "viewer"}) {
    auto r = run_roster_server({"operator", "add", "--db", db, "--email", std::string(role) + "@ops.test", "--role",
                                role, "--password-file", pw});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
  }
  return db;
}

const std::string& operators_db() {
  static std::string path = make_operators_db("operators");
  return path;
}

std::vector<std::string> proxy_args(const Upstream& upstream, std::vector<std::string> more) {
  std::vector<std::string> args = {
      "--upstream",           "https://127.0.0.1:" + std::to_string(upstream.server->port()),
      "--client-id",          upstream.client_id,
      "--client-secret-file", upstream.secret_file,
      "--upstream-ca",        test_pki().ca};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

ProxyProcess::ProxyProcess(std::vector<std::string> args) {
  static int serial = 0;
  log_path_ = temp_dir() + "/proxy-" + std::to_string(++serial) + ".log";
  std::vector<std::string> full = {"proxy"};
  full.insert(full.end(), args.begin(), args.end());
  auto has = [&](const char* flag) {
    for (const auto& a : args)
      if (a == flag) return true;
    return false;
  };
  if (!has("--listen")) full.insert(full.end(), {"--listen", "127.0.0.1:0"});
  if (!has("--db") && !has("--store")) full.insert(full.end(), {"--db", operators_db()});
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_ = fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    int log = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fds[1], 1);
    dup2(log, 2);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv;
    static std::string binary = ROSTER_SERVER_BINARY;
    argv.push_back(binary.data());
    for (auto& a : full) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  std::string line;
  char c;
  while (read(fds[0], &c, 1) == 1 && c != '\n') line += c;
  close(fds[0]);
  INFO("proxy said: " << line << "; log: " << log());
  auto colon = line.rfind(':');
  REQUIRE(colon != std::string::npos);
  port_ = std::atoi(line.c_str() + colon + 1);
  REQUIRE(port_ > 0);
}

ProxyProcess::~ProxyProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status;
    waitpid(pid_, &status, 0);
  }
}

void ProxyProcess::kill_now() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string ProxyProcess::log() const {
  std::ifstream in(log_path_);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::unique_ptr<httplib::Client> ProxyProcess::client() const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
  c->set_read_timeout(30, 0);
  return c;
}

std::string ProxyProcess::sign_in(const std::string& email) const {
  nlohmann::json body = {{"email", email}, {"password", kOperatorPassword}};
  auto r = client()->Post("/api/session", body.dump(), "application/json");
  REQUIRE(r);
  INFO(r->body);
  REQUIRE(r->status == 200);
  auto cookie = r->get_header_value("Set-Cookie");
  REQUIRE(cookie.rfind("roster_session=", 0) == 0);
  return cookie.substr(0, cookie.find(';'));
}

Response ProxyProcess::get(const std::string& cookie, const std::string& path) const {
  return send("GET", cookie, path);
}

Response ProxyProcess::send(const std::string& method, const std::string& cookie, const std::string& path,
                            const std::string& body, bool requested_with) const {
  httplib::Request req;
  req.method = method;
  req.path = path;
  if (!cookie.empty()) req.set_header("Cookie", cookie);
  if (requested_with) req.set_header("X-Requested-With", "roster-test");
  if (!body.empty()) {
    req.body = body;
    req.set_header("Content-Type", "application/json");
  }
  return to_response(client()->send(req));
}

const char* const kScriptedSecret = "scripted-secret-5f3a9c";

std::vector<std::string> scripted_args(const ScriptedUpstream& up) {
  static const std::string secret_file = write_file("scripted.secret", std::string(kScriptedSecret) + "\n");
  return {"--upstream",           up.url(),    "--client-id",        "scripted-client",
          "--client-secret-file", secret_file, "--upstream-timeout", "2"};
}

ScriptedUpstream::Script with_profile(ScriptedUpstream::Script script) {
  return [script](int fd, const std::string& request) {
    if (request.find(" /api/v1/organization/profile") != std::string::npos)
      ScriptedUpstream::write_all(fd, ScriptedUpstream::answer(200, R"({"id":1,"name":"Scripted Org"})"));
    else
      script(fd, request);
  };
}

}  // namespace roster::test
