#include "server/session/kiosk_access.h"

#include "model/time_format.h"

namespace roster::server {

namespace {

std::string utc_minutes(std::int64_t ms) { return format_iso_minutes(ms, 0) + " UTC"; }

}  // namespace

std::string kiosk_bearer(const httplib::Request& req) {
  auto authz = req.get_header_value("Authorization");
  if (authz.rfind("Bearer ", 0) != 0 || !looks_like_kiosk_token(authz.substr(7))) return {};
  return authz.substr(7);
}

std::string describe_kiosk_token(const KioskTokenRecord& record) {
  return "This kiosk token (#" + std::to_string(record.id) +
         (record.label.empty() ? "" : ", \"" + record.label + "\"") + ")";
}

Reply kiosk_refused(const std::string& what) {
  Reply r = Reply::error(401, what +
                                  " An operator must issue a new one (roster-server kiosk-token --db FILE --org ID"
                                  " --ttl DAYS) and open the kiosk page with #token= and the new token.");
  r.headers.push_back({"WWW-Authenticate", "Bearer error=\"invalid_token\""});
  return r;
}

std::optional<KioskTokenRecord> kiosk_token_in_force(KioskTokensRepository& tokens, const std::string& token,
                                                     std::int64_t now, Reply& failure) {
  return kiosk_token_in_force(tokens.find(token), now, failure);
}

std::optional<KioskTokenRecord> kiosk_token_in_force(const std::optional<KioskTokenRecord>& record, std::int64_t now,
                                                     Reply& failure) {
  if (!record) {
    failure = kiosk_refused("This kiosk token is not known to this server.");
    return std::nullopt;
  }
  if (record->revoked_at) {
    failure = kiosk_refused(describe_kiosk_token(*record) + " was revoked on " + utc_minutes(record->revoked_at) + ".");
    return std::nullopt;
  }
  if (record->expires_at <= now) {
    failure = kiosk_refused(describe_kiosk_token(*record) + " expired on " + utc_minutes(record->expires_at) + ".");
    return std::nullopt;
  }
  return record;
}

// A wall display may be seen, and its token copied, by anyone passing by: it can only read.
Reply kiosk_read_only() { return Reply::error(403, "A kiosk token can only read; this request would change data."); }

Reply kiosk_not_a_person() { return Reply::error(403, "A kiosk token cannot sign in, sign out or act as a person."); }

}  // namespace roster::server
