// Administration (contract section 7): suspend, reactivate, end sessions, resend an invitation,
// delete, create a tag, and the bulk change. Admins only (403 for Staff, User and kiosk tokens);
// a user of another tree is the same 404 as "Get user info".
#include "model/json_read.h"
#include "model/utf8.h"
#include "model/validation.h"
#include "server/app/admin_rules.h"
#include "server/app/app.h"
#include "server/app/scope.h"
#include "server/app/user_query.h"

#include <algorithm>
#include <unordered_map>

namespace roster::server {

namespace {

constexpr const char* kBase = "/api/v1/organization";
constexpr std::size_t kMaxSelectedIds = 10'000;

Reply forbidden() { return Reply::error(403, "Your role does not allow this action."); }

bool is_admin(const Principal& who) { return !who.kiosk && who.can("users.edit"); }

// The user named by ?userId, if the caller may see them: their email names the log entry.
std::optional<User> target(App& app, const httplib::Request& req, const Principal& who, std::int64_t& id,
                           Reply& failure) {
  Params params(req);
  auto user_id = params.integer("userId", std::nullopt, 1, INT64_MAX);
  if (params.failed()) return failure = Reply::error(400, params.error()), std::nullopt;
  id = *user_id;
  auto user = app.users_repo().load(id);
  if (!user || !app.dir().in_subtree(who.org_id, user->orgId)) {
    failure = Reply::error(404, user_not_found(id));
    return std::nullopt;
  }
  return user;
}

// Suspend, reactivate, end sessions, resend, delete: one shape, different rules and words.
struct SimpleAction {
  UserAction action;
  const char* code;
  const char* verb;  // "Suspended" -> "Suspended mia@example.com"
  Rules rules;
  int status;  // 200 with the detail, 204 for a delete
};

Reply simple_action(App& app, const httplib::Request& req, const Principal& who, const SimpleAction& a) {
  if (!is_admin(who) || (a.action == UserAction::kResendInvite && !who.can("users.invite"))) return forbidden();
  std::int64_t id = 0;
  Reply failure;
  auto user = target(app, req, who, id, failure);
  if (!user) return failure;
  UserChange change;
  change.action = a.action;
  std::string name = std::string(a.verb) + " " + user->email;
  if (a.action == UserAction::kResendInvite) name = "Sent the invitation to " + user->email + " again";
  if (a.action == UserAction::kEndSessions) name = "Ended the sessions of " + user->email;
  auto result = app.admin_repo().change(id, change, user_check(app, who, req, a.rules), actor_entry(who, a.code, name));
  if (result.outcome == ChangeResult::Outcome::kSaved) {
    // After the commit: a suspended or deleted user is refused by the database from then on anyway
    // (sessions are checked against the user's row); this drops the sessions themselves.
    if (a.action == UserAction::kEndSessions) {
      const std::size_t ended = end_sessions(app, id);
      return Reply::ok({{"sessionsEnded", ended}}, false);
    }
    if (a.action == UserAction::kSuspend || a.action == UserAction::kDelete) end_sessions(app, id);
  }
  return change_reply(app, result, id, a.status, "Could not change the user.");
}

Reply create_tag(App& app, const httplib::Request& req, const Principal& who) {
  if (!is_admin(who)) return forbidden();
  Params params(req);
  auto org = params.integer("orgId", who.org_id, 1, 2147483647);
  if (params.failed()) return Reply::error(400, params.error());
  const auto org_id = static_cast<std::int32_t>(*org);
  if (!can_see_org(app, who, org_id)) return Reply::error(404, kOrgNotFound);
  nlohmann::json body;
  std::string error, name, color;
  if (!parse_json_body(req, body, error)) return Reply::error(400, error);
  json_read::FieldReader r(body, error, "tag");
  r.required("name", name).required("color", color);
  if (!r.ok()) return Reply::error(400, error);
  const auto length = utf8::count_code_points(name);
  if (name.find_first_not_of(" \t") == std::string::npos || length > 50)
    return Reply::error(400, "A tag's name must have 1 to 50 characters.");
  const bool hex = color.size() == 7 && color[0] == '#' && std::all_of(color.begin() + 1, color.end(), [](char c) {
                     return std::isxdigit(static_cast<unsigned char>(c));
                   });
  if (!hex) return Reply::error(400, "A tag's color must be #RRGGBB.");
  Refusal refusal;
  const auto id = app.admin_repo().create_tag(
      org_id, name, color,
      actor_entry(who, "TAG_CREATED", "Created the tag \u201C" + name + "\u201D in " + app.dir().org(org_id)->name),
      refusal, error);
  if (refusal) return Reply::error(refusal.status, refusal.message);
  if (!id) return Reply::failure("Could not create the tag.", error);
  return Reply::created({{"id", id}, {"name", name}, {"color", color}});
}

std::optional<BulkAction> bulk_action(const std::string& name) {
  static const std::pair<const char*, BulkAction> kActions[] = {
      {"addTags", BulkAction::kAddTags},        {"removeTags", BulkAction::kRemoveTags},
      {"setRole", BulkAction::kSetRole},        {"suspend", BulkAction::kSuspend},
      {"reactivate", BulkAction::kReactivate},  {"delete", BulkAction::kDelete},
      {"endSessions", BulkAction::kEndSessions}};
  for (const auto& [n, a] : kActions)
    if (name == n) return a;
  return std::nullopt;
}

std::string users_count(std::int64_t n) { return group_digits(n) + (n == 1 ? " user" : " users"); }

std::string quoted_tags(App& app, const std::vector<std::int32_t>& ids) {
  std::string out;
  for (auto id : ids) {
    const Tag* t = app.dir().tag(id);
    out += (out.empty() ? "" : ", ") + std::string("\u201C") + (t ? t->name : std::to_string(id)) + "\u201D";
  }
  return out;
}

// The actions log's words for a bulk change of `n` users.
std::string bulk_log_name(App& app, BulkAction action, std::int32_t role_id, const std::vector<std::int32_t>& tags,
                          std::int64_t n) {
  const std::string tag_word = tags.size() == 1 ? "the tag " : "the tags ";
  switch (action) {
    case BulkAction::kAddTags: return "Added " + tag_word + quoted_tags(app, tags) + " to " + users_count(n);
    case BulkAction::kRemoveTags: return "Removed " + tag_word + quoted_tags(app, tags) + " from " + users_count(n);
    case BulkAction::kSetRole: {
      const Role* role = app.dir().role(role_id);
      return "Changed the role of " + users_count(n) + " to " + (role ? role->name : std::to_string(role_id));
    }
    case BulkAction::kSuspend: return "Suspended " + users_count(n);
    case BulkAction::kReactivate: return "Reactivated " + users_count(n);
    case BulkAction::kDelete: return "Deleted " + users_count(n);
    case BulkAction::kEndSessions: return "Ended the sessions of " + users_count(n);
  }
  return {};
}

// The selection's user ids: listed (each must be one the caller may see, else a failure in the
// words of "Get user info"), or every user the list would show for `query`, minus `except`.
bool selected_ids(App& app, const Principal& who, const nlohmann::json& selection, std::vector<std::int64_t>& ids,
                  std::vector<BulkFailure>& hidden, Reply& failure) {
  if (!selection.is_object()) return failure = Reply::error(400, "'selection' must be an object."), false;
  const bool by_ids = selection.contains("userIds"), by_query = selection.contains("query");
  if (by_ids == by_query)
    return failure = Reply::error(400, "'selection' takes either 'userIds' or 'query' (with 'except')."), false;
  auto read_ids = [&](const nlohmann::json& v, const char* what, std::vector<std::int64_t>& out) {
    if (!v.is_array())
      return failure = Reply::error(400, std::string("'") + what + "' must be an array of user ids."), false;
    for (const auto& id : v) {
      if (!id.is_number_integer() || id.get<std::int64_t>() < 1)
        return failure = Reply::error(400, std::string("'") + what + "' must hold whole numbers from 1."), false;
      out.push_back(id.get<std::int64_t>());
    }
    return true;
  };
  if (by_ids) {
    std::vector<std::int64_t> listed;
    if (!read_ids(selection["userIds"], "selection.userIds", listed)) return false;
    if (listed.size() > kMaxSelectedIds)
      return failure = Reply::error(400, "A selection lists at most 10,000 user ids; select by query for more."), false;
    auto users = app.users_repo();
    std::vector<User> rows;
    std::string error;
    std::sort(listed.begin(), listed.end());
    listed.erase(std::unique(listed.begin(), listed.end()), listed.end());
    if (!users.load_rows(listed, rows, error))
      return failure = Reply::failure("The selection could not be read.", error), false;
    std::size_t r = 0;
    for (auto id : listed) {
      const User* u = r < rows.size() && rows[r].id == id ? &rows[r++] : nullptr;
      if (u && app.dir().in_subtree(who.org_id, u->orgId))
        ids.push_back(id);
      else
        hidden.push_back({id, user_not_found(id)});
    }
    return true;
  }
  std::vector<std::int64_t> except;
  if (selection.contains("except") && !read_ids(selection["except"], "selection.except", except)) return false;
  httplib::Request params;
  std::string error;
  if (!request_from_json_params(selection["query"], params, error)) return failure = Reply::error(400, error), false;
  UserFilter filter;
  UserSort sort;
  if (!read_user_query(app, who, params, params.has_param("query"), filter, sort, failure)) return false;
  std::int64_t total = 0;
  // Only the ids: the rows are read by the change, a batch at a time.
  app.users_repo().find_ids(filter, UserSort{}, 0, INT64_MAX / 2, total, ids);
  std::sort(except.begin(), except.end());
  ids.erase(std::remove_if(ids.begin(), ids.end(),
                           [&](std::int64_t id) { return std::binary_search(except.begin(), except.end(), id); }),
            ids.end());
  return true;
}

Reply bulk(App& app, const httplib::Request& req, const Principal& who) {
  if (!is_admin(who)) return forbidden();
  nlohmann::json body;
  std::string error, action_name;
  if (!parse_json_body(req, body, error)) return Reply::error(400, error);
  std::int32_t role_id = 0;
  std::vector<std::int32_t> tag_ids;
  json_read::FieldReader r(body, error, "bulk change");
  r.required("action", action_name).optional("roleId", role_id).optional("tagIds", tag_ids);
  if (!r.ok()) return Reply::error(400, error);
  auto action = bulk_action(action_name);
  if (!action)
    return Reply::error(400, "Unknown action '" + action_name +
                                 "'; use addTags, removeTags, setRole, suspend, reactivate, delete or endSessions.");
  if (*action == BulkAction::kSetRole && !app.dir().role(role_id))
    return Reply::error(400, "setRole needs a 'roleId' of an existing role.");
  if (*action == BulkAction::kAddTags || *action == BulkAction::kRemoveTags) {
    if (tag_ids.empty()) return Reply::error(400, action_name + " needs 'tagIds'.");
    for (auto t : tag_ids)
      if (!app.dir().tag(t) || !app.dir().in_subtree(who.org_id, app.dir().tag_org(t)))
        return Reply::error(400, "Unknown tag " + std::to_string(t) + ".");
  }
  if (!body.contains("selection")) return Reply::error(400, "'selection' is required.");
  std::vector<std::int64_t> ids;
  std::vector<BulkFailure> hidden;
  Reply failure;
  if (!selected_ids(app, who, body["selection"], ids, hidden, failure)) return failure;
  const BulkAction a = *action;
  auto result = app.admin_repo().bulk(
      ids, a, role_id, tag_ids, who.user_id, [&](std::int64_t n) { return bulk_log_name(app, a, role_id, tag_ids, n); },
      actor_entry(who, "USERS_BULK_CHANGED", ""));
  if (!result.ok) return Reply::failure("Could not apply the bulk change.", result.error);
  if (a == BulkAction::kSuspend || a == BulkAction::kDelete || a == BulkAction::kEndSessions)
    for (auto id : result.changed) end_sessions(app, id);
  result.failed.insert(result.failed.end(), hidden.begin(), hidden.end());
  std::sort(result.failed.begin(), result.failed.end(),
            [](const BulkFailure& x, const BulkFailure& y) { return x.user_id < y.user_id; });
  // Written as text, keys in the order a JSON object's dump gives them: "all 1,000,000 matching" with
  // another organization's tag fails nearly everyone, and a million entries as JSON objects took
  // hundreds of MB and seconds to build. The words repeat: each is escaped once.
  std::string text = "{\"changed\":" + std::to_string(result.changed.size()) + ",\"failed\":[";
  std::unordered_map<std::string, std::string> escaped;
  for (std::size_t i = 0; i < result.failed.size(); ++i) {
    const auto& f = result.failed[i];
    auto words = escaped.find(f.message);
    if (words == escaped.end()) words = escaped.emplace(f.message, safe_dump(nlohmann::json(f.message))).first;
    text += i ? ",{\"message\":" : "{\"message\":";
    text += words->second;
    text += ",\"userId\":";
    text += std::to_string(f.user_id);
    text += '}';
  }
  text += "],\"matched\":" + std::to_string(result.matched + static_cast<std::int64_t>(hidden.size())) + "}";
  return Reply::ok_text(std::move(text));
}

}  // namespace

void register_admin_routes(App& app) {
  const std::string base = kBase;
  auto simple = [&app, &base](const char* method, const std::string& path, SimpleAction a) {
    app.extension_api(method, base + path, [&app, a](const httplib::Request& req, const Principal& who) {
      return simple_action(app, req, who, a);
    });
  };
  Rules guarded;  // suspend and delete: never oneself, never the last Admin
  guarded.not_self = true;
  guarded.keeps_last_admin = true;
  Rules not_self;
  not_self.not_self = true;
  simple("POST", "/user/suspend", {UserAction::kSuspend, "USER_SUSPENDED", "Suspended", guarded, 200});
  simple("POST", "/user/reactivate", {UserAction::kReactivate, "USER_REACTIVATED", "Reactivated", Rules{}, 200});
  simple("POST", "/user/logout",
         {UserAction::kEndSessions, "USER_SESSIONS_ENDED", "Ended the sessions of", not_self, 200});
  simple("POST", "/users/invite/resend", {UserAction::kResendInvite, "USER_INVITE_RESENT", "", Rules{}, 200});
  simple("DELETE", "/user", {UserAction::kDelete, "USER_DELETED", "Deleted", guarded, 204});
  app.extension_api("POST", base + "/tags",
                    [&app](const httplib::Request& req, const Principal& who) { return create_tag(app, req, who); });
  app.extension_api("POST", base + "/users/bulk",
                    [&app](const httplib::Request& req, const Principal& who) { return bulk(app, req, who); });
}

}  // namespace roster::server
