// The users query's vocabulary: the sortBy labels (the contract's and the Last Login extension) and
// the "Last sign-in" filter that UsersQuery carries.
#include "model/user.h"
#include "model/users_query.h"

#include <doctest/doctest.h>

using namespace roster;

TEST_CASE("users sortBy labels: the contract's ten and the Last Login extension; nothing else") {
  for (const char* label : {"User Id", "Name", "Email", "Status", "Role", "Organization Name", "Devices Count",
                            "Country", "Registered At", "Phone Number", "Last Login"})
    CHECK_MESSAGE(is_user_sort_label(label), label);
  for (const char* label : {"", "Last login", "LastLogin", "Last Login ", "Location", "Shoe"})
    CHECK_FALSE_MESSAGE(is_user_sort_label(label), label);
}

TEST_CASE("users query: the Last sign-in filter is part of the query (a new query, a new request)") {
  UsersQuery a, b;
  CHECK(a == b);
  CHECK(a.not_signed_in_days == 0);  // any
  b.not_signed_in_days = 90;
  CHECK(a != b);
  a.not_signed_in_days = 90;
  CHECK(a == b);
  for (int days : kNotSignedInChoices) CHECK((days >= 1 && days <= kMaxNotSignedInDays));
}
