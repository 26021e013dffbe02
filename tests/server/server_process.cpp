#include "server_process.h"

#include <doctest/doctest.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>
#include <unistd.h>

namespace roster::test {

namespace {

std::vector<char*> argv_of(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  static std::string binary = ROSTER_SERVER_BINARY;
  argv.push_back(binary.data());
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  return argv;
}

// Starts roster-server with `args`; its stdout (and stderr too, with `with_stderr`) comes out of the
// returned pipe. Returns the child's pid.
pid_t spawn(const std::vector<std::string>& args, bool with_stderr, int& out_fd) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], 1);
    if (with_stderr) dup2(fds[1], 2);
    close(fds[0]);
    close(fds[1]);
    auto argv = argv_of(args);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  out_fd = fds[0];
  return pid;
}

}  // namespace

std::string temp_dir() {
  static std::string dir = [] {
    char templ[] = "/tmp/roster-contract-XXXXXX";
    const char* made = mkdtemp(templ);
    REQUIRE(made != nullptr);
    return std::string(made);
  }();
  return dir;
}

CommandResult run_roster_server(const std::vector<std::string>& args) {
  int out = -1;
  pid_t pid = spawn(args, true, out);
  CommandResult r;
  char buf[4096];
  ssize_t n;
  while ((n = read(out, buf, sizeof buf)) > 0) r.output.append(buf, static_cast<std::size_t>(n));
  close(out);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

SeededDb seed_db(const std::string& name, int users, int orgs, int seed) {
  SeededDb db;
  db.path = temp_dir() + "/" + name + ".db";
  auto r = run_roster_server({"seed", "--db", db.path, "--users", std::to_string(users), "--orgs", std::to_string(orgs),
                              "--seed", std::to_string(seed), "--json", "--force"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  db.info = nlohmann::json::parse(r.output, nullptr, false);
  REQUIRE_FALSE(db.info.is_discarded());
  return db;
}

const SeededDb& shared_db() {
  static SeededDb db = seed_db("shared", 600, 12, 42);
  return db;
}

ServerProcess::ServerProcess(const std::string& db, const std::vector<std::string>& extra_args) {
  std::vector<std::string> args = {"serve", "--db", db, "--listen", "127.0.0.1:0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  int out = -1;
  pid_ = spawn(args, false, out);
  // The server prints "roster-server listening on http://127.0.0.1:PORT" once it accepts connections.
  std::string line;
  char c;
  while (read(out, &c, 1) == 1 && c != '\n') line += c;
  close(out);
  auto colon = line.rfind(':');
  INFO("server said: " << line);
  REQUIRE(colon != std::string::npos);
  port_ = std::atoi(line.c_str() + colon + 1);
  REQUIRE(port_ > 0);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status;
    waitpid(pid_, &status, 0);
  }
}

std::unique_ptr<httplib::Client> ServerProcess::client() const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
  c->set_read_timeout(20, 0);
  return c;
}

ServerProcess& shared_server() {
  static ServerProcess server(shared_db().path);
  return server;
}

}  // namespace roster::test
