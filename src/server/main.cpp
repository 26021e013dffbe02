// roster-server command line: `serve` runs the Platform API (and the web build) over a database,
// `seed` writes a fresh database of demo data, `proxy` and `operator` (server/proxy/) front a real
// Blynk server. Operators script it: flags and output stay stable.
#include "model/validation.h"
#include "server/app.h"
#include "server/command_flags.h"
#include "server/kiosk_token_command.h"
#include "server/proxy/proxy_command.h"
#include "server/seed.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <optional>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace roster;
using namespace roster::server;

namespace {

const char* const kUsage =
    "usage:\n"
    "  roster-server serve --db FILE --listen HOST:PORT [--web DIR] [--cors ORIGIN]...\n"
    "                      [--tls-cert FILE --tls-key FILE] [--frame-ancestors SOURCES]\n"
    "                      [--token-ttl SECONDS] [--session-ttl SECONDS] [--rate-limit PER_MINUTE]\n"
    "                      [--threads N] [--max-connections N] [--max-connections-per-address N]\n"
    "                      [--max-body-memory MB] [--public-api-only]\n"
    "  roster-server proxy --upstream URL --client-id ID --client-secret-file FILE --db FILE --listen HOST:PORT\n"
    "                      [--web DIR] [--upstream-ca FILE] [--tls-cert FILE --tls-key FILE] [more: proxy --help]\n"
    "  roster-server operator add|list|remove --db FILE [...] (operator --help)\n"
    "  roster-server seed --db FILE --users N --orgs M --seed S [--json] [--force] [--now EPOCH_MS]\n"
    "  roster-server kiosk-token --db FILE --org ID --ttl DAYS [--label TEXT]\n"
    "  roster-server kiosk-token --db FILE --list | --revoke ID\n"
    "  roster-server --help\n";

int usage_error(const std::string& message) { return flags_usage_error(message, kUsage); }

int seed(int argc, char** argv) {
  Flags f(argc, argv, 2, {"--db", "--users", "--orgs", "--seed", "--now"}, {"--json", "--force"});
  if (!f.error.empty()) return usage_error(f.error);
  SeedOptions o;
  if (!f.get("--db")) return usage_error("seed needs --db FILE");
  o.db_path = *f.get("--db");
  std::int64_t users = o.users, orgs = o.orgs, seed_value = static_cast<std::int64_t>(o.seed), now = 0;
  std::string error;
  if (!number_flag(f, "--users", 3, 50'000'000, users, error) || !number_flag(f, "--orgs", 3, 100'000, orgs, error) ||
      !number_flag(f, "--seed", 0, INT64_MAX, seed_value, error) || !number_flag(f, "--now", 1, INT64_MAX, now, error))
    return usage_error(error);
  o.users = users;
  o.orgs = static_cast<std::int32_t>(orgs);
  o.seed = static_cast<std::uint64_t>(seed_value);
  o.now_ms = now;
  o.force = f.has("--force");
  SeedResult r;
  if (!seed_database(o, r, error)) {
    std::fprintf(stderr, "roster-server: %s\n", error.c_str());
    return 1;
  }
  if (f.has("--json")) {
    nlohmann::json accounts = nlohmann::json::array();
    for (const auto& a : r.accounts)
      accounts.push_back({{"email", a.email},
                          {"password", a.password},
                          {"role", a.role},
                          {"name", a.name},
                          {"userId", a.userId},
                          {"orgId", a.orgId}});
    nlohmann::json out = {
        {"db", o.db_path},
        {"users", r.users},
        {"orgs", r.orgs},
        {"devices", r.devices},
        {"actions", r.actions},
        {"busyUsers", r.busy_users},
        {"seconds", r.seconds},
        {"accounts", accounts},
        {"oauthClient", {{"clientId", r.client_id}, {"clientSecret", r.client_secret}, {"orgId", 1}}}};
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    std::printf("Seeded %s in %.1f s: %lld users, %d organizations, %lld devices, %lld actions log entries.\n",
                o.db_path.c_str(), r.seconds, static_cast<long long>(r.users), r.orgs,
                static_cast<long long>(r.devices), static_cast<long long>(r.actions));
    for (const auto& a : r.accounts)
      std::printf("  %-6s %-20s password %s\n", a.role.c_str(), a.email.c_str(), a.password.c_str());
    std::printf("  OAuth client %s secret %s (root organization)\n", r.client_id.c_str(), r.client_secret.c_str());
  }
  return 0;
}

int serve(int argc, char** argv) {
  Flags f(argc, argv, 2,
          {"--db", "--listen", "--web", "--cors", "--tls-cert", "--tls-key", "--frame-ancestors", "--token-ttl",
           "--session-ttl", "--rate-limit", "--threads", "--max-connections", "--max-connections-per-address",
           "--max-body-memory"},
          {"--public-api-only"});
  if (!f.error.empty()) return usage_error(f.error);
  ServeOptions o;
  if (!f.get("--db")) return usage_error("serve needs --db FILE");
  if (!f.get("--listen")) return usage_error("serve needs --listen HOST:PORT");
  o.db_path = *f.get("--db");
  if (!parse_listen(*f.get("--listen"), o.host, o.port))
    return usage_error("--listen must be HOST:PORT, for example 127.0.0.1:8080 (port 0 picks a free port)");
  o.web_dir = f.get("--web").value_or("");
  o.cors_origins = f.all("--cors");
  o.tls_cert = f.get("--tls-cert").value_or("");
  o.tls_key = f.get("--tls-key").value_or("");
  o.frame_ancestors = f.get("--frame-ancestors").value_or("'self'");
  o.public_api_only = f.has("--public-api-only");
  std::int64_t threads = o.threads, max_connections = static_cast<std::int64_t>(o.max_connections),
               per_address = static_cast<std::int64_t>(o.max_connections_per_address),
               body_memory = static_cast<std::int64_t>(o.max_body_memory_mb);
  std::string error;
  if (!number_flag(f, "--token-ttl", 1, 365LL * 86400, o.token_ttl_s, error) ||
      !number_flag(f, "--session-ttl", 60, 30LL * 86400, o.session_ttl_s, error) ||
      !number_flag(f, "--rate-limit", 1, 100'000'000, o.rate_limit_per_minute, error) ||
      !number_flag(f, "--threads", 1, 256, threads, error) ||
      !number_flag(f, "--max-connections", 16, 1'000'000, max_connections, error) ||
      !number_flag(f, "--max-connections-per-address", 1, 1'000'000, per_address, error) ||
      !number_flag(f, "--max-body-memory", 4, 65536, body_memory, error))
    return usage_error(error);
  o.threads = static_cast<int>(threads);
  o.max_connections = static_cast<std::size_t>(max_connections);
  o.max_connections_per_address = static_cast<std::size_t>(per_address);
  o.max_body_memory_mb = static_cast<std::size_t>(body_memory);

  App app(o);
  if (!app.init(error)) {
    std::fprintf(stderr, "roster-server: %s\n", error.c_str());
    return 1;
  }
  return app.run();
}

int kiosk_token(int argc, char** argv) {
  Flags f(argc, argv, 2, {"--db", "--org", "--ttl", "--label", "--revoke"}, {"--list"});
  if (!f.error.empty()) return usage_error(f.error);
  KioskTokenCommand c;
  if (!f.get("--db")) return usage_error("kiosk-token needs --db FILE");
  c.db_path = *f.get("--db");
  std::string error;
  std::int64_t org = 0, revoke = 0;
  const bool issuing = f.get("--org") || f.get("--ttl") || f.get("--label");
  if (f.has("--list") + (f.get("--revoke") ? 1 : 0) + (issuing ? 1 : 0) != 1)
    return usage_error("kiosk-token takes one of: --org ID --ttl DAYS [--label TEXT], --list, --revoke ID");
  if (f.has("--list")) {
    c.action = KioskTokenCommand::Action::List;
  } else if (f.get("--revoke")) {
    if (!number_flag(f, "--revoke", 1, INT64_MAX, revoke, error)) return usage_error(error);
    c.action = KioskTokenCommand::Action::Revoke;
    c.revoke_id = revoke;
  } else {
    if (!f.get("--org") || !f.get("--ttl")) return usage_error("kiosk-token needs --org ID and --ttl DAYS");
    if (!number_flag(f, "--org", 1, 2147483647, org, error) || !number_flag(f, "--ttl", 1, 3650, c.ttl_days, error))
      return usage_error(error);
    c.org_id = static_cast<std::int32_t>(org);
    c.label = f.get("--label").value_or("");
    if (c.label.size() > 100) return usage_error("--label is at most 100 bytes");
  }
  return run_kiosk_token_command(c);
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  if (argc < 2) return usage_error("a command is required");
  std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::printf("%s", kUsage);
    return 0;
  }
  if (command == "seed") return seed(argc, argv);
  if (command == "serve") return serve(argc, argv);
  if (command == "kiosk-token") return kiosk_token(argc, argv);
  if (command == "proxy") return proxy::proxy_command(argc, argv);
  if (command == "operator") return proxy::operator_command(argc, argv);
  return usage_error("unknown command '" + command + "'");
}
