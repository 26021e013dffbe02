// The `proxy` and `operator` commands of roster-server: flags to options, the secret and password
// files read (never a secret on the command line, where `ps` shows it), then the proxy run or the
// operator accounts changed, in the proxy's store (--db FILE or --store postgres://...).
#include "server/commands/command.h"

#include "model/password_hash.h"
#include "model/utf8.h"
#include "model/validation.h"
#include "server/base/clock.h"
#include "server/commands/command_flags.h"
#include "server/commands/store_flags.h"
#include "server/proxy/proxy_app.h"

#include <arpa/inet.h>

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
    "  roster-server proxy --upstream URL --client-id ID --client-secret-file FILE --listen HOST:PORT\n"
    "                      --db FILE | --store postgres://USER@HOST[:PORT]/DB [--store-password-file FILE]\n"
    "                      [--web DIR] [--upstream-ca FILE] [--tls-cert FILE --tls-key FILE]\n"
    "                      [--upstream-timeout SECONDS (10)] [--upstream-rate PER_MINUTE (9000)]\n"
    "                      [--user-info-ttl SECONDS (30)] [--session-ttl SECONDS] [--frame-ancestors SOURCES]\n"
    "                      [--threads N] [--store-timeout MS (5000)] [--trusted-proxy ADDRESS]...\n"
    "  URL is https://host[:port] (http://127.0.0.1[:port] for a local test server).\n";

const char* const kOperatorUsage =
    "  roster-server operator add (--db FILE | --store URL) --email EMAIL --role admin|staff|viewer "
    "--password-file FILE\n"
    "  roster-server operator list (--db FILE | --store URL)\n"
    "  roster-server operator remove (--db FILE | --store URL) --email EMAIL\n";

int fail(const std::string& message) {
  std::fprintf(stderr, "roster-server: %s\n", message.c_str());
  return 1;
}

int run_proxy(int argc, char** argv) {
  auto usage_error = [](const std::string& m) { return flags_usage_error(m, kProxyUsage); };
  Flags f(
      argc, argv, 2,
      {"--upstream", "--client-id", "--client-secret-file", "--db", "--store", "--store-password-file",
       "--store-timeout", "--trusted-proxy", "--listen", "--web", "--upstream-ca", "--tls-cert", "--tls-key",
       "--upstream-timeout", "--upstream-rate", "--user-info-ttl", "--session-ttl", "--frame-ancestors", "--threads"},
      {});
  if (!f.error.empty()) return usage_error(f.error);
  for (const char* required : {"--upstream", "--client-id", "--client-secret-file", "--listen"})
    if (!f.get(required)) return usage_error(std::string("proxy needs ") + required);
  ProxyOptions o;
  std::string error;
  StoreFlags store;
  if (int code = read_store_flags(f, "roster-server proxy", store, error))
    return code == 2 ? usage_error(error) : fail(error);
  o.db_path = store.db;
  o.store_url = store.url;
  o.store_password = store.password;
  for (const auto& address : f.all("--trusted-proxy")) {
    unsigned char bytes[16];
    if (inet_pton(AF_INET, address.c_str(), bytes) != 1 && inet_pton(AF_INET6, address.c_str(), bytes) != 1)
      return usage_error("--trusted-proxy takes an IP address (the load balancer's), not " + address);
    o.trusted_proxies.push_back(address);
  }
  if (!parse_upstream_url(*f.get("--upstream"), o.upstream, error)) return usage_error(error);
  if (!parse_listen(*f.get("--listen"), o.host, o.port))
    return usage_error("--listen must be HOST:PORT, for example 127.0.0.1:8080 (port 0 picks a free port)");
  o.client_id = *f.get("--client-id");
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
      !number_flag(f, "--threads", 1, 256, threads, error) ||
      !number_flag(f, "--store-timeout", 100, 60'000, o.store_timeout_ms, error))
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
  Flags f(argc, argv, 3, {"--db", "--store", "--store-password-file", "--email", "--role", "--password-file"}, {});
  if (!f.error.empty()) return usage_error(f.error);
  std::string error;
  StoreFlags where;
  if (int code = read_store_flags(f, ("roster-server operator " + action).c_str(), where, error))
    return code == 2 ? usage_error(error) : fail(error);
  const std::string& db = where.db;
  const std::string place = db.empty() ? "the store" : db;
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
    if (!db.empty())
      if (int fd = open(db.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600); fd >= 0) close(fd);
    auto store = open_store(where, true, error);
    if (!store) return fail(error);
    if (!db.empty() && chmod(db.c_str(), 0600) != 0)
      std::fprintf(stderr, "roster-server operator: warning: cannot chmod 600 %s\n", db.c_str());
    const std::string folded = utf8::to_lower(email);
    switch (store->add_operator(folded, *role, blynk_password_hash(folded, password), now_ms())) {
      case ProxyStore::Added::Yes: break;
      case ProxyStore::Added::Taken: return fail("an operator " + folded + " already exists");
      case ProxyStore::Added::Failed: return fail("cannot add the operator: " + store->description() + " refused it");
    }
    std::printf("Added operator %s (%s) to %s.\n", email.c_str(), operator_role_name(*role), place.c_str());
    return 0;
  }
  if (action == "list") {
    auto store = open_store(where, false, error);
    if (!store) return fail(error);
    auto all = store->operators();
    if (!all.answered) return fail("cannot list the operators: " + store->description() + " did not answer");
    for (const auto& a : all.value) std::printf("%-6s %s\n", operator_role_name(a.role), a.email.c_str());
    return 0;
  }
  if (action == "remove") {
    if (!f.get("--email")) return usage_error("operator remove needs --email");
    auto store = open_store(where, false, error);
    if (!store) return fail(error);
    auto removed = store->remove_operator(*f.get("--email"));
    if (!removed.answered) return fail("cannot remove the operator: " + store->description() + " did not answer");
    if (!removed.value) return fail("no operator " + *f.get("--email") + " in " + place);
    // Their sessions went with the account: every instance refuses them at the next request.
    std::printf("Removed operator %s from %s.\n", f.get("--email")->c_str(), place.c_str());
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
