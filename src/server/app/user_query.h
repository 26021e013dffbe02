// The users list's parameters, read once for every call that takes them: "Get all users" and
// "Search users", a bulk change's query selection (its JSON object read as the same parameters) and
// the CSV export. So the same parameters give the same users, in the same order, everywhere.
#pragma once

#include "model/number_format.h"  // group_digits, for the actions log's counts
#include "server/app/app.h"

#include <nlohmann/json.hpp>

#include <string>

namespace roster::server {

// Filters and sort from the list's parameters: with `search`, "Search users" (`query` required, the
// whole tree by default), else "Get all users". A selection or an export searches when `query` is
// present. False with `failure` (a 400 or 404 in words).
bool read_user_query(App& app, const Principal& who, const httplib::Request& req, bool search, UserFilter& filter,
                     UserSort& sort, Reply& failure);

// A request whose query parameters are those of a JSON object: arrays repeat a parameter
// ("roleId": [2, 3]), numbers and booleans are their text. False with `error` for other values.
bool request_from_json_params(const nlohmann::json& params, httplib::Request& out, std::string& error);

// A user's detail as "Get user info" answers it, and the ETag it carries: what If-Match compares.
nlohmann::json user_detail_json(const App& app, User user);
std::string user_detail_etag(const App& app, const User& user);

}  // namespace roster::server
