// The indexes' packed pool of values: ids stay put through growth, every value is found again, and
// ranks sort by bytes as SQLite's BINARY collation does.
#include "server/index/value_pool.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>

using namespace roster::server;

TEST_CASE("ValuePool interns, finds and ranks values through many growths") {
  ValuePool pool;
  std::map<std::string, std::uint32_t> expected;
  std::mt19937 rng(7);
  const std::string alphabet[] = {"a", "b", "Z", "é", "ж", " ", "", "1"};
  for (int i = 0; i < 20000; ++i) {
    std::string v;
    for (int n = static_cast<int>(rng() % 6); n > 0; --n) v += alphabet[rng() % 8];
    if (rng() % 4 == 0) v += std::to_string(i);  // many distinct values, as fleets' device names
    const auto id = pool.intern(v);
    auto [it, added] = expected.emplace(v, id);
    CHECK(it->second == id);  // the same value always has the same id
    if (added) CHECK(id == expected.size() - 1);
  }
  REQUIRE(pool.size() == expected.size());
  for (const auto& [value, id] : expected) {
    CHECK(pool.value(id) == value);
    REQUIRE(pool.find(value).has_value());
    CHECK(*pool.find(value) == id);
  }
  CHECK_FALSE(pool.find("never interned").has_value());
  CHECK(pool.find("") == pool.find(std::string()));  // the empty value is a value like any other

  auto rank = pool.ranks();
  std::vector<std::uint32_t> by_rank(rank.size());
  for (std::uint32_t id = 0; id < rank.size(); ++id) by_rank[rank[id]] = id;
  std::uint32_t r = 0;
  for (const auto& [value, id] : expected) CHECK(by_rank[r++] == id);  // std::map orders by bytes too
}

TEST_CASE("an empty ValuePool finds nothing") {
  ValuePool pool;
  CHECK(pool.size() == 0);
  CHECK_FALSE(pool.find("x").has_value());
  CHECK(pool.ranks().empty());
}
