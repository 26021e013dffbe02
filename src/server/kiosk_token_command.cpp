#include "server/kiosk_token_command.h"

#include "model/time_format.h"
#include "server/http_util.h"
#include "server/kiosk_tokens_repository.h"
#include "server/proxy/operators_repository.h"
#include "server/schema.h"

#include <cstdio>
#include <filesystem>

namespace roster::server {

namespace {

std::string utc(std::int64_t ms) { return format_iso_minutes(ms, 0) + " UTC"; }

const char* state_of(const KioskTokenRecord& r, std::int64_t now) {
  if (r.revoked_at) return "revoked";
  return r.expires_at <= now ? "expired" : "active";
}

}  // namespace

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
  if (!db.ok() || (!for_proxy && !has_current_schema(db, error))) {
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

}  // namespace roster::server
