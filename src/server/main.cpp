// roster-server's command line: a table of commands (commands/), each answering `--help`.
// `serve` runs the Platform API (and the web build) over a database, `seed` writes a fresh database of
// demo data, `proxy` and `operator` front a real Blynk server, `kiosk-token` manages kiosk tokens.
#include "server/commands/command.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

using namespace roster::server;

namespace {

const Command* const kCommands[] = {&kServeCommand, &kProxyCommand, &kOperatorCommand, &kSeedCommand,
                                    &kKioskTokenCommand};

void print_overview(std::FILE* out) {
  std::fprintf(out, "usage:\n");
  for (const Command* c : kCommands) std::fprintf(out, "%s", c->usage);
  std::fprintf(out, "  roster-server COMMAND --help\n");
}

bool asks_for_help(int argc, char** argv) {
  for (int i = 2; i < argc; ++i)
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  if (argc < 2) {
    std::fprintf(stderr, "roster-server: a command is required\n");
    print_overview(stderr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_overview(stdout);
    return 0;
  }
  for (const Command* c : kCommands) {
    if (name != c->name) continue;
    if (asks_for_help(argc, argv)) {
      std::printf("usage:\n%s", c->usage);
      return 0;
    }
    return c->run(argc, argv);
  }
  std::fprintf(stderr, "roster-server: unknown command '%s'\n", name.c_str());
  print_overview(stderr);
  return 2;
}
