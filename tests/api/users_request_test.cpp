// The users request's extension parameters of section 7 ("Admin questions"): the Last Login sortBy
// and notSignedInForDays, on the list and on search.
#include "api/platform_api.h"

#include <doctest/doctest.h>

using namespace roster;

TEST_CASE("users requests: notSignedInForDays on list and search, only when the filter is set") {
  UsersQuery q;
  CHECK(api::users_page_request(q, 0, 100).url.find("notSignedInForDays") == std::string::npos);
  q.not_signed_in_days = 90;
  CHECK(api::users_page_request(q, 0, 100).url ==
        "/api/v1/organization/users?page=0&size=100&includeSubOrgUsers=true&notSignedInForDays=90");
  q.text = "ann";
  q.statuses = {"Active"};
  CHECK(api::users_page_request(q, 1, 50).url ==
        "/api/v1/organization/search/users?query=ann&page=1&size=50&includeSubOrgUsers=true&status=Active"
        "&notSignedInForDays=90");
}

TEST_CASE("users requests: the Last Login sort is its label, percent-encoded, in either order") {
  UsersQuery q;
  q.sort_label = "Last Login";
  CHECK(api::users_page_request(q, 0, 100).url.find("sortBy=Last%20Login&sortOrder=ASC") != std::string::npos);
  q.descending = true;
  CHECK(api::users_page_request(q, 0, 100).url.find("sortBy=Last%20Login&sortOrder=DESC") != std::string::npos);
}
