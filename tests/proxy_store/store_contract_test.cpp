// The proxy store's contract (src/server/db/proxy_store.h), one set of cases run against both
// implementations: a SQLite file and a PostgreSQL schema of a cluster this binary starts. Each case
// opens the store twice where it matters, as two instances of the proxy would: what one writes the
// other reads at its next call, and counts made by both at once are exact.
#include "store_backends.h"

#include "model/password_hash.h"
#include "model/utf8.h"
#include "server/db/proxy_store.h"

#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

using namespace roster::test;
using namespace roster::server::proxy;

namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;  // epoch ms (2027)
const ThrottleRule kAccount{5, 600'000, 600'000}, kAddress{20, 600'000, 600'000};

std::int64_t add(ProxyStore& store, const std::string& email, OperatorRole role = OperatorRole::Viewer) {
  REQUIRE(store.add_operator(email, role, roster::blynk_password_hash(email, "pass-word-1"), kNow) ==
          ProxyStore::Added::Yes);
  auto who = store.operator_by_email(email);
  REQUIRE(who.answered);
  REQUIRE(who.value);
  return who.value->id;
}

std::string open_session(ProxyStore& store, std::int64_t operator_id, std::int64_t now = kNow,
                         std::int64_t ttl = 3'600'000) {
  auto id = store.open_session(operator_id, now, ttl);
  REQUIRE(id.answered);
  REQUIRE(id.value);
  return *id.value;
}

bool signed_in(ProxyStore& store, const std::string& id, std::int64_t now = kNow) {
  auto s = store.session(id, now);
  REQUIRE(s.answered);
  return s.value.has_value();
}

}  // namespace

TEST_CASE_TEMPLATE("operators: added once (in any case), listed by email, found, removed", B, SqliteBackend,
                   PostgresBackend) {
  B place;
  auto store = place.open();
  add(*store, "Ann@Example.test", OperatorRole::Admin);
  add(*store, "bob@example.test", OperatorRole::Staff);
  CHECK(store->add_operator("ANN@example.TEST", OperatorRole::Viewer, "x", kNow) == ProxyStore::Added::Taken);
  auto other = place.open();
  auto all = other->operators();
  REQUIRE(all.answered);
  REQUIRE(all.value.size() == 2);
  CHECK(all.value[0].email == "ann@example.test");
  CHECK(all.value[0].role == OperatorRole::Admin);
  CHECK(all.value[1].email == "bob@example.test");
  auto found = other->operator_by_email("BOB@example.test");
  REQUIRE(found.value);
  CHECK(found.value->role == OperatorRole::Staff);
  CHECK(found.value->password_hash == roster::blynk_password_hash("bob@example.test", "pass-word-1"));
  CHECK_FALSE(other->operator_by_email("nobody@example.test").value);
  CHECK(other->remove_operator("Ann@example.test").value);
  CHECK_FALSE(store->remove_operator("ann@example.test").value);
  CHECK(store->operators().value.size() == 1);
}

TEST_CASE_TEMPLATE("sessions: seen by every instance at once, ended by any, expired, capped, ended with their operator",
                   B, SqliteBackend, PostgresBackend) {
  B place;
  auto a = place.open(), b = place.open();
  const std::int64_t ann = add(*a, "ann@example.test", OperatorRole::Staff);
  const std::string id = open_session(*a, ann);
  CHECK(id.size() == 64);
  auto seen = b->session(id, kNow);
  REQUIRE(seen.value);
  CHECK(seen.value->who.email == "ann@example.test");
  CHECK(seen.value->who.role == OperatorRole::Staff);
  CHECK(seen.value->expires_at_ms == kNow + 3'600'000);
  CHECK(seen.value->who.password_hash.empty());  // a session's lookup carries no hash

  SUBCASE("ended on one instance, refused by the other at its next call") {
    CHECK(b->close_session(id).value);
    CHECK_FALSE(signed_in(*a, id));
    CHECK_FALSE(a->close_session(id).value);
  }
  SUBCASE("expired at its end") {
    CHECK(signed_in(*b, id, kNow + 3'599'999));
    CHECK_FALSE(signed_in(*b, id, kNow + 3'600'000));
  }
  SUBCASE("an unknown or forged id is nobody") {
    CHECK_FALSE(signed_in(*b, id.substr(0, 63) + "0"));
    CHECK_FALSE(signed_in(*b, ""));
    CHECK_FALSE(signed_in(*b, "' OR '1'='1"));
  }
  SUBCASE("at most ten an operator: the oldest is signed out first") {
    std::vector<std::string> ids = {id};
    for (int i = 0; i < 10; ++i) ids.push_back(open_session(i % 2 ? *a : *b, ann, kNow + i + 1));
    CHECK_FALSE(signed_in(*a, ids[0]));
    for (std::size_t i = 1; i < ids.size(); ++i) CHECK(signed_in(*b, ids[i]));
  }
  SUBCASE("removing the operator ends every session of theirs; none opens for them after") {
    const std::string second = open_session(*b, ann);
    CHECK(b->remove_operator("ann@example.test").value);
    CHECK_FALSE(signed_in(*a, id));
    CHECK_FALSE(signed_in(*a, second));
    auto late = a->open_session(ann, kNow, 1000);
    REQUIRE(late.answered);
    CHECK_FALSE(late.value);
  }
  SUBCASE("only a hash of an id is stored: a copy of the store signs nobody in") {
    CHECK(place.raw("SELECT id_hash FROM proxy_sessions").find(id) == std::string::npos);
    CHECK(place.raw("SELECT count(*) FROM proxy_sessions") == "1\n");
  }
  SUBCASE("the sweep forgets expired sessions only") {
    const std::string later = open_session(*a, ann, kNow + 10'000);
    a->sweep(kNow + 3'600'000, kAccount.window_ms);
    CHECK(place.raw("SELECT count(*) FROM proxy_sessions") == "1\n");
    CHECK(signed_in(*b, later, kNow + 3'600'000));
  }
}

TEST_CASE_TEMPLATE("the sign-in throttle: five failures an account over instances, twenty an address, a success clears",
                   B, SqliteBackend, PostgresBackend) {
  B place;
  auto a = place.open(), b = place.open();
  auto attempt = [&](ProxyStore& s, const std::string& account, const std::string& address, bool success,
                     std::int64_t now) {
    auto turn = s.begin_sign_in(account, address, now, kAccount, kAddress);
    REQUIRE(turn.answered);
    if (turn.value.admitted) REQUIRE(s.finish_sign_in(account, address, success, now, kAddress).answered);
    return turn.value;
  };
  SUBCASE("the fifth failure, on either instance, locks the account for ten minutes from anywhere") {
    for (int i = 0; i < 4; ++i) {
      auto t = attempt(i % 2 ? *a : *b, "user:ann", "10.0.0." + std::to_string(i), false, kNow + i);
      CHECK(t.admitted);
      CHECK(t.blocked_until <= kNow + i);
    }
    auto fifth = attempt(*a, "user:ann", "10.0.0.9", false, kNow + 10);
    CHECK(fifth.admitted);  // checked, and the one that locks
    CHECK(fifth.blocked_until == kNow + 10 + kAccount.block_ms);
    auto sixth = attempt(*b, "user:ann", "10.0.0.10", true, kNow + 20);  // even the right password
    CHECK_FALSE(sixth.admitted);
    CHECK(sixth.blocked_until == kNow + 10 + kAccount.block_ms);
    CHECK(attempt(*a, "user:bob", "10.0.0.10", false, kNow + 20).admitted);  // another account is not
    CHECK(attempt(*a, "user:ann", "10.0.0.11", true, kNow + 10 + kAccount.block_ms).admitted);  // after the block
  }
  SUBCASE("a success clears its own account's count, not the address's nor another account's") {
    for (int i = 0; i < 4; ++i) attempt(*a, "user:ann", "10.0.0.1", false, kNow + i);
    for (int i = 0; i < 4; ++i) attempt(*a, "user:bob", "10.0.0.1", false, kNow + i);
    attempt(*b, "user:ann", "10.0.0.2", true, kNow + 5);
    for (int i = 0; i < 4; ++i) CHECK(attempt(*b, "user:ann", "10.0.0.3", false, kNow + 6 + i).admitted);
    auto t = attempt(*b, "user:bob", "10.0.0.3", false, kNow + 6);
    CHECK(t.admitted);
    CHECK(t.blocked_until == kNow + 6 + kAccount.block_ms);  // bob's fifth
  }
  SUBCASE("a count starts again after ten minutes without a failure") {
    for (int i = 0; i < 4; ++i) attempt(*a, "user:ann", "10.0.0.1", false, kNow + i);
    auto t = attempt(*b, "user:ann", "10.0.0.1", false, kNow + 3 + kAccount.window_ms + 1);
    CHECK(t.admitted);
    CHECK(t.blocked_until < kNow);  // the first of a new count
  }
  SUBCASE("twenty failures from one address over any accounts lock the address") {
    std::int64_t until = 0;
    for (int i = 0; i < 20; ++i) {
      auto turn = (i % 2 ? *a : *b).begin_sign_in("user:u" + std::to_string(i), "10.9.9.9", kNow, kAccount, kAddress);
      REQUIRE(turn.value.admitted);
      until = (i % 2 ? *b : *a).finish_sign_in("user:u" + std::to_string(i), "10.9.9.9", false, kNow, kAddress).value;
    }
    CHECK(until == kNow + kAddress.block_ms);
    auto refused = a->begin_sign_in("user:fresh", "10.9.9.9", kNow + 1, kAccount, kAddress);
    CHECK_FALSE(refused.value.admitted);
    CHECK(refused.value.blocked_until == kNow + kAddress.block_ms);
    CHECK(place.raw("SELECT count(*) FROM proxy_throttle") == "21\n");  // nothing counted for user:fresh
    CHECK(b->begin_sign_in("user:fresh", "10.9.9.8", kNow + 1, kAccount, kAddress).value.admitted);
  }
  SUBCASE("keys are stored hashed: no typed email or address in clear") {
    attempt(*a, "user:typed-secret@example.test", "203.0.113.7", false, kNow);
    const std::string keys = place.raw("SELECT key FROM proxy_throttle");
    CHECK(keys.find("typed-secret") == std::string::npos);
    CHECK(keys.find("203.0.113.7") == std::string::npos);
    CHECK(place.raw("SELECT count(*) FROM proxy_throttle") == "2\n");
  }
  SUBCASE("the sweep forgets counts past their window, never a block in force") {
    const ThrottleRule quick{5, 1'000, 600'000};  // a block outlasting the window
    for (int i = 0; i < 5; ++i) {
      REQUIRE(a->begin_sign_in("user:ann", "10.0.0.1", kNow, quick, kAddress).value.admitted);
      a->finish_sign_in("user:ann", "10.0.0.1", false, kNow, kAddress);
    }
    attempt(*a, "user:bob", "10.0.0.2", false, kNow);
    CHECK(place.raw("SELECT count(*) FROM proxy_throttle") == "4\n");
    a->sweep(kNow + 1'001, quick.window_ms);
    CHECK(place.raw("SELECT count(*) FROM proxy_throttle") == "1\n");  // ann's block
    CHECK_FALSE(b->begin_sign_in("user:ann", "10.0.0.3", kNow + 1'002, quick, kAddress).value.admitted);
    a->reset_throttle_for_tests();
    CHECK(place.raw("SELECT count(*) FROM proxy_throttle") == "0\n");
  }
}

TEST_CASE_TEMPLATE("wrong passwords sent to two instances at once are checked exactly five times", B, SqliteBackend,
                   PostgresBackend) {
  B place;
  auto a = place.open(), b = place.open();
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      ProxyStore& s = t % 2 ? *a : *b;
      for (int i = 0; i < 10; ++i) {
        const std::string address = "10.1." + std::to_string(t) + "." + std::to_string(i);
        auto turn = s.begin_sign_in("user:target", address, kNow, kAccount, kAddress);
        if (!turn.answered) continue;
        if (turn.value.admitted) {
          ++admitted;
          s.finish_sign_in("user:target", address, false, kNow, kAddress);
        }
      }
    });
  for (auto& t : threads) t.join();
  CHECK(admitted.load() == kAccount.limit);
}

TEST_CASE_TEMPLATE("kiosk tokens: issued once in clear, found by any instance, revoked once, stored hashed", B,
                   SqliteBackend, PostgresBackend) {
  B place;
  auto a = place.open(), b = place.open();
  auto issued = a->issue_kiosk_token(7, 86'400'000, "Lobby", kNow);
  REQUIRE(issued.answered);
  CHECK(issued.value.token.rfind("kiosk_", 0) == 0);
  auto found = b->find_kiosk_token(issued.value.token);
  REQUIRE(found.value.record);
  CHECK(found.value.record->id == issued.value.id);
  CHECK(found.value.record->org_id == 7);
  CHECK(found.value.record->label == "Lobby");
  CHECK(found.value.record->expires_at == kNow + 86'400'000);
  CHECK(found.value.record->revoked_at == 0);
  auto unknown = b->find_kiosk_token("kiosk_" + std::string(64, '0'));
  REQUIRE(unknown.answered);
  CHECK_FALSE(unknown.value.record);
  CHECK(place.raw("SELECT token_hash FROM kiosk_tokens").find(issued.value.token) == std::string::npos);
  auto second = b->issue_kiosk_token(8, 1000, "", kNow);
  auto all = a->kiosk_tokens();
  REQUIRE(all.value.size() == 2);
  CHECK(all.value[0].id == issued.value.id);
  CHECK(all.value[1].id == second.value.id);
  CHECK(b->revoke_kiosk_token(issued.value.id, kNow + 5).value);
  CHECK(a->find_kiosk_token(issued.value.token).value.record->revoked_at == kNow + 5);
  CHECK_FALSE(a->revoke_kiosk_token(issued.value.id, kNow + 9).value);  // the first revocation stays
  CHECK(a->find_kiosk_token(issued.value.token).value.record->revoked_at == kNow + 5);
  CHECK_FALSE(a->revoke_kiosk_token(999'999, kNow).value);
}

TEST_CASE_TEMPLATE("the upstream budget: one bucket a key for every instance, refilled, held, never past its cap", B,
                   SqliteBackend, PostgresBackend) {
  B place;
  auto a = place.open(), b = place.open();
  BudgetRule rule;  // as UpstreamBudget::rule(600): a bucket of 60, 540 more over the minute
  rule.capacity = 60;
  rule.per_ms = 540.0 / 60'000;
  rule.max_hold_ms = 600'000;
  const std::string key = "https://blynk.example client-1";
  auto spend = [&](ProxyStore& s, std::int64_t now, const std::string& k) {
    auto turn = s.spend_budget(k, now, rule);
    REQUIRE(turn.answered);
    return turn.value;
  };
  SUBCASE("a new key starts full; both instances spend from it") {
    int granted = 0;
    for (int i = 0; i < 100 && spend(i % 2 ? *a : *b, kNow, key).granted; ++i) ++granted;
    CHECK(granted == 60);
    auto refused = spend(*a, kNow, key);
    CHECK_FALSE(refused.held);
    CHECK(refused.wait_s == 1);                                        // 9 a second
    CHECK(spend(*b, kNow + 112, key).granted);                         // 112 ms refill one call
    CHECK(spend(*a, kNow, "https://blynk.example client-2").granted);  // another client's is its own
  }
  SUBCASE("after the clock went back an hour it refills at once, not an hour later") {
    while (spend(*a, kNow, key).granted) {}
    const std::int64_t back = kNow - 3'600'000;
    CHECK(spend(*b, back, key).wait_s >= 1);
    CHECK(spend(*a, back + 1'000, key).granted);
  }
  SUBCASE("an upstream 429 holds every instance; the hold is capped, even after the clock went back") {
    auto held = a->hold_budget(key, kNow, kNow + 30'000, rule);
    REQUIRE(held.answered);
    CHECK(held.value == 30);
    auto t = spend(*b, kNow + 1'000, key);
    CHECK_FALSE(t.granted);
    CHECK(t.held);
    CHECK(t.wait_s == 29);
    CHECK(b->hold_budget(key, kNow, INT64_MAX / 2, rule).value == 600);  // a Retry-After to the end of time
    CHECK(spend(*a, kNow - 3'600'000, key).wait_s <= 600);
    CHECK(spend(*a, kNow - 3'600'000 + 600'001, key).granted);
    // A hold on a key never spent from holds it too, and a later spend there starts full.
    CHECK(a->hold_budget("fresh", kNow, kNow + 5'000, rule).value == 5);
    CHECK(spend(*b, kNow + 5'000, "fresh").granted);
  }
}

TEST_CASE_TEMPLATE("the budget counts exactly when instances spend at once", B, SqliteBackend, PostgresBackend) {
  B place;
  auto a = place.open(), b = place.open();
  BudgetRule rule;
  rule.capacity = 50;
  rule.per_ms = 0;
  std::atomic<int> granted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        auto turn = (t % 2 ? *a : *b).spend_budget("k", kNow, rule);
        if (turn.answered && turn.value.granted) ++granted;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(granted.load() == 50);
}

TEST_CASE_TEMPLATE("the answer caches' generation: a write through one instance is seen by the others' next request", B,
                   SqliteBackend, PostgresBackend) {
  B place;
  auto a = place.open(), b = place.open();
  const std::int64_t ann = add(*a, "ann@example.test");
  const std::string id = open_session(*a, ann);
  const std::string token = a->issue_kiosk_token(1, 1000, "", kNow).value.token;
  const std::int64_t before = b->session(id, kNow).value->generation;
  CHECK(b->find_kiosk_token(token).value.generation == before);
  auto bumped = a->bump_generation();
  REQUIRE(bumped.answered);
  CHECK(bumped.value == before + 1);
  CHECK(b->session(id, kNow).value->generation == before + 1);
  CHECK(b->find_kiosk_token(token).value.generation == before + 1);
  CHECK(b->find_kiosk_token("kiosk_nothing").value.generation == before + 1);
}

TEST_CASE_TEMPLATE("values are values: quotes, semicolons and SQL in emails, labels and keys change nothing else", B,
                   SqliteBackend, PostgresBackend) {
  B place;
  auto store = place.open();
  const std::string hostile = "x'); DROP TABLE operators; --@example.test";
  add(*store, hostile);
  add(*store, "plain@example.test");
  auto found = store->operator_by_email(hostile);
  REQUIRE(found.value);
  CHECK(found.value->email == roster::utf8::to_lower(hostile));  // folded, and otherwise as given
  CHECK_FALSE(store->operator_by_email("' OR '1'='1").value);
  const std::string label = "Hall'; DELETE FROM kiosk_tokens; --";
  auto issued = store->issue_kiosk_token(1, 1000, label, kNow);
  CHECK(store->find_kiosk_token(issued.value.token).value.record->label == label);
  CHECK(store->begin_sign_in("user:' OR 1=1 --", "'; DROP TABLE proxy_throttle; --", kNow, kAccount, kAddress)
            .value.admitted);
  CHECK(store->spend_budget("'; DROP TABLE proxy_budget; --", kNow, BudgetRule{}).value.granted);
  CHECK(store->operators().value.size() == 2);
  CHECK(store->kiosk_tokens().value.size() == 1);
  CHECK_FALSE(store->remove_operator("%").value);  // no pattern either
  CHECK(store->operators().value.size() == 2);
}

TEST_CASE_TEMPLATE("two organizations' stores see nothing of each other's operators, sessions or kiosk tokens", B,
                   SqliteBackend, PostgresBackend) {
  B mine;
  B theirs = mine.other();
  auto a = mine.open(), b = theirs.open();
  const std::int64_t ann = add(*a, "ann@example.test", OperatorRole::Admin);
  const std::string session = open_session(*a, ann);
  const std::string token = a->issue_kiosk_token(1, 86'400'000, "Mine", kNow).value.token;
  CHECK(b->operators().value.empty());
  CHECK_FALSE(b->operator_by_email("ann@example.test").value);
  CHECK_FALSE(signed_in(*b, session));
  CHECK_FALSE(b->find_kiosk_token(token).value.record);
  CHECK(b->kiosk_tokens().value.empty());
  // The same email in the other store is another account, with its own sessions.
  const std::int64_t other_ann = add(*b, "ann@example.test");
  const std::string theirs_session = open_session(*b, other_ann);
  CHECK_FALSE(signed_in(*a, theirs_session));
  CHECK(b->remove_operator("ann@example.test").value);
  CHECK(signed_in(*a, session));
}
