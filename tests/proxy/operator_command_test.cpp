// `roster-server operator add|list|remove`: the proxy's accounts, in its own SQLite file, with the
// password read from a file and hashed as roster-server's accounts are.
#include "proxy_support.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

using namespace roster::test;

TEST_CASE("operator add, list and remove manage the proxy's accounts") {
  static int run = 0;  // each subcase runs the test from the top: a database of its own
  const std::string db = temp_dir() + "/operator-command-" + std::to_string(++run) + ".db";
  auto pw = write_file("operator-command.password", "a-long-password\n");
  auto add = [&](const std::string& email, const std::string& role) {
    return run_roster_server({"operator", "add", "--db", db, "--email", email, "--role", role, "--password-file", pw});
  };
  auto added = add("Ann@Example.test", "staff");
  INFO(added.output);
  CHECK(added.exit_code == 0);
  CHECK(added.output.find("a-long-password") == std::string::npos);
  CHECK(add("bob@example.test", "viewer").exit_code == 0);

  SUBCASE("the same email twice (in any case) is refused") {
    auto again = add("ann@example.TEST", "admin");
    CHECK(again.exit_code == 1);
    CHECK(again.output.find("already exists") != std::string::npos);
  }
  SUBCASE("an unknown role, a missing or short password file are refused with words") {
    auto bad_role = add("carol@example.test", "root");
    CHECK(bad_role.exit_code == 2);
    CHECK(bad_role.output.find("--role must be admin, staff or viewer") != std::string::npos);
    auto missing = run_roster_server({"operator", "add", "--db", db, "--email", "c@example.test", "--role", "admin",
                                      "--password-file", temp_dir() + "/no-such-file"});
    CHECK(missing.exit_code == 1);
    CHECK(missing.output.find("cannot read the password file") != std::string::npos);
    auto short_pw = write_file("short.password", "short\n");
    CHECK(run_roster_server({"operator", "add", "--db", db, "--email", "c@example.test", "--role", "admin",
                             "--password-file", short_pw})
              .exit_code == 1);
    CHECK(run_roster_server({"operator", "add", "--db", db, "--email", "c@example.test", "--role", "admin",
                             "--password", "on-the-command-line"})
              .exit_code == 2);
  }
  SUBCASE("list shows role and folded email; remove takes one away") {
    auto list = run_roster_server({"operator", "list", "--db", db});
    CHECK(list.exit_code == 0);
    CHECK(list.output.find("staff  ann@example.test") != std::string::npos);
    CHECK(list.output.find("viewer bob@example.test") != std::string::npos);
    CHECK(run_roster_server({"operator", "remove", "--db", db, "--email", "ANN@example.test"}).exit_code == 0);
    auto after = run_roster_server({"operator", "list", "--db", db});
    CHECK(after.output.find("ann@example.test") == std::string::npos);
    CHECK(after.output.find("bob@example.test") != std::string::npos);
    auto again = run_roster_server({"operator", "remove", "--db", db, "--email", "ann@example.test"});
    CHECK(again.exit_code == 1);
    CHECK(again.output.find("no operator") != std::string::npos);
  }
  SUBCASE("list and remove do not create a database that is not there") {
    auto r = run_roster_server({"operator", "list", "--db", temp_dir() + "/absent.db"});
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("does not exist") != std::string::npos);
  }
}

TEST_CASE("an operator signs in to the proxy with the password from the file, and a removed one is signed out") {
  const Upstream& up = shared_upstream();
  const std::string db = temp_dir() + "/operator-sign-in.db";
  auto pw = write_file("operator-sign-in.password", std::string(kOperatorPassword) + "\n");
  REQUIRE(run_roster_server(
              {"operator", "add", "--db", db, "--email", "dora@ops.test", "--role", "viewer", "--password-file", pw})
              .exit_code == 0);
  ProxyProcess proxy(proxy_args(up, {"--db", db}));
  auto cookie = proxy.sign_in("Dora@ops.test");
  auto session = proxy.get(cookie, "/api/session");
  CHECK(session.status == 200);
  CHECK(session.json["user"]["email"] == "dora@ops.test");
  CHECK(session.json["role"]["name"] == "Viewer");
  // The organization the proxy's client acts for, named as the upstream names it.
  CHECK(session.json["organization"]["name"] == up.get("/api/v1/organization/profile").json["name"]);
  CHECK_FALSE(session.json["organization"]["name"].get<std::string>().empty());
  CHECK(proxy.get(cookie, "/api/v1/organization/users?page=0&size=5").status == 200);

  REQUIRE(run_roster_server({"operator", "remove", "--db", db, "--email", "dora@ops.test"}).exit_code == 0);
  CHECK(proxy.get(cookie, "/api/session").status == 401);
  CHECK(proxy.get(cookie, "/api/v1/organization/users?page=0&size=5").status == 401);
}

TEST_CASE(
    "operator add: the database is for its owner only, the email must be one, a readable password file is warned "
    "about") {
  const std::string db = temp_dir() + "/operator-modes.db";
  auto pw = write_file("operator-modes.password", "a-long-password\n");
  REQUIRE(chmod(pw.c_str(), 0644) == 0);
  auto added = run_roster_server(
      {"operator", "add", "--db", db, "--email", "eve@example.test", "--role", "viewer", "--password-file", pw});
  INFO(added.output);
  CHECK(added.exit_code == 0);
  CHECK(added.output.find("can be read by other users") != std::string::npos);
  CHECK(added.output.find("a-long-password") == std::string::npos);
  struct stat st {};
  REQUIRE(stat(db.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);  // it holds password hashes
  for (const char* email :
       {"a@", "@example.test", "ann@example", "ann@@example.test", "ann\x1b[2J@example.test", "ann@exa\x7fmple.test"}) {
    CAPTURE(email);
    auto r =
        run_roster_server({"operator", "add", "--db", db, "--email", email, "--role", "viewer", "--password-file", pw});
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("--email must be an email address") != std::string::npos);
  }
}
