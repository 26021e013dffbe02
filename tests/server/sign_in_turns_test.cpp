// "Attempts on one account take turns" (session/login_throttle.h), over HTTP: many wrong passwords
// for one account sent at once from several addresses. The throttle locks an account out at its
// 5th failure (LoginThrottle::kPerAccount), so exactly 5 of them may be checked; the rest must be
// refused before their password is looked at. The answers alone do not show how many were checked
// (an attempt checked before the lock-out but answered after it says 429 too), so the test counts
// them where the server counts them: every checked failure also counts for its address, and an
// address is refused at its 20th failure (kPerAddress). After the burst each address is probed with
// wrong passwords for other accounts, one at a time, until its first 429: an address that had f
// failures gets 19 - f answers 401 first. The f over all addresses must add up to exactly 5.
// Without the per-account turn (throttled_password_check's one_at_a_time) several attempts pass the
// check before any failure is recorded, and the sum is larger. The window between the check and the
// record is a few microseconds (one indexed lookup and a hash), which attempts on a busy two-core
// machine rarely share; so while the burst runs, the users table is put behind a view that takes
// some milliseconds to read (a counting subquery), from outside the server: the lookup each
// checked attempt makes is slow, and attempts that do not take turns overlap every time.
#include "raw_http.h"
#include "server_process.h"
#include "sql_edit.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

using namespace roster::test;

namespace {

std::string wrong_sign_in(const std::string& email, int attempt) {
  const std::string body = R"({"email":")" + email + R"(","password":"wrong-)" + std::to_string(attempt) + R"("})";
  return "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Requested-With: test\r\n"
         "Connection: close\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("concurrent wrong passwords for one account from several addresses: exactly 5 are checked") {
  static SeededDb db = seed_db("sign-in-turns", 40, 3, 13);
  ServerProcess s(db.path);  // its own throttle
  REQUIRE(run_sql(db.path,
                  "ALTER TABLE users RENAME TO users_real;"
                  "CREATE VIEW users AS SELECT * FROM users_real WHERE (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                  "SELECT i + 1 FROM n WHERE i < 300000) SELECT count(*) FROM n) > 0;") == "");
  const std::vector<std::string> addresses = {"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6"};
  const int per_address = 6;     // under the address limit even if every one of them were checked
  const int per_account = 5;     // LoginThrottle::kPerAccount
  const int address_limit = 20;  // LoginThrottle::kPerAddress
  std::vector<std::unique_ptr<RawConnection>> guesses;
  std::vector<std::string> requests;
  for (const auto& from : addresses)
    for (int i = 0; i < per_address; ++i) {
      guesses.push_back(std::make_unique<RawConnection>(s.port(), from));
      REQUIRE(guesses.back()->connected());
      requests.push_back(wrong_sign_in("admin@roster.demo", static_cast<int>(requests.size())));
    }
  // Everything but the last byte first, then the last bytes together: the server holds every
  // attempt complete within a moment, and its workers take them at once.
  for (std::size_t i = 0; i < guesses.size(); ++i)
    REQUIRE(guesses[i]->send(requests[i].substr(0, requests[i].size() - 1)));
  for (std::size_t i = 0; i < guesses.size(); ++i)
    REQUIRE(guesses[i]->send(requests[i].substr(requests[i].size() - 1)));
  int wrong = 0, locked = 0, other = 0;
  for (auto& g : guesses) {
    auto answer = g->read_answer(10000);
    if (status_of(answer) == 401) {
      ++wrong;
    } else if (status_of(answer) == 429 && body_of(answer).find("Too many failed sign-ins") != std::string::npos) {
      ++locked;
    } else {
      ++other;
    }
  }
  REQUIRE(run_sql(db.path, "DROP VIEW users; ALTER TABLE users_real RENAME TO users;") == "");
  CHECK(wrong >= 1);
  CHECK(wrong <= per_account - 1);  // the 5th failure is answered 429 already
  CHECK(other == 0);

  // How many were checked, from each address's remaining allowance.
  int checked = 0, probe = 0;
  for (const auto& from : addresses) {
    CAPTURE(from);
    int before_refused = 0;
    for (;;) {
      RawConnection c(s.port(), from);
      c.send(wrong_sign_in("probe-" + std::to_string(probe++) + "@roster.demo", 0));
      int status = status_of(c.read_answer(5000));
      if (status != 401) {
        CHECK(status == 429);
        break;
      }
      REQUIRE(++before_refused < address_limit);
    }
    checked += address_limit - 1 - before_refused;
  }
  CHECK(checked == per_account);
  // The account stays locked from anywhere, right password included.
  RawConnection right(s.port(), "127.0.0.1");
  const std::string body = R"({"email":"admin@roster.demo","password":"roster-demo"})";
  right.send(
      "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Requested-With: test\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body);
  CHECK(status_of(right.read_answer(5000)) == 429);
}
