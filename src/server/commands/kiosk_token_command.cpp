// `roster-server kiosk-token`: issue, list and revoke kiosk tokens in a database, from the command
// line of the machine that runs the server.
#include "model/time_format.h"
#include "server/commands/command.h"
#include "server/commands/command_flags.h"
#include "server/db/kiosk_tokens_repository.h"
#include "server/db/operators_repository.h"
#include "server/db/schema.h"
#include "server/base/clock.h"

#include <cstdio>
#include <filesystem>

namespace roster::server {

namespace {

const char* const kUsage =
    "  roster-server kiosk-token --db FILE --org ID --ttl DAYS [--label TEXT]\n"
    "  roster-server kiosk-token --db FILE --list | --revoke ID\n";

int usage_error(const std::string& message) { return flags_usage_error(message, kUsage); }

struct KioskTokenCommand {
  enum class Action { Issue, List, Revoke } action = Action::Issue;
  std::string db_path;
  std::int32_t org_id = 0;
  std::int64_t ttl_days = 0;
  std::string label;
  std::int64_t revoke_id = 0;
};

std::string utc(std::int64_t ms) { return format_iso_minutes(ms, 0) + " UTC"; }

const char* state_of(const KioskTokenRecord& r, std::int64_t now) {
  if (r.revoked_at) return "revoked";
  return r.expires_at <= now ? "expired" : "active";
}

// Prints what it did (an issued token alone on stdout, so scripts can take it); returns the exit code.
int run_kiosk_token_command(const KioskTokenCommand& c) {
  std::error_code ec;
  if (!std::filesystem::exists(c.db_path, ec)) {
    std::fprintf(stderr, "roster-server: database %s does not exist\n", c.db_path.c_str());
    return 1;
  }
  Database db(c.db_path, false);
  std::string error;
  // The proxy's own database holds operators, not organizations: its tokens are checked by the
  // proxy, at every request, against the organization of its Blynk client.
  const bool for_proxy = db.ok() && proxy::is_proxy_database(db);
  if (!db.ok() || (!for_proxy && !open_current_schema(db, error))) {
    std::fprintf(stderr, "roster-server: %s: %s\n", c.db_path.c_str(), db.ok() ? error.c_str() : db.error().c_str());
    return 1;
  }
  KioskTokensRepository tokens(db);
  if (!tokens.ensure_table(error)) {
    std::fprintf(stderr, "roster-server: %s: cannot create the kiosk tokens table: %s\n", c.db_path.c_str(),
                 error.c_str());
    return 1;
  }
  const std::int64_t now = now_ms();
  switch (c.action) {
    case KioskTokenCommand::Action::List: {
      auto all = tokens.list();
      std::printf("%-6s %-8s %-8s %-21s %-21s %s\n", "id", "org", "state", "created", "expires", "label");
      for (const auto& r : all)
        std::printf("%-6lld %-8d %-8s %-21s %-21s %s\n", static_cast<long long>(r.id), r.org_id, state_of(r, now),
                    utc(r.created_at).c_str(), utc(r.expires_at).c_str(), r.label.c_str());
      return 0;
    }
    case KioskTokenCommand::Action::Revoke:
      if (!tokens.revoke(c.revoke_id, now, error)) {
        std::fprintf(stderr, "roster-server: %s\n", error.c_str());
        return 1;
      }
      std::printf("Revoked kiosk token #%lld; displays using it show what to do at their next request.\n",
                  static_cast<long long>(c.revoke_id));
      return 0;
    case KioskTokenCommand::Action::Issue: {
      if (!for_proxy && !tokens.org_exists(c.org_id)) {
        std::fprintf(stderr, "roster-server: there is no organization %d in %s\n", c.org_id, c.db_path.c_str());
        return 1;
      }
      std::int64_t id = 0;
      auto token = tokens.issue(c.org_id, c.ttl_days * 86'400'000LL, c.label, now, id, error);
      if (!token) {
        std::fprintf(stderr, "roster-server: could not save the kiosk token: %s\n", error.c_str());
        return 1;
      }
      std::printf("%s\n", token->c_str());
      if (for_proxy)
        std::fprintf(
            stderr,
            "Kiosk token #%lld reads organization %d through roster-server proxy until %s; the proxy takes "
            "it only while %d is the organization of its Blynk OAuth client.\n"
            "Open the proxy's kiosk page as /kiosk.html#token=<the token above>; it is shown only this once.\n",
            static_cast<long long>(id), c.org_id, utc(now + c.ttl_days * 86'400'000LL).c_str(), c.org_id);
      else
        std::fprintf(stderr,
                     "Kiosk token #%lld reads organization %d and its sub-organizations until %s.\n"
                     "Open the kiosk page as /kiosk.html#token=<the token above>; it is shown only this once.\n",
                     static_cast<long long>(id), c.org_id, utc(now + c.ttl_days * 86'400'000LL).c_str());
      return 0;
    }
  }
  return 2;
}

int run_kiosk_token(int argc, char** argv) {
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

const Command kKioskTokenCommand = {"kiosk-token", kUsage, run_kiosk_token};

}  // namespace roster::server
