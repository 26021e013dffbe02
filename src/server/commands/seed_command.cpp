// `roster-server seed`: a fresh database of demo data (seed.h), its accounts printed.
#include "server/commands/command.h"
#include "server/commands/command_flags.h"
#include "server/commands/seed.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

namespace roster::server {

namespace {

const char* const kUsage =
    "  roster-server seed --db FILE --users N --orgs M --seed S [--json] [--force] [--now EPOCH_MS]\n";

int usage_error(const std::string& message) { return flags_usage_error(message, kUsage); }

int run_seed(int argc, char** argv) {
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

}  // namespace

const Command kSeedCommand = {"seed", kUsage, run_seed};

}  // namespace roster::server
