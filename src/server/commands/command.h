// One roster-server command: its name, its usage, and what runs it. main.cpp holds the table of them;
// it answers `--help` (anywhere after the name) with the usage and exit code 0 for every command, so a
// command's own run() never sees it. Operators script these commands: flags, output and exit codes
// stay stable (0 done, 1 failed, 2 a usage error).
#pragma once

namespace roster::server {

struct Command {
  const char* name;
  // Its lines of the usage (each starting "  roster-server NAME"), shown by `NAME --help`, after a usage
  // error, and in the overview.
  const char* usage;
  // argv[1] is the command's name; its flags follow.
  int (*run)(int argc, char** argv);
};

extern const Command kServeCommand;       // serve_command.cpp
extern const Command kSeedCommand;        // seed_command.cpp
extern const Command kKioskTokenCommand;  // kiosk_token_command.cpp
extern const Command kProxyCommand;       // proxy_command.cpp
extern const Command kOperatorCommand;    // proxy_command.cpp

}  // namespace roster::server
