// The `proxy` and `operator` commands of roster-server: flags to options, the secret and password
// files read (never a secret on the command line, where `ps` shows it), then the proxy run or the
// operator accounts changed.
#include "server/commands/command.h"

#include "model/validation.h"
#include "server/commands/command_flags.h"
#include "server/db/operators_repository.h"
#include "server/proxy/proxy_app.h"
#include "server/base/clock.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace roster::server::proxy {

namespace {

const char* const kProxyUsage =
    "  roster-server proxy --upstream URL --client-id ID --client-secret-file FILE --db FILE --listen HOST:PORT\n"
    "                      [--web DIR] [--upstream-ca FILE] [--tls-cert FILE --tls-key FILE]\n"
    "                      [--upstream-timeout SECONDS (10)] [--upstream-rate PER_MINUTE (9000)]\n"
    "                      [--user-info-ttl SECONDS (30)] [--session-ttl SECONDS] [--frame-ancestors SOURCES]\n"
    "                      [--threads N]\n"
    "  URL is https://host[:port] (http://127.0.0.1[:port] for a local test server).\n";

const char* const kOperatorUsage =
    "  roster-server operator add --db FILE --email EMAIL --role admin|staff|viewer --password-file FILE\n"
    "  roster-server operator list --db FILE\n"
    "  roster-server operator remove --db FILE --email EMAIL\n";

// The file's first line, without its line end. False with `error` when unreadable or empty.
bool read_secret_file(const std::string& path, const char* what, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("cannot read the ") + what + " file " + path;
    return false;
  }
  // At most one line of 1,024 bytes and a little more is read: a FIFO or /dev/zero named by mistake
  // must not be read for ever.
  out.clear();
  for (char c; out.size() <= 1024 && in.get(c) && c != '\n';) out += c;
  while (!out.empty() && (out.back() == '\r' || out.back() == ' ' || out.back() == '\t')) out.pop_back();
  if (out.empty()) {
    error = std::string("the ") + what + " file " + path + " is empty";
    return false;
  }
  if (out.size() > 1024) {
    error = std::string("the ") + what + " in " + path + " is longer than 1024 bytes";
    return false;
  }
  return true;
}

void warn_if_others_can_read(const std::string& path, const char* who) {
  struct stat st {};
  if (stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
    std::fprintf(stderr, "%s: warning: %s can be read by other users (chmod 600 it)\n", who, path.c_str());
}

int fail(const std::string& message) {
  std::fprintf(stderr, "roster-server: %s\n", message.c_str());
  return 1;
}

int run_proxy(int argc, char** argv) {
  auto usage_error = [](const std::string& m) { return flags_usage_error(m, kProxyUsage); };
  Flags f(argc, argv, 2,
          {"--upstream", "--client-id", "--client-secret-file", "--db", "--listen", "--web", "--upstream-ca",
           "--tls-cert", "--tls-key", "--upstream-timeout", "--upstream-rate", "--user-info-ttl", "--session-ttl",
           "--frame-ancestors", "--threads"},
          {});
  if (!f.error.empty()) return usage_error(f.error);
  for (const char* required : {"--upstream", "--client-id", "--client-secret-file", "--db", "--listen"})
    if (!f.get(required)) return usage_error(std::string("proxy needs ") + required);
  ProxyOptions o;
  std::string error;
  if (!parse_upstream_url(*f.get("--upstream"), o.upstream, error)) return usage_error(error);
  if (!parse_listen(*f.get("--listen"), o.host, o.port))
    return usage_error("--listen must be HOST:PORT, for example 127.0.0.1:8080 (port 0 picks a free port)");
  o.client_id = *f.get("--client-id");
  o.db_path = *f.get("--db");
  o.web_dir = f.get("--web").value_or("");
  o.upstream_ca = f.get("--upstream-ca").value_or("");
  o.tls_cert = f.get("--tls-cert").value_or("");
  o.tls_key = f.get("--tls-key").value_or("");
  o.frame_ancestors = f.get("--frame-ancestors").value_or("'self'");
  std::int64_t threads = o.threads;
  if (!number_flag(f, "--upstream-timeout", 1, 300, o.upstream_timeout_s, error) ||
      !number_flag(f, "--upstream-rate", 1, 10'000, o.upstream_rate_per_minute, error) ||
      !number_flag(f, "--user-info-ttl", 0, 3600, o.user_info_ttl_s, error) ||
      !number_flag(f, "--session-ttl", 60, 30LL * 86400, o.session_ttl_s, error) ||
      !number_flag(f, "--threads", 1, 256, threads, error))
    return usage_error(error);
  o.threads = static_cast<int>(threads);
  if (!o.upstream_ca.empty()) {
    std::ifstream ca(o.upstream_ca);
    if (!ca) return fail("cannot read --upstream-ca " + o.upstream_ca);
  }
  // No core file and no ptrace by the same user's other processes: the secret is in this memory.
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  if (!read_secret_file(*f.get("--client-secret-file"), "client secret", o.client_secret, error)) return fail(error);
  warn_if_others_can_read(*f.get("--client-secret-file"), "roster-server proxy");

  ProxyApp app(std::move(o));
  if (!app.init(error)) return fail(error);
  return app.run();
}

int run_operator(int argc, char** argv) {
  auto usage_error = [](const std::string& m) { return flags_usage_error(m, kOperatorUsage); };
  if (argc < 3) return usage_error("operator needs add, list or remove");
  const std::string action = argv[2];
  Flags f(argc, argv, 3, {"--db", "--email", "--role", "--password-file"}, {});
  if (!f.error.empty()) return usage_error(f.error);
  if (!f.get("--db")) return usage_error("operator " + action + " needs --db FILE");
  const std::string db = *f.get("--db");
  std::string error;
  if (action == "add") {
    if (!f.get("--email") || !f.get("--role") || !f.get("--password-file"))
      return usage_error("operator add needs --email, --role and --password-file");
    const std::string email = *f.get("--email");
    auto role = parse_operator_role(*f.get("--role"));
    if (!role) return usage_error("--role must be admin, staff or viewer");
    // The console's own rule for an email (one @, a dotted domain, no spaces or control characters):
    // the address is shown on the console and printed by `operator list`.
    if (!validate_email(email).empty()) return usage_error("--email must be an email address");
    std::string password;
    if (!read_secret_file(*f.get("--password-file"), "password", password, error)) return fail(error);
    if (password.size() < 8) return fail("the password must have at least 8 characters");
    warn_if_others_can_read(*f.get("--password-file"), "roster-server operator");
    // It holds password hashes (fast ones, as the Blynk server's): for its owner only, from the
    // moment it exists (SQLite takes an empty file as a new database).
    if (int fd = open(db.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600); fd >= 0) close(fd);
    OperatorsRepository repo(db, true);
    if (!repo.ok()) return fail(repo.error());
    if (chmod(db.c_str(), 0600) != 0)
      std::fprintf(stderr, "roster-server operator: warning: cannot chmod 600 %s\n", db.c_str());
    if (!repo.add(email, *role, password, now_ms(), error)) return fail(error);
    std::printf("Added operator %s (%s) to %s.\n", email.c_str(), operator_role_name(*role), db.c_str());
    return 0;
  }
  if (action == "list") {
    OperatorsRepository repo(db, false);
    if (!repo.ok()) return fail(repo.error());
    for (const auto& a : repo.list()) std::printf("%-6s %s\n", operator_role_name(a.role), a.email.c_str());
    return 0;
  }
  if (action == "remove") {
    if (!f.get("--email")) return usage_error("operator remove needs --email");
    OperatorsRepository repo(db, false);
    if (!repo.ok()) return fail(repo.error());
    if (!repo.remove(*f.get("--email"))) return fail("no operator " + *f.get("--email") + " in " + db);
    std::printf("Removed operator %s from %s.\n", f.get("--email")->c_str(), db.c_str());
    return 0;
  }
  return usage_error("unknown operator action '" + action + "' (add, list or remove)");
}

}  // namespace

}  // namespace roster::server::proxy

namespace roster::server {

const Command kProxyCommand = {"proxy", proxy::kProxyUsage, proxy::run_proxy};
const Command kOperatorCommand = {"operator", proxy::kOperatorUsage, proxy::run_operator};

}  // namespace roster::server
