// `roster-server kiosk-token`: issue, list and revoke kiosk tokens in a database, from the command
// line of the machine that runs the server.
#include "model/time_format.h"
#include "server/commands/command.h"
#include "server/commands/command_flags.h"
#include "server/base/clock.h"
#include "server/commands/store_flags.h"
#include "server/db/kiosk_tokens_repository.h"
#include "server/db/proxy_store_sqlite.h"
#include "server/db/schema.h"

#include <cstdio>
#include <filesystem>

namespace roster::server {

namespace {

const char* const kUsage =
    "  roster-server kiosk-token --db FILE --org ID --ttl DAYS [--label TEXT]\n"
    "  roster-server kiosk-token --db FILE --list | --revoke ID\n"
    "  roster-server kiosk-token --store postgres://... [--store-password-file FILE] (the proxy's store; as above)\n";

int usage_error(const std::string& message) { return flags_usage_error(message, kUsage); }

struct KioskTokenCommand {
  enum class Action { Issue, List, Revoke } action = Action::Issue;
  std::string db_path;
  StoreFlags store;  // --store: the proxy's PostgreSQL store
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
// The tokens read through the proxy; what the command prints (the same as for a file).
void print_issued_for_proxy(std::int64_t id, std::int32_t org_id, std::int64_t expires_at) {
  std::fprintf(stderr,
               "Kiosk token #%lld reads organization %d through roster-server proxy until %s; the proxy takes "
               "it only while %d is the organization of its Blynk OAuth client.\n"
               "Open the proxy's kiosk page as /kiosk.html#token=<the token above>; it is shown only this once.\n",
               static_cast<long long>(id), org_id, utc(expires_at).c_str(), org_id);
}

void print_list(const std::vector<KioskTokenRecord>& all, std::int64_t now) {
  std::printf("%-6s %-8s %-8s %-21s %-21s %s\n", "id", "org", "state", "created", "expires", "label");
  for (const auto& r : all)
    std::printf("%-6lld %-8d %-8s %-21s %-21s %s\n", static_cast<long long>(r.id), r.org_id, state_of(r, now),
                utc(r.created_at).c_str(), utc(r.expires_at).c_str(), r.label.c_str());
}

// The proxy's PostgreSQL store (--store): its tokens, through the same interface the proxy reads.
int run_on_store(const KioskTokenCommand& c) {
  std::string error;
  auto store = open_store(c.store, false, error);
  if (!store) {
    std::fprintf(stderr, "roster-server: %s\n", error.c_str());
    return 1;
  }
  const std::int64_t now = now_ms();
  auto down = [&](const char* what) {
    std::fprintf(stderr, "roster-server: cannot %s: %s did not answer\n", what, store->description().c_str());
    return 1;
  };
  switch (c.action) {
    case KioskTokenCommand::Action::List: {
      auto all = store->kiosk_tokens();
      if (!all.answered) return down("list the kiosk tokens");
      print_list(all.value, now);
      return 0;
    }
    case KioskTokenCommand::Action::Revoke: {
      auto revoked = store->revoke_kiosk_token(c.revoke_id, now);
      if (!revoked.answered) return down("revoke the kiosk token");
      if (!revoked.value) {
        std::fprintf(stderr, "roster-server: no kiosk token in force has id %lld\n",
                     static_cast<long long>(c.revoke_id));
        return 1;
      }
      std::printf("Revoked kiosk token #%lld; displays using it show what to do at their next request.\n",
                  static_cast<long long>(c.revoke_id));
      return 0;
    }
    case KioskTokenCommand::Action::Issue: {
      auto issued = store->issue_kiosk_token(c.org_id, c.ttl_days * 86'400'000LL, c.label, now);
      if (!issued.answered) return down("save the kiosk token");
      std::printf("%s\n", issued.value.token.c_str());
      print_issued_for_proxy(issued.value.id, c.org_id, now + c.ttl_days * 86'400'000LL);
      return 0;
    }
  }
  return 2;
}

int run_kiosk_token_command(const KioskTokenCommand& c) {
  if (!c.store.url.empty()) return run_on_store(c);
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
    case KioskTokenCommand::Action::List: print_list(tokens.list(), now); return 0;
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
        print_issued_for_proxy(id, c.org_id, now + c.ttl_days * 86'400'000LL);
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
  Flags f(argc, argv, 2, {"--db", "--store", "--store-password-file", "--org", "--ttl", "--label", "--revoke"},
          {"--list"});
  if (!f.error.empty()) return usage_error(f.error);
  KioskTokenCommand c;
  std::string error;
  if (!f.get("--db") && !f.get("--store")) return usage_error("kiosk-token needs --db FILE");
  if (int code = read_store_flags(f, "roster-server kiosk-token", c.store, error)) {
    if (code == 2) return usage_error(error);
    std::fprintf(stderr, "roster-server: %s\n", error.c_str());
    return 1;
  }
  c.db_path = c.store.db;
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
