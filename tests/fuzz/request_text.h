// Shared by the request fuzz targets: fuzz bytes made into a request line's query text, and the tally of
// sign-in attempts.
#pragma once

#include <cstdio>
#include <string>

// Bytes that would break the request line are percent-encoded; the query's own structure stays.
inline std::string query_text(const std::string& raw) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : raw) {
    if (c > 0x20 && c < 0x7F && c != '#')
      out += static_cast<char>(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// Over a run, how many sign-in attempts reached the password (or client secret) check and how many
// met the throttle's lock-out instead; printed at exit (tests/fuzz/run.sh shows the line). Each input
// starts with a fresh throttle, so the lock-out count stays 0 and the sign-in path stays reachable.
// Measured from the "signin" seed alone (-seed=1 -runs=1000 -mutate_depth=1): without the reset, the
// server target's 19 checked passwords met 16 lock-outs, the proxy target's 18 met 13; with it, 28
// and 18 checked, 0 lock-outs. (The server's "signin" seed had pointed at another route since routes
// were added to kRoutes; the proxy had no sign-in seed.)
struct SignInTally {
  long checked = 0, locked_out = 0;
  void print(const char* target) const {
    std::fprintf(stderr, "%s: sign-ins: %ld reached the password check, %ld met the lock-out\n", target, checked,
                 locked_out);
  }
};
