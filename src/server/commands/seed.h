// `roster-server seed`: writes a fresh database with deterministic, realistic demo data (a 3-level
// organisation tree, users in four scripts and four statuses, devices, 90 days of actions log, a few
// busy users per organisation) plus known demo accounts and an OAuth client of the root organisation.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace roster::server {

struct SeedOptions {
  std::string db_path;
  std::int64_t users = 1000;
  std::int32_t orgs = 12;
  std::uint64_t seed = 1;
  std::int64_t now_ms = 0;  // 0: the current time, rounded down to the hour
  bool force = false;       // replace an existing file
};

struct DemoAccount {
  std::string email, password, role, name;
  std::int64_t userId = 0;
  std::int32_t orgId = 0;
};

struct SeedResult {
  std::vector<DemoAccount> accounts;
  std::string client_id, client_secret;
  std::int64_t users = 0, devices = 0, actions = 0;
  // Users with thousands of actions (integrations, shared accounts): the first two Active users of
  // each organisation, in id order.
  std::vector<std::int64_t> busy_users;
  std::int32_t orgs = 0;
  double seconds = 0;
};

bool seed_database(const SeedOptions& options, SeedResult& result, std::string& error);

// The demo password, the same for the three demo accounts (printed by seed and by `roster run`).
extern const char* const kDemoPassword;

}  // namespace roster::server
