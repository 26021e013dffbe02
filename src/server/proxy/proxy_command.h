// The `proxy` and `operator` subcommands of roster-server: flags to options, the secret and
// password files read (never a secret on the command line, where `ps` shows it), then the proxy run
// or the operator accounts changed. main.cpp only dispatches to these.
#pragma once

namespace roster::server::proxy {

int proxy_command(int argc, char** argv);
int operator_command(int argc, char** argv);

}  // namespace roster::server::proxy
