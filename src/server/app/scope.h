// Which organisations a call may see: the caller's organisation and everything below it, narrowed
// by the orgId / includeSub... parameters. Shared by user and device routes.
#pragma once

#include "server/app/app.h"

#include <string>
#include <vector>

namespace roster::server {

// Fills `org_ids` (empty: every organisation, a fast path for the whole tree) or `failure`.
bool resolve_org_scope(const App& app, const Principal& who, Params& params, const char* include_sub_param,
                       bool include_sub_default, std::vector<std::int32_t>& org_ids, Reply& failure);

// False for an organisation that does not exist, so that a caller may look it up afterwards.
bool can_see_org(const App& app, const Principal& who, std::int32_t org_id);

extern const char* const kOrgNotFound;
std::string user_not_found(std::int64_t id);

// Reads page and size with the contract's defaults and ranges.
bool read_paging(Params& params, std::int64_t& page, std::int64_t& size);
// Reads sortOrder (ASC default, DESC); false on anything else.
bool read_sort_order(Params& params, bool& descending);

}  // namespace roster::server
