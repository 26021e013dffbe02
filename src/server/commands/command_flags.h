// roster-server's command-line flags, shared by its subcommands (serve, seed, proxy, operator):
// every flag takes one value except the listed switches; unknown arguments are an error.
// Operators script these commands, so the messages and exit codes stay stable.
#pragma once

#include "model/validation.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace roster::server {

// Prints the message and the usage to stderr; returns exit code 2.
inline int flags_usage_error(const std::string& message, const char* usage) {
  std::fprintf(stderr, "roster-server: %s\nusage:\n%s", message.c_str(), usage);
  return 2;
}

struct Flags {
  std::vector<std::pair<std::string, std::string>> values;
  std::vector<std::string> switches;
  std::string error;

  Flags(int argc, char** argv, int first, const std::vector<std::string>& known,
        const std::vector<std::string>& known_switches) {
    for (int i = first; i < argc; ++i) {
      std::string arg = argv[i];
      if (std::find(known_switches.begin(), known_switches.end(), arg) != known_switches.end()) {
        switches.push_back(arg);
      } else if (std::find(known.begin(), known.end(), arg) != known.end()) {
        if (i + 1 >= argc) {
          error = arg + " needs a value";
          return;
        }
        values.push_back({arg, argv[++i]});
      } else {
        error = "unknown argument '" + arg + "'";
        return;
      }
    }
  }
  std::optional<std::string> get(const std::string& name) const {
    std::optional<std::string> out;
    for (const auto& [k, v] : values)
      if (k == name) out = v;
    return out;
  }
  std::vector<std::string> all(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : values)
      if (k == name) out.push_back(v);
    return out;
  }
  bool has(const std::string& name) const {
    return std::find(switches.begin(), switches.end(), name) != switches.end();
  }
};

inline bool number_flag(const Flags& f, const std::string& name, std::int64_t lo, std::int64_t hi, std::int64_t& out,
                        std::string& error) {
  auto v = f.get(name);
  if (!v) return true;
  if (!parse_int64(*v, out) || out < lo || out > hi) {
    error = name + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
    return false;
  }
  return true;
}

// HOST:PORT (an IPv6 host in brackets); port 0 picks a free port. False when malformed.
inline bool parse_listen(const std::string& listen, std::string& host, int& port) {
  auto colon = listen.rfind(':');
  std::int64_t value = -1;
  if (colon == std::string::npos || colon == 0 || !parse_int64(listen.substr(colon + 1), value) || value < 0 ||
      value > 65535)
    return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  port = static_cast<int>(value);
  return true;
}

}  // namespace roster::server
