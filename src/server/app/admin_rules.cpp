#include "server/app/admin_rules.h"

#include "server/app/scope.h"
#include "server/app/user_query.h"

namespace roster::server {

namespace {

constexpr std::int32_t kAdminRole = 1;

}  // namespace

ActionEntry actor_entry(const Principal& who, std::string code, std::string name) {
  ActionEntry e;
  e.actor_user_id = who.user_id;
  e.actor_org_id = who.org_id;
  e.client = who.via_session ? "Web" : "HTTPS API";
  e.code = std::move(code);
  e.name = std::move(name);
  return e;
}

UserCheck user_check(App& app, const Principal& who, const httplib::Request& req, Rules rules) {
  const std::string if_match = req.get_header_value("If-Match");
  return [&app, who, if_match, rules](const User& u, std::int64_t active_admins) -> Refusal {
    if (!app.dir().in_subtree(who.org_id, u.orgId) || (who.self_only() && u.id != who.user_id))
      return {404, user_not_found(u.id)};
    // As the detail sent it, weak or strong: the tag is the detail's, compared without its W/.
    if (!if_match.empty() && !etag_matches(if_match, user_detail_etag(app, u)))
      return {412, "The user was changed since you read them; nothing was saved. Load them again and retry."};
    const bool admin = u.roleId == kAdminRole;
    const bool demoting = rules.new_role != 0 && admin && rules.new_role != kAdminRole;
    const bool self = who.user_id != 0 && who.user_id == u.id;
    if (self && (rules.not_self || demoting))
      return {400, demoting ? "You cannot demote yourself; ask another Admin." : "You cannot do this to yourself."};
    if ((rules.keeps_last_admin || demoting) && admin && u.status.value_or("") != "Suspended" && active_admins <= 1)
      return {400, u.email + " is the last Admin of " + u.orgName.value_or("their organization") +
                       "; make someone else an Admin first."};
    return {};
  };
}

Reply change_reply(App& app, const ChangeResult& result, std::int64_t user_id, int status, const std::string& what) {
  using Outcome = ChangeResult::Outcome;
  switch (result.outcome) {
    case Outcome::kSaved: break;
    case Outcome::kNotFound: return Reply::error(404, user_not_found(user_id));
    case Outcome::kRefused: return Reply::error(result.refusal.status, result.refusal.message);
    case Outcome::kDailyLimit: {
      Reply limited = Reply::error(429, "This organization has sent " + std::to_string(kInvitesPerDay) +
                                            " invitations today; try again tomorrow.");
      limited.headers.push_back({"Retry-After", std::to_string(result.retry_after_s)});
      return limited;
    }
    case Outcome::kFailed: return Reply::failure(what, result.error);
  }
  if (status == 204) return Reply::no_content();
  auto user = app.users_repo().load(user_id);
  if (!user)
    return Reply::failure("The change was saved but the user could not be read back.",
                          "user " + std::to_string(user_id));
  Reply r{status, user_detail_json(app, *user), {}, false, {}, {}, {}};
  if (status == 200) r.headers.push_back({"ETag", user_detail_etag(app, *user)});
  return r;
}

std::size_t end_sessions(App& app, std::int64_t user_id) { return app.auth().end_user_sessions(user_id); }

}  // namespace roster::server
