// Test support for the proxy's contract tests: a test PKI made with openssl at run time (a CA, a
// certificate for 127.0.0.1 signed by it, and an unrelated CA), an upstream roster-server over TLS
// with --public-api-only, the operators database, and the proxy process itself (its log kept in a
// file, so tests can read every line it wrote).
#pragma once

#include "api_helpers.h"
#include "scripted_upstream.h"
#include "server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace roster::test {

struct TestPki {
  std::string ca, cert, key, wrong_ca;
};
const TestPki& test_pki();

// An upstream roster-server over TLS playing the public cloud, over its own seeded database.
struct Upstream {
  SeededDb db;
  std::unique_ptr<ServerProcess> server;
  std::string client_id, secret, secret_file;
  // Direct calls, as an OAuth client (verifying the test CA).
  std::unique_ptr<httplib::Client> client() const;
  Response get(const std::string& path) const;
  Response put(const std::string& path) const;
  std::string token() const;
};
Upstream start_upstream(const std::string& name, const std::vector<std::string>& extra_args = {});
const Upstream& shared_upstream();

// The operators database: admin@ops.test, staff@ops.test and viewer@ops.test, password kPassword.
// It is the proxies' store: their sessions, the sign-in throttle's counts and the upstream budgets
// live in it too (a budget a upstream and client), so a test that locks an account out makes a
// store of its own (make_operators_db).
extern const char* const kOperatorPassword;
const std::string& operators_db();
std::string make_operators_db(const std::string& name);
std::string write_file(const std::string& name, const std::string& text);

class ProxyProcess {
 public:
  // `args` after "proxy"; --listen and --db (the operators database) are added unless given.
  explicit ProxyProcess(std::vector<std::string> args);
  ~ProxyProcess();
  ProxyProcess(const ProxyProcess&) = delete;
  ProxyProcess& operator=(const ProxyProcess&) = delete;

  int port() const { return port_; }
  // SIGKILL, as a machine that dies: no goodbye to its connections.
  void kill_now();
  std::string log() const;  // what it wrote to stderr so far
  std::unique_ptr<httplib::Client> client() const;
  // Signs in an operator; the cookie to send.
  std::string sign_in(const std::string& email) const;
  Response get(const std::string& cookie, const std::string& path) const;
  Response send(const std::string& method, const std::string& cookie, const std::string& path,
                const std::string& body = "", bool requested_with = true) const;

 private:
  int pid_ = -1;
  int port_ = 0;
  std::string log_path_;
};

// The usual proxy arguments for `upstream` (its client, the test CA).
std::vector<std::string> proxy_args(const Upstream& upstream, std::vector<std::string> more = {});

// For a ScriptedUpstream: the proxy's arguments (a client id, a secret file holding kScriptedSecret,
// --upstream-timeout 2).
extern const char* const kScriptedSecret;
std::vector<std::string> scripted_args(const ScriptedUpstream& up);
// The session's organization (asked at sign-in) answered normally; everything else by `script`.
ScriptedUpstream::Script with_profile(ScriptedUpstream::Script script);

}  // namespace roster::test
