// Users API: list, search, info, role change, invite (and the invitation quota extension), create,
// transfer, and the edit extension.
#include "model/json_read.h"
#include "model/password_hash.h"
#include "model/sha256.h"
#include "model/time_zone.h"
#include "model/utf8.h"
#include "model/validation.h"
#include "server/app/app.h"
#include "server/app/admin_rules.h"
#include "server/app/scope.h"
#include "server/app/user_query.h"
#include "server/base/clock.h"

#include <algorithm>

namespace roster::server {

namespace {

constexpr const char* kBase = "/api/v1/organization";

Reply forbidden() { return Reply::error(403, "Your role does not allow this action."); }

// The user just written, as the answer; a row that cannot be read back is a failure, not a crash.
Reply saved_user(UsersRepository& users, std::int64_t id, bool created) {
  auto user = users.load(id);
  if (!user)
    return Reply::failure("The change was saved but the user could not be read back.", "user " + std::to_string(id));
  return created ? Reply::created(encode_detail(*user)) : Reply::ok(encode_detail(*user), false);
}

// A user the caller may see, or a 404 that does not tell "absent" from "not yours".
std::optional<User> visible_user(App& app, UsersRepository& users, const Principal& who, std::int64_t id,
                                 Reply& failure) {
  auto user = users.load(id);
  if (!user || !app.dir().in_subtree(who.org_id, user->orgId) || (who.self_only() && user->id != who.user_id)) {
    failure = Reply::error(404, user_not_found(id));
    return std::nullopt;
  }
  return user;
}

Reply list_or_search(App& app, const httplib::Request& req, const Principal& who, bool search) {
  Params params(req);
  UserFilter filter;
  UserSort sort;
  Reply failure;
  std::int64_t page = 0, size = 0;
  if (!read_paging(params, page, size)) return Reply::error(400, params.error());
  if (!read_user_query(app, who, req, search, filter, sort, failure)) return failure;
  Page<User> result;
  std::string error;
  if (!app.users_repo().find(filter, sort, page, size, result, error))
    return Reply::failure("The user query failed.", error);
  const bool extensions = !app.options().public_api_only;
  return Reply::ok(encode_page(result, extensions ? encode_extended_summary : encode_summary));
}

std::string role_name(App& app, std::int32_t role_id) {
  const Role* role = app.dir().role(role_id);
  return role ? role->name : "role " + std::to_string(role_id);
}

// Checks the fields shared by invite and create; returns a 4xx reply or nullopt when fine. Whether
// the email is free is checked by the repository, inside its write transaction.
std::optional<Reply> check_new_user(App& app, const Principal& who, const User& u) {
  for (const auto& problem :
       {validate_email(u.email), validate_name(u.name), validate_nick_name(u.nickName.value_or("")),
        validate_phone_number(u.phoneNumber.value_or(""))})
    if (!problem.empty()) return Reply::error(400, problem);
  if (u.tz && !utc_offset_minutes(*u.tz, 0)) return Reply::error(400, "Unknown time zone '" + *u.tz + "'.");
  if (!app.dir().role(u.roleId))
    return Reply::error(404, "Role with identifier " + std::to_string(u.roleId) + " is not found.");
  if (!can_see_org(app, who, u.orgId)) return Reply::error(404, kOrgNotFound);
  return std::nullopt;
}

Reply invite(App& app, const httplib::Request& req, const Principal& who) {
  if (!who.can("users.invite")) return forbidden();
  nlohmann::json body;
  std::string error;
  if (!parse_json_body(req, body, error)) return Reply::error(400, error);
  User u;
  u.orgId = who.org_id;
  json_read::FieldReader r(body, error, "invitation");
  r.required("email", u.email)
      .required("name", u.name)
      .required("roleId", u.roleId)
      .optional("orgId", u.orgId)
      .optional("locale", u.locale);
  if (!r.ok()) return Reply::error(400, error);
  if (auto bad = check_new_user(app, who, u)) return *bad;

  u.status = "Pending";
  auto users = app.users_repo();
  auto saved =
      users.invite(u, actor_entry(who, "USER_INVITED", "Invited " + u.email + " as " + role_name(app, u.roleId)));
  switch (saved.outcome) {
    case NewUserResult::Outcome::kSaved: break;
    case NewUserResult::Outcome::kEmailInUse: return Reply::error(400, u.email + " is already in use");
    case NewUserResult::Outcome::kDailyLimit: {
      Reply limited = Reply::error(429, "This organization has sent " + std::to_string(kInvitesPerDay) +
                                            " invitations today; try again tomorrow.");
      limited.headers.push_back({"Retry-After", std::to_string(saved.retry_after_s)});
      return limited;
    }
    case NewUserResult::Outcome::kFailed: return Reply::failure("Could not save the invitation.", saved.error);
  }
  return saved_user(users, saved.id, true);
}

// The invitation quota extension: how many of the organisation's 25 places of the current UTC day
// are taken (invitations and invitations sent again), so that the console can say so before the
// limit refuses one. Asked by whoever may invite, about any organisation of their tree.
Reply invite_quota(App& app, const httplib::Request& req, const Principal& who) {
  if (!who.can("users.invite")) return forbidden();
  Params params(req);
  auto org = params.integer("orgId", who.org_id, 1, 2147483647);
  if (params.failed()) return Reply::error(400, params.error());
  const auto org_id = static_cast<std::int32_t>(*org);
  if (!can_see_org(app, who, org_id)) return Reply::error(404, kOrgNotFound);
  InviteQuota quota;
  std::string error;
  if (!app.users_repo().invite_quota(org_id, now_ms(), quota, error))
    return Reply::failure("Could not count today's invitations.", error);
  const std::int64_t limit = kInvitesPerDay;
  return Reply::ok({{"orgId", org_id},
                    {"limit", limit},
                    {"usedToday", quota.used_today},
                    {"left", std::max<std::int64_t>(0, limit - quota.used_today)},
                    {"resetsAt", quota.resets_at}},
                   false);
}

Reply create_in_org(App& app, const httplib::Request& req, const Principal& who) {
  if (!who.can("users.edit")) return forbidden();
  nlohmann::json body;
  std::string error;
  if (!parse_json_body(req, body, error)) return Reply::error(400, error);
  User u;
  std::string password_hash;
  json_read::FieldReader r(body, error, "user");
  r.required("email", u.email)
      .required("passwordHash", password_hash)
      .required("name", u.name)
      .required("orgId", u.orgId)
      .required("roleId", u.roleId)
      .optional("title", u.title)
      .optional("nickName", u.nickName)
      .optional("phoneNumber", u.phoneNumber)
      .optional("tz", u.tz);
  if (!r.ok()) return Reply::error(400, error);
  std::string raw;
  if (!base64_decode(password_hash, raw) || raw.size() != 32)
    return Reply::error(400, "passwordHash must be the Base64 of a SHA-256 digest (44 characters).");
  if (u.title && utf8::count_code_points(*u.title) > 100)
    return Reply::error(400, "Title must be at most 100 characters.");
  if (auto bad = check_new_user(app, who, u)) return *bad;
  u.status = "Pending";  // never signed in yet
  auto users = app.users_repo();
  auto saved = users.create(u, password_hash, actor_entry(who, "USER_CREATED", "Created " + u.email));
  switch (saved.outcome) {
    case NewUserResult::Outcome::kSaved: break;
    case NewUserResult::Outcome::kEmailInUse: return Reply::error(400, u.email + " is already in use");
    case NewUserResult::Outcome::kDailyLimit:
    case NewUserResult::Outcome::kFailed: return Reply::failure("Could not create the user.", saved.error);
  }
  return saved_user(users, saved.id, true);
}

Reply update_role(App& app, const httplib::Request& req, const Principal& who) {
  if (!who.can("users.edit")) return forbidden();
  Params params(req);
  auto user_id = params.integer("userId", std::nullopt, 1, INT64_MAX);
  auto role_id = params.integer("roleId", std::nullopt, 1, 2147483647);
  if (params.failed()) return Reply::error(400, params.error());
  auto users = app.users_repo();
  Reply failure;
  auto user = visible_user(app, users, who, *user_id, failure);
  if (!user) return failure;
  const auto role = static_cast<std::int32_t>(*role_id);
  if (!app.dir().role(role))
    return Reply::error(404, "Role with identifier " + std::to_string(*role_id) + " is not found.");
  UserChange change;
  change.action = UserAction::kSetRole;
  change.role_id = role;
  Rules rules;
  rules.new_role = role;
  auto result = app.admin_repo().change(
      *user_id, change, user_check(app, who, req, rules),
      actor_entry(who, "USER_ROLE_CHANGED", "Changed the role of " + user->email + " to " + role_name(app, role)));
  return change_reply(app, result, *user_id, 200, "Could not change the role.");
}

Reply transfer(App& app, const httplib::Request& req, const Principal& who) {
  if (!who.can("users.edit")) return forbidden();
  nlohmann::json body;
  std::string error;
  if (!parse_json_body(req, body, error)) return Reply::error(400, error);
  std::int64_t user_id = 0;
  std::int32_t target = 0, role_id = 0;
  json_read::FieldReader r(body, error, "transfer");
  r.required("userId", user_id).required("targetOrgId", target).required("roleId", role_id);
  if (!r.ok()) return Reply::error(400, error);
  auto users = app.users_repo();
  Reply failure;
  auto user = visible_user(app, users, who, user_id, failure);
  if (!user) return failure;
  if (!can_see_org(app, who, target)) return Reply::error(404, kOrgNotFound);
  if (!app.dir().role(role_id))
    return Reply::error(404, "Role with identifier " + std::to_string(role_id) + " is not found.");
  UserChange change;
  change.action = UserAction::kTransfer;
  change.org_id = target;
  change.role_id = role_id;
  // Leaving an organisation takes an Admin away from it, as a demotion does.
  Rules rules;
  rules.new_role = target != user->orgId && role_id == 1 ? 2 : role_id;
  auto result = app.admin_repo().change(
      user_id, change, user_check(app, who, req, rules),
      actor_entry(who, "USER_TRANSFERRED", "Transferred " + user->email + " to " + app.dir().org(target)->name));
  return change_reply(app, result, user_id, 201, "Could not transfer the user.");
}

Reply edit_user(App& app, const httplib::Request& req, const Principal& who) {
  Params params(req);
  auto user_id = params.integer("userId", std::nullopt, 1, INT64_MAX);
  if (params.failed()) return Reply::error(400, params.error());
  auto users = app.users_repo();
  Reply failure;
  auto user = visible_user(app, users, who, *user_id, failure);
  if (!user) return failure;
  bool editing_self = who.via_session && who.user_id == *user_id;
  if (!who.can("users.edit") && !editing_self) return forbidden();

  nlohmann::json body;
  std::string error;
  if (!parse_json_body(req, body, error)) return Reply::error(400, error);
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (it.key() == "email") return Reply::error(400, "The email address of a user cannot be changed.");
    if (it.key() != "name" && it.key() != "nickName" && it.key() != "phoneNumber" && it.key() != "tz" &&
        it.key() != "tags")
      return Reply::error(
          400, "Unknown field '" + it.key() + "'; editable fields are name, nickName, phoneNumber, tz, tags.");
  }
  UserEdit edit{user->name, user->nickName.value_or(""), user->phoneNumber.value_or(""), user->tz.value_or("UTC"), {}};
  auto& tag_ids = edit.tag_ids;
  json_read::FieldReader r(body, error, "user");
  r.optional("name", edit.name)
      .optional("nickName", edit.nick_name)
      .optional("phoneNumber", edit.phone)
      .optional("tz", edit.tz)
      .optional("tags", tag_ids);
  if (!r.ok()) return Reply::error(400, error);
  for (const auto& problem :
       {validate_name(edit.name), validate_nick_name(edit.nick_name), validate_phone_number(edit.phone)})
    if (!problem.empty()) return Reply::error(400, problem);
  if (!utc_offset_minutes(edit.tz, 0)) return Reply::error(400, "Unknown time zone '" + edit.tz + "'.");
  if (tag_ids) {
    if (editing_self && !who.can("users.edit")) return forbidden();
    auto problem = validate_tag_count(tag_ids->size());
    if (!problem.empty()) return Reply::error(400, problem);
    auto allowed = app.dir().tags_of_org(user->orgId);
    for (std::size_t i = 0; i < tag_ids->size(); ++i) {
      bool found = false;
      for (const auto& t : allowed) found = found || t.id == (*tag_ids)[i];
      if (!found)
        return Reply::error(400,
                            "Tag " + std::to_string((*tag_ids)[i]) + " does not belong to the user's organization.");
    }
  }
  UserChange change;
  change.action = UserAction::kEdit;
  change.edit = edit;
  auto result = app.admin_repo().change(*user_id, change, user_check(app, who, req, Rules{}),
                                        actor_entry(who, "USER_UPDATED", "Updated " + user->email));
  return change_reply(app, result, *user_id, 200, "Could not save the user.");
}

}  // namespace

void register_user_routes(App& app) {
  const std::string base = kBase;
  app.api("GET", base + "/users",
          [&app](const httplib::Request& req, const Principal& who) { return list_or_search(app, req, who, false); });
  app.api("GET", base + "/search/users",
          [&app](const httplib::Request& req, const Principal& who) { return list_or_search(app, req, who, true); });
  app.api("GET", base + "/user", [&app](const httplib::Request& req, const Principal& who) {
    Params params(req);
    auto id = params.integer("userId", std::nullopt, 1, INT64_MAX);
    if (params.failed()) return Reply::error(400, params.error());
    auto users = app.users_repo();
    Reply failure;
    auto user = visible_user(app, users, who, *id, failure);
    return user ? Reply::ok(user_detail_json(app, *user)) : failure;
  });
  app.extension_api("PUT", base + "/user",
                    [&app](const httplib::Request& req, const Principal& who) { return edit_user(app, req, who); });
  app.api("PUT", base + "/users/role",
          [&app](const httplib::Request& req, const Principal& who) { return update_role(app, req, who); });
  app.api("POST", base + "/users/invite",
          [&app](const httplib::Request& req, const Principal& who) { return invite(app, req, who); });
  app.extension_api("GET", base + "/users/invite/quota",
                    [&app](const httplib::Request& req, const Principal& who) { return invite_quota(app, req, who); });
  app.api("POST", base + "/users/create-in-org",
          [&app](const httplib::Request& req, const Principal& who) { return create_in_org(app, req, who); });
  app.api("POST", base + "/users/transfer",
          [&app](const httplib::Request& req, const Principal& who) { return transfer(app, req, who); });
}

}  // namespace roster::server
