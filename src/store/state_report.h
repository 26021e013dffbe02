// The embedding API's state(): what the console shows, as JSON for the host page and the tests:
// route, query, filters, sort, totals, the visible rows, selection, errors, organizations.
#pragma once

#include "store/store.h"

#include <nlohmann/json.hpp>

#include <cstdint>

namespace roster::store {

nlohmann::json state_report(const Store& store, std::int64_t first_visible, std::int64_t last_visible);

}  // namespace roster::store
