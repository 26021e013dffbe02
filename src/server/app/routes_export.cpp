// The users CSV export (contract section 7): the rows the list shows for the same parameters, in
// the same order, streamed a batch at a time (ids from the index's order, each batch's rows read from
// SQLite by id), so the server's memory does not grow with the rows beyond the ids themselves.
// `userIds` or `except` (an extension of the extension) export a selection of the list, as the bulk
// call selects: the console's "Export CSV" of selected rows.
#include "model/csv.h"
#include "model/time_format.h"
#include "server/app/admin_rules.h"
#include "server/app/app.h"
#include "server/app/scope.h"
#include "server/app/user_query.h"
#include "server/base/clock.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <memory>
#include <unordered_set>

namespace roster::server {

namespace {

constexpr const char* kBase = "/api/v1/organization";
constexpr std::size_t kRowsPerPiece = 500;

enum class Column { kName, kEmail, kRole, kOrganization, kLocation, kStatus, kLastLogin, kRegistered, kDevices, kTags };

// The list's columns, in its order, by their labels.
const std::pair<const char*, Column> kColumns[] = {{"Name", Column::kName},
                                                   {"Email", Column::kEmail},
                                                   {"Role", Column::kRole},
                                                   {"Organization", Column::kOrganization},
                                                   {"Location", Column::kLocation},
                                                   {"Status", Column::kStatus},
                                                   {"Last login", Column::kLastLogin},
                                                   {"Registered", Column::kRegistered},
                                                   {"Devices", Column::kDevices},
                                                   {"Tags", Column::kTags}};

// One cell of the row, appended to `out` as a CSV field.
void append_cell(std::string& out, const App& app, const User& u, Column c) {
  switch (c) {
    case Column::kName: return append_csv_field(out, u.name);
    case Column::kEmail: return append_csv_field(out, u.email);
    case Column::kRole: {
      const Role* role = app.dir().role(u.roleId);
      return append_csv_field(out, role ? role->name : std::to_string(u.roleId));
    }
    case Column::kOrganization: return append_csv_field(out, u.orgName ? *u.orgName : std::string_view());
    case Column::kLocation: return append_csv_field(out, location_text(u));
    case Column::kStatus: return append_csv_field(out, u.status ? *u.status : std::string_view());
    case Column::kLastLogin: return append_csv_time(out, u.lastLoggedAt.value_or(0));
    case Column::kRegistered: return append_csv_time(out, u.registeredAt.value_or(0));
    case Column::kDevices: return append_csv_field(out, std::to_string(u.devicesCount.value_or(0)));
    case Column::kTags: {
      std::string tags;
      if (u.tags)
        for (const auto& t : *u.tags) {
          if (!tags.empty()) tags += "; ";
          tags += t.name;
        }
      return append_csv_field(out, tags);
    }
  }
}

std::string today_utc() {
  const CivilTime t = civil_from_epoch_ms(now_ms(), 0);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year, t.month, t.day);
  return buf;
}

// `name`: user ids, repeated or comma-separated, at most kMaxSelectionIds of them.
bool read_id_list(Params& params, const char* name, std::unordered_set<std::int64_t>& out, Reply& failure) {
  constexpr std::size_t kMaxSelectionIds = 10'000;
  for (const auto& value : params.list(name)) {
    std::size_t at = 0;
    while (at <= value.size()) {
      std::size_t comma = value.find(',', at);
      if (comma == std::string::npos) comma = value.size();
      const std::string part = value.substr(at, comma - at);
      char* end = nullptr;
      errno = 0;
      const long long id = std::strtoll(part.c_str(), &end, 10);
      if (part.empty() || *end || errno || id < 1)
        return failure = Reply::error(400, std::string("'") + name + "' must be user ids separated by commas."), false;
      out.insert(id);
      if (out.size() > kMaxSelectionIds)
        return failure = Reply::error(400, std::string("'") + name + "' takes at most 10,000 ids."), false;
      at = comma + 1;
    }
  }
  return true;
}

Reply export_users(App& app, const httplib::Request& req, const Principal& who) {
  if (who.kiosk || !who.can("users.edit")) return Reply::error(403, "Your role does not allow this action.");
  UserFilter filter;
  UserSort sort;
  Reply failure;
  if (!read_user_query(app, who, req, req.has_param("query"), filter, sort, failure)) return failure;
  std::vector<Column> columns;
  Params params(req);
  const auto labels = params.list("columns");
  for (const auto& label : labels) {
    bool known = false;
    for (const auto& [name, c] : kColumns)
      if (label == name) columns.push_back(c), known = true;
    if (!known)
      return Reply::error(400, "Unknown column '" + label +
                                   "'; use Name, Email, Role, Organization, Location, Status, Last login, Registered, "
                                   "Devices or Tags.");
  }
  if (columns.empty())
    for (const auto& [name, c] : kColumns) columns.push_back(c);

  // A selection of the list (as the bulk call's): only `userIds`, or all but `except`.
  std::unordered_set<std::int64_t> only, except;
  for (auto [name, set] :
       {std::pair<const char*, std::unordered_set<std::int64_t>*>{"userIds", &only}, {"except", &except}})
    if (!read_id_list(params, name, *set, failure)) return failure;

  // The ids in the list's order, taken once: the export is one consistent order even while users
  // change, and only ids (8 bytes a user) are held, never the rows.
  auto ids = std::make_shared<std::vector<std::int64_t>>();
  std::int64_t total = 0;
  app.users_repo().find_ids(filter, sort, 0, INT64_MAX / 2, total, *ids);
  if (!only.empty() || !except.empty()) {
    ids->erase(std::remove_if(ids->begin(), ids->end(),
                              [&](std::int64_t id) { return (!only.empty() && !only.count(id)) || except.count(id); }),
               ids->end());
    total = static_cast<std::int64_t>(ids->size());
  }
  std::string error;
  if (!app.admin_repo().log(
          actor_entry(who, "USERS_EXPORTED",
                      "Exported " + group_digits(total) + (total == 1 ? " user" : " users") + " to CSV"),
          error))
    return Reply::failure("Could not record the export.", error);

  std::string header;
  {
    std::vector<std::string> names;
    for (auto c : columns)
      for (const auto& [name, col] : kColumns)
        if (col == c) names.push_back(name);
    append_csv_row(header, names);
  }
  // What the pieces reuse, so that a piece allocates no more than its rows' own strings (a new
  // vector of 500 rows a piece was freed and faulted back in at every piece).
  struct Progress {
    std::size_t next = 0;
    std::vector<std::int64_t> batch;
    std::vector<User> rows;
  };
  auto progress = std::make_shared<Progress>();
  Reply reply = Reply::streamed("text/csv; charset=utf-8", [&app, ids, progress, columns, header](std::string& out) {
    Progress& p = *progress;
    if (p.next == 0 && !header.empty() && out.empty()) out = header;
    const std::size_t end = std::min(ids->size(), p.next + kRowsPerPiece);
    p.batch.assign(ids->begin() + static_cast<std::ptrdiff_t>(p.next), ids->begin() + static_cast<std::ptrdiff_t>(end));
    p.next = end;
    p.rows.clear();
    std::string read_error;
    // On this worker's own connection: the producer runs where the handler ran.
    if (!app.users_repo().load_rows(p.batch, p.rows, read_error)) {
      std::fprintf(stderr, "roster-server: the users export failed: %s\n", read_error.c_str());
      return StreamStep::kFailed;
    }
    for (const auto& u : p.rows) {  // as append_csv_row writes a row, with no string per cell
      for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) out += ',';
        append_cell(out, app, u, columns[i]);
      }
      out += "\r\n";
    }
    return p.next < ids->size() ? StreamStep::kMore : StreamStep::kDone;
  });
  // The file names the organisation the list is of (orgId, or the caller's own).
  const std::string org = std::to_string(params.integer("orgId", who.org_id, 1, 2147483647).value_or(who.org_id));
  reply.headers.push_back(
      {"Content-Disposition", "attachment; filename=\"users-" + org + "-" + today_utc() + ".csv\""});
  reply.headers.push_back({"Cache-Control", "private, no-store"});
  return reply;
}

}  // namespace

void register_export_routes(App& app) {
  app.extension_api("GET", std::string(kBase) + "/users/export.csv",
                    [&app](const httplib::Request& req, const Principal& who) { return export_users(app, req, who); });
}

}  // namespace roster::server
