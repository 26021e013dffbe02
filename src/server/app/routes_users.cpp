// Users API: list, search, info, role change, invite, create, transfer, and the edit extension.
#include "model/json_read.h"
#include "model/password_hash.h"
#include "model/sha256.h"
#include "model/time_zone.h"
#include "model/utf8.h"
#include "model/validation.h"
#include "server/app/app.h"
#include "server/app/scope.h"

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
  Reply failure;
  if (search) {
    auto query = params.text("query");
    if (!query) return Reply::error(400, "Parameter 'query' is required.");
    auto problem = validate_query(*query);
    if (!problem.empty()) return Reply::error(400, problem);
    filter.query = *query;
  }
  // "Get all users" covers the caller's own organisation unless asked for more; search covers the tree.
  if (!resolve_org_scope(app, who, params, "includeSubOrgUsers", search, filter.org_ids, failure)) return failure;
  std::int64_t page = 0, size = 0;
  bool descending = false;
  if (!read_paging(params, page, size) || !read_sort_order(params, descending))
    return Reply::error(400, params.error());
  UserSort sort;
  sort.descending = descending;
  if (auto label = params.text("sortBy")) {
    auto key = user_sort_key(*label);
    if (!key) return Reply::error(400, "Unknown sortBy '" + *label + "'; use one of: " + user_sort_labels_text() + ".");
    sort.key = *key;
  }
  const bool extensions = !app.options().public_api_only;  // the public API knows none of these filters
  for (const auto& r : extensions ? params.list("roleId") : std::vector<std::string>{}) {
    std::int64_t id = 0;
    // Range first: 4294967297 is not role 1.
    if (!parse_int64(r, id) || id < 1 || id > 2147483647)
      return Reply::error(400, "Parameter 'roleId' must be a whole number between 1 and 2147483647.");
    if (!app.dir().role(static_cast<std::int32_t>(id))) return Reply::error(400, "Unknown roleId '" + r + "'.");
    filter.role_ids.push_back(static_cast<std::int32_t>(id));
  }
  for (const auto& s : extensions ? params.list("status") : std::vector<std::string>{}) {
    if (!parse_user_status(s))
      return Reply::error(400, "Unknown status '" + s + "'; use Pending, Active, Inactive or Suspended.");
    filter.statuses.push_back(s);
  }
  auto no_devices = params.boolean("withNoDevices", false);
  if (params.failed()) return Reply::error(400, params.error());
  filter.no_devices = extensions && *no_devices;
  if (who.self_only()) filter.only_user_id = who.user_id;

  Page<User> result;
  std::string error;
  if (!app.users_repo().find(filter, sort, page, size, result, error))
    return Reply::failure("The user query failed.", error);
  return Reply::ok(encode_page(result, extensions ? encode_extended_summary : encode_summary));
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
  auto saved = users.invite(u);
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
  auto saved = users.create(u, password_hash);
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
  if (!app.dir().role(static_cast<std::int32_t>(*role_id)))
    return Reply::error(404, "Role with identifier " + std::to_string(*role_id) + " is not found.");
  std::string error;
  if (!users.change_role(*user_id, static_cast<std::int32_t>(*role_id), error))
    return Reply::failure("Could not change the role.", error);
  return saved_user(users, *user_id, false);
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
  if (!users.transfer(user_id, target, role_id, error)) return Reply::failure("Could not transfer the user.", error);
  return saved_user(users, user_id, true);
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
  if (!users.edit(*user_id, edit, error)) return Reply::failure("Could not save the user.", error);
  return saved_user(users, *user_id, false);
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
    if (user && app.options().public_api_only) {  // the public detail has no extension fields
      user->orgName.reset();
      user->country.reset();
      user->city.reset();
      user->tags.reset();
      user->devicesCount.reset();
    }
    return user ? Reply::ok(encode_detail(*user)) : failure;
  });
  app.extension_api("PUT", base + "/user",
                    [&app](const httplib::Request& req, const Principal& who) { return edit_user(app, req, who); });
  app.api("PUT", base + "/users/role",
          [&app](const httplib::Request& req, const Principal& who) { return update_role(app, req, who); });
  app.api("POST", base + "/users/invite",
          [&app](const httplib::Request& req, const Principal& who) { return invite(app, req, who); });
  app.api("POST", base + "/users/create-in-org",
          [&app](const httplib::Request& req, const Principal& who) { return create_in_org(app, req, who); });
  app.api("POST", base + "/users/transfer",
          [&app](const httplib::Request& req, const Principal& who) { return transfer(app, req, who); });
}

}  // namespace roster::server
