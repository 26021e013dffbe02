// Test support: runs the real roster-server binary on a free port of 127.0.0.1 against a freshly
// seeded database, and gives HTTP clients for it. Used only by the contract tests.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace roster::test {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs roster-server with `args` to completion.
CommandResult run_roster_server(const std::vector<std::string>& args);

// A database seeded with `roster-server seed --json`; `info` is the JSON it printed.
struct SeededDb {
  std::string path;
  nlohmann::json info;
};
SeededDb seed_db(const std::string& name, int users, int orgs, int seed);
const SeededDb& shared_db();  // 600 users, 12 organisations, seed 42

class ServerProcess {
 public:
  ServerProcess(const std::string& db, const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  int pid() const { return pid_; }
  std::unique_ptr<httplib::Client> client() const;

 private:
  int pid_ = -1;
  int port_ = 0;
};

ServerProcess& shared_server();  // over shared_db()

std::string temp_dir();

}  // namespace roster::test
