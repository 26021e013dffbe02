#include "model/number_format.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

TEST_CASE("group_digits: commas every three digits, signs and the extremes") {
  CHECK(roster::group_digits(0) == "0");
  CHECK(roster::group_digits(999) == "999");
  CHECK(roster::group_digits(1000) == "1,000");
  CHECK(roster::group_digits(1'000'000) == "1,000,000");
  CHECK(roster::group_digits(-1204) == "-1,204");
  CHECK(roster::group_digits(std::numeric_limits<std::int64_t>::min()) == "-9,223,372,036,854,775,808");
}
