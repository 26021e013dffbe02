// Reading and writing users in SQLite: one user, pages of users for list and search (filters, sortBy
// labels, the trigram index, cached totals), and keeping the search index in step with edits.
#pragma once

#include "model/page.h"
#include "model/user.h"
#include "server/app.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roster::server {

struct UserFilter {
  std::vector<std::int32_t> org_ids;  // empty: every organisation
  std::vector<std::int32_t> role_ids;
  std::vector<std::string> statuses;
  bool no_devices = false;
  std::int64_t only_user_id = 0;  // a plain User sees only themself
  std::string query;              // search text as typed; empty: no search
};

struct UserSort {
  std::string column = "u.id";
  bool descending = false;
};

// The public sortBy labels of "Search users" to columns; nullopt for an unknown label.
std::optional<std::string> user_sort_column(const std::string& label);
std::string user_sort_labels_text();  // "User Id, Name, ..." for error messages

std::optional<User> load_user(App& app, std::int64_t id);
std::optional<User> load_user_by_email(App& app, const std::string& email);

bool find_users(App& app, const UserFilter& filter, const UserSort& sort, std::int64_t page, std::int64_t size,
                Page<User>& out, std::string& error);

// Rewrites the user's row in the trigram index from the users table.
bool sync_search_row(Database& db, std::int64_t user_id);

}  // namespace roster::server
