// What only the PostgreSQL store has to show: a server that stops and starts again (every call
// answers "not answered" at once while it is down, nothing half-written, and the same store answers
// again by itself), a deadline on every statement, instances that create the tables at the same
// time, and a password that never reaches a description, a log line or an error.
#include "store_backends.h"

#include "model/password_hash.h"
#include "server/base/clock.h"
#include "server/db/proxy_store_postgres.h"
#include "server/pgsql/pg_client.h"

#include <doctest/doctest.h>

#include <thread>
#include <vector>

using namespace roster::test;
using namespace roster::server;
using namespace roster::server::proxy;

namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;

PgSettings settings_for(const std::string& url, const std::string& password, int timeout_ms = 3000) {
  PgSettings s;
  std::string error;
  INFO(error);
  REQUIRE(parse_pg_settings(url, password, s, error));
  s.call_timeout_ms = timeout_ms;
  return s;
}

}  // namespace

TEST_CASE("PostgreSQL stopped: every call says so at once, nothing is half-written; started: the store answers again") {
  PostgresBackend place;
  auto store = place.open(1500);
  REQUIRE(store->add_operator("ann@example.test", OperatorRole::Admin, "h", kNow) == ProxyStore::Added::Yes);
  const std::int64_t ann = store->operator_by_email("ann@example.test").value->id;
  const std::string id = *store->open_session(ann, kNow, 3'600'000).value;

  PgCluster& cluster = shared_cluster();
  cluster.stop();
  const std::int64_t t0 = steady_ms();
  CHECK_FALSE(store->session(id, kNow).answered);
  CHECK_FALSE(store->open_session(ann, kNow, 3'600'000).answered);
  CHECK(store->add_operator("bob@example.test", OperatorRole::Viewer, "h", kNow) == ProxyStore::Added::Failed);
  CHECK_FALSE(store->begin_sign_in("user:ann", "10.0.0.1", kNow, {}, {}).answered);
  CHECK_FALSE(store->spend_budget("k", kNow, BudgetRule{}).answered);
  CHECK_FALSE(store->ping());
  const std::int64_t down_ms = steady_ms() - t0;
  MESSAGE("six calls to a stopped PostgreSQL answered in " << down_ms << " ms");
  CHECK(down_ms < 2000);
  const std::string log = place.log->all();
  CHECK(log.find("cannot connect") != std::string::npos);

  cluster.start();
  bool back = false;
  const std::int64_t t1 = steady_ms();
  while (!back && steady_ms() - t1 < 5000) {
    back = store->session(id, kNow).answered;
    if (!back) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(back);
  MESSAGE("the store answered again " << steady_ms() - t1 << " ms after PostgreSQL started");
  CHECK(store->session(id, kNow).value);                             // the session outlived the restart
  CHECK(place.raw("SELECT count(*) FROM proxy_sessions") == "1\n");  // the refused open_session left nothing
  CHECK(place.raw("SELECT count(*) FROM operators") == "1\n");
  CHECK(place.log->all().find("connected to") != std::string::npos);
}

TEST_CASE("a transaction cut by a dropped connection leaves nothing behind") {
  PostgresBackend place;
  place.open();  // the tables
  PgSettings settings = settings_for(place.url, shared_cluster().password());
  std::string error;
  auto c = PgConnection::open(settings, error);
  REQUIRE(c);
  const std::string pid = c->exec("SELECT pg_backend_pid()").text(0, 0);
  {
    PgTransaction tx(*c);
    REQUIRE(tx.ok());
    REQUIRE(c->exec("INSERT INTO operators(email, role, password_hash, created_at) VALUES ($1, 'admin', 'h', 0)",
                    {std::string("half@example.test")})
                .ok());
    shared_cluster().psql("SELECT pg_terminate_backend(" + pid + ")");
    PgResult commit = tx.commit();
    CHECK(commit.status() == PgResult::Status::Broken);
    CHECK(c->broken());
  }
  CHECK(place.raw("SELECT count(*) FROM operators") == "0\n");
}

TEST_CASE("a statement past its deadline is an error when the deadline passes, and its connection is dropped") {
  PostgresBackend place;
  PgSettings settings = settings_for(place.url, shared_cluster().password(), 300);
  std::string error;
  auto c = PgConnection::open(settings, error);
  REQUIRE(c);
  const std::int64_t t0 = steady_ms();
  PgResult r = c->exec("SELECT pg_sleep(5)");
  const std::int64_t took = steady_ms() - t0;
  CHECK(r.status() == PgResult::Status::Broken);
  CHECK(r.error().find("no answer within 300 ms") != std::string::npos);
  CHECK(took >= 300);
  CHECK(took < 1500);
  CHECK(c->broken());
  CHECK_FALSE(c->usable());
}

TEST_CASE("instances starting together create the tables once, and every one of them works") {
  PostgresBackend place;
  std::vector<std::unique_ptr<ProxyStore>> stores(6);
  std::vector<std::string> errors(6);
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i)
    threads.emplace_back([&, i] {
      StoreOptions o;
      o.postgres_url = place.url;
      o.postgres_password = shared_cluster().password();
      auto s = open_proxy_store(o, errors[i]);
      if (s && s->prepare(errors[i])) stores[i] = std::move(s);
    });
  for (auto& t : threads) t.join();
  for (int i = 0; i < 6; ++i) {
    INFO(errors[i]);
    REQUIRE(stores[i]);
    CHECK(stores[i]->add_operator("op" + std::to_string(i) + "@example.test", OperatorRole::Viewer, "h", kNow) ==
          ProxyStore::Added::Yes);
  }
  CHECK(stores[0]->operators().value.size() == 6);
}

TEST_CASE("the tables go to the schema the URL names; a schema that is not there is refused in words") {
  PostgresBackend place;
  place.open()->add_operator("ann@example.test", OperatorRole::Viewer, "h", kNow);
  CHECK(shared_cluster().psql("SELECT count(*) FROM " + place.schema + ".operators") == "1");
  CHECK(shared_cluster().psql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'") == "0");
  StoreOptions o;
  o.postgres_url = shared_cluster().url("no_such_schema");
  o.postgres_password = shared_cluster().password();
  std::string error;
  auto store = open_proxy_store(o, error);
  REQUIRE(store);
  CHECK_FALSE(store->prepare(error));
  CHECK(error.find("cannot prepare the store's tables") != std::string::npos);
}

TEST_CASE("the store's password is in no description, log line or error") {
  PgCluster& cluster = shared_cluster();
  const std::string password = cluster.password();
  const std::string inline_url =
      "postgresql://roster:" + password + "@127.0.0.1:" + std::to_string(cluster.port()) + "/roster";
  LogLines log;
  StoreOptions o;
  o.postgres_url = inline_url;
  o.log = log.sink();
  std::string error;
  auto store = open_proxy_store(o, error);
  REQUIRE(store);
  CHECK(store->description() ==
        "PostgreSQL database roster on 127.0.0.1:" + std::to_string(cluster.port()) + " as roster");
  CHECK(store->prepare(error));  // it works with the URL's password

  SUBCASE("a wrong password is refused in words that do not hold it") {
    o.postgres_url = "postgres://roster:" + password + "-wrong@127.0.0.1:" + std::to_string(cluster.port()) + "/roster";
    auto wrong = open_proxy_store(o, error);
    REQUIRE(wrong);
    CHECK_FALSE(wrong->prepare(error));
    CHECK(error.find("password authentication failed") != std::string::npos);
    CHECK(error.find(password) == std::string::npos);
  }
  SUBCASE("nor does a server that is not there, nor a URL libpq cannot read") {
    o.postgres_url = "postgres://roster:" + password + "@127.0.0.1:" + std::to_string(free_port()) + "/roster";
    auto absent = open_proxy_store(o, error);
    REQUIRE(absent);
    CHECK_FALSE(absent->prepare(error));
    CHECK(error.find(password) == std::string::npos);
    o.postgres_url = "postgres://roster:" + password + "@127.0.0.1/roster?nonsense=" + password;
    CHECK_FALSE(open_proxy_store(o, error));
    CHECK(error.find(password) == std::string::npos);
  }
  SUBCASE("the password given twice (URL and file) is a mistake said once") {
    o.postgres_password = password;
    CHECK_FALSE(open_proxy_store(o, error));
    CHECK(error.find("given twice") != std::string::npos);
    CHECK(error.find(password) == std::string::npos);
  }
  CHECK(log.all().find(password) == std::string::npos);
  CHECK(store->description().find(password) == std::string::npos);
  CHECK(error.find(password) == std::string::npos);
}
