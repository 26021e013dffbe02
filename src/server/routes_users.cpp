// Users API: list, search, info, role change, invite, create, transfer, and the edit extension.
#include "model/json_read.h"
#include "model/password_hash.h"
#include "model/sha256.h"
#include "model/time_zone.h"
#include "model/utf8.h"
#include "model/validation.h"
#include "server/app.h"
#include "server/scope.h"
#include "server/users_repo.h"

namespace roster::server {

namespace {

constexpr const char* kBase = "/api/v1/organization";
constexpr int kInvitesPerDay = 25;

Reply forbidden() { return Reply::error(403, "Your role does not allow this action."); }

// The user just written, as the answer; a row that cannot be read back is a failure, not a crash.
Reply saved_user(App& app, std::int64_t id, bool created) {
  auto user = load_user(app, id);
  if (!user)
    return Reply::failure("The change was saved but the user could not be read back.", "user " + std::to_string(id));
  return created ? Reply::created(encode_detail(*user)) : Reply::ok(encode_detail(*user), false);
}

// A user the caller may see, or a 404 that does not tell "absent" from "not yours".
std::optional<User> visible_user(App& app, const Principal& who, std::int64_t id, Reply& failure) {
  auto user = load_user(app, id);
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
    auto column = user_sort_column(*label);
    if (!column)
      return Reply::error(400, "Unknown sortBy '" + *label + "'; use one of: " + user_sort_labels_text() + ".");
    sort.column = *column;
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
  if (!find_users(app, filter, sort, page, size, result, error)) return Reply::failure("The user query failed.", error);
  return Reply::ok(encode_page(result, extensions ? encode_extended_summary : encode_summary));
}

std::int64_t utc_day(std::int64_t ms) { return ms / 86'400'000; }

// Inserts a new user row plus its search row; returns the id or 0 with `error`.
std::int64_t insert_user(App& app, const User& u, const std::string& password_hash, std::string& error) {
  Database& db = app.db();
  auto st = db.prepare(
      "INSERT INTO users(email, name, name_fold, role_id, org_id, org_name, is_dev, title, nick_name, phone, tz,"
      " locale, status, last_modified_ts, last_logged_at, registered_at, country, city, devices_count, tag_ids,"
      " password_hash) VALUES (?,?,?,?,?,?,0,?,?,?,?,?,?,?,0,?,?,?,0,'',?)");
  const Organization* org = app.dir().org(u.orgId);
  std::int64_t now = now_ms();
  st.bind(1, utf8::to_lower(u.email))
      .bind(2, u.name)
      .bind(3, utf8::to_lower(u.name))
      .bind(4, static_cast<std::int64_t>(u.roleId))
      .bind(5, static_cast<std::int64_t>(u.orgId))
      .bind(6, org ? org->name : std::string())
      .bind(7, u.title.value_or(""))
      .bind(8, u.nickName.value_or(""))
      .bind(9, u.phoneNumber.value_or(""))
      .bind(10, u.tz.value_or(org ? org->tz : "UTC"))
      .bind(11, u.locale.value_or("en_US"))
      .bind(12, u.status.value_or("Pending"))
      .bind(13, now)
      .bind(14, now)
      .bind(15, org ? org->address.country : std::string())
      .bind(16, org ? org->address.city : std::string());
  if (password_hash.empty())
    st.bind_null(17);
  else
    st.bind(17, password_hash);
  if (!st.run()) {
    error = st.error();
    return 0;
  }
  std::int64_t id = db.last_insert_id();
  if (!sync_search_row(db, id)) {
    error = db.error();
    return 0;
  }
  return id;
}

// Checked inside the caller's write transaction, so two requests cannot both take an address.
std::optional<Reply> email_in_use(App& app, const User& u) {
  if (load_user_by_email(app, u.email)) return Reply::error(400, u.email + " is already in use");
  return std::nullopt;
}

// Checks the fields shared by invite and create; returns a 4xx reply or nullopt when fine. Whether
// the email is free is the caller's to check, with email_in_use().
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

  // At most 25 invitations a day per organisation (UTC days): checked and counted inside the same
  // write transaction as the insert, so concurrent invitations cannot both take the 25th place.
  std::int64_t id = 0;
  {
    Database& db = app.db();
    WriteTransaction tx(db, app.writers());
    if (!tx.ok()) return Reply::failure("Could not save the invitation.", db.error());
    if (auto taken = email_in_use(app, u)) return *taken;
    std::int64_t day = utc_day(now_ms());
    std::int64_t sent = 0;
    {
      auto count = db.prepare("SELECT count FROM invites WHERE org_id = ? AND day = ?");
      count.bind(1, static_cast<std::int64_t>(u.orgId)).bind(2, day);
      if (count.step())
        sent = count.int64(0);
      else if (!count.error().empty())
        return Reply::failure("Could not save the invitation.", count.error());
    }
    if (sent >= kInvitesPerDay) {
      Reply limited = Reply::error(429, "This organization has sent 25 invitations today; try again tomorrow.");
      limited.headers.push_back({"Retry-After", std::to_string((day + 1) * 86400 - now_ms() / 1000)});
      return limited;
    }
    u.status = "Pending";
    id = insert_user(app, u, "", error);
    if (!id) return Reply::failure("Could not save the invitation.", error);
    auto bump = db.prepare(
        "INSERT INTO invites(org_id, day, count) VALUES (?, ?, 1) ON CONFLICT(org_id, day) DO UPDATE SET count = count "
        "+ 1");
    bump.bind(1, static_cast<std::int64_t>(u.orgId)).bind(2, day);
    if (!bump.run() || !tx.commit()) return Reply::failure("Could not save the invitation.", bump.error() + db.error());
  }
  app.data_changed();
  return saved_user(app, id, true);
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
  std::int64_t id = 0;
  {
    WriteTransaction tx(app.db(), app.writers());
    if (!tx.ok()) return Reply::failure("Could not create the user.", app.db().error());
    if (auto taken = email_in_use(app, u)) return *taken;
    id = insert_user(app, u, password_hash, error);
    if (!id || !tx.commit()) return Reply::failure("Could not create the user.", error + app.db().error());
  }
  app.data_changed();
  return saved_user(app, id, true);
}

Reply update_role(App& app, const httplib::Request& req, const Principal& who) {
  if (!who.can("users.edit")) return forbidden();
  Params params(req);
  auto user_id = params.integer("userId", std::nullopt, 1, INT64_MAX);
  auto role_id = params.integer("roleId", std::nullopt, 1, 2147483647);
  if (params.failed()) return Reply::error(400, params.error());
  Reply failure;
  auto user = visible_user(app, who, *user_id, failure);
  if (!user) return failure;
  if (!app.dir().role(static_cast<std::int32_t>(*role_id)))
    return Reply::error(404, "Role with identifier " + std::to_string(*role_id) + " is not found.");
  {
    Database& db = app.db();
    WriteTransaction tx(db, app.writers());
    auto st = db.prepare("UPDATE users SET role_id = ?, last_modified_ts = ? WHERE id = ?");
    st.bind(1, *role_id).bind(2, now_ms()).bind(3, *user_id);
    if (!tx.ok() || !st.run() || !sync_search_row(db, *user_id) || !tx.commit())
      return Reply::failure("Could not change the role.", st.error() + db.error());
  }
  app.data_changed();
  return saved_user(app, *user_id, false);
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
  Reply failure;
  auto user = visible_user(app, who, user_id, failure);
  if (!user) return failure;
  if (!can_see_org(app, who, target)) return Reply::error(404, kOrgNotFound);
  if (!app.dir().role(role_id))
    return Reply::error(404, "Role with identifier " + std::to_string(role_id) + " is not found.");
  const Organization* org = app.dir().org(target);
  {
    Database& db = app.db();
    WriteTransaction tx(db, app.writers());
    auto st = db.prepare("UPDATE users SET org_id = ?, org_name = ?, role_id = ?, last_modified_ts = ? WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(target))
        .bind(2, org->name)
        .bind(3, static_cast<std::int64_t>(role_id))
        .bind(4, now_ms())
        .bind(5, user_id);
    // The user's devices move with them: a device belongs to its owner's organisation.
    auto devices = db.prepare("UPDATE devices SET org_id = ? WHERE owner_user_id = ?");
    devices.bind(1, static_cast<std::int64_t>(target)).bind(2, user_id);
    if (!tx.ok() || !st.run() || !devices.run() || !sync_search_row(db, user_id) || !tx.commit())
      return Reply::failure("Could not transfer the user.", st.error() + devices.error() + db.error());
  }
  app.data_changed();
  return saved_user(app, user_id, true);
}

Reply edit_user(App& app, const httplib::Request& req, const Principal& who) {
  Params params(req);
  auto user_id = params.integer("userId", std::nullopt, 1, INT64_MAX);
  if (params.failed()) return Reply::error(400, params.error());
  Reply failure;
  auto user = visible_user(app, who, *user_id, failure);
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
  User next = *user;
  std::optional<std::vector<std::int32_t>> tag_ids;
  json_read::FieldReader r(body, error, "user");
  std::string name = next.name, nick = next.nickName.value_or(""), phone = next.phoneNumber.value_or(""),
              tz = next.tz.value_or("UTC");
  r.optional("name", name)
      .optional("nickName", nick)
      .optional("phoneNumber", phone)
      .optional("tz", tz)
      .optional("tags", tag_ids);
  if (!r.ok()) return Reply::error(400, error);
  for (const auto& problem : {validate_name(name), validate_nick_name(nick), validate_phone_number(phone)})
    if (!problem.empty()) return Reply::error(400, problem);
  if (!utc_offset_minutes(tz, 0)) return Reply::error(400, "Unknown time zone '" + tz + "'.");
  std::string tag_text;
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
      tag_text += (i ? "," : "") + std::to_string((*tag_ids)[i]);
    }
  }
  {
    Database& db = app.db();
    WriteTransaction tx(db, app.writers());
    auto st = db.prepare(
        "UPDATE users SET name = ?, name_fold = ?, nick_name = ?, phone = ?, tz = ?, tag_ids = coalesce(?, tag_ids),"
        " last_modified_ts = ? WHERE id = ?");
    st.bind(1, name).bind(2, utf8::to_lower(name)).bind(3, nick).bind(4, phone).bind(5, tz);
    if (tag_ids)
      st.bind(6, tag_text);
    else
      st.bind_null(6);
    st.bind(7, now_ms()).bind(8, *user_id);
    if (!tx.ok() || !st.run() || !sync_search_row(db, *user_id) || !tx.commit())
      return Reply::failure("Could not save the user.", st.error() + db.error());
  }
  app.data_changed();
  return saved_user(app, *user_id, false);
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
    Reply failure;
    auto user = visible_user(app, who, *id, failure);
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
