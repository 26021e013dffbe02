// `roster-server serve`: the Platform API (and the web build) over a database.
#include "server/app/app.h"
#include "server/commands/command.h"
#include "server/commands/command_flags.h"

#include <malloc.h>

#include <cstdio>
#include <string>

namespace roster::server {

namespace {

const char* const kUsage =
    "  roster-server serve --db FILE --listen HOST:PORT [--web DIR] [--cors ORIGIN]...\n"
    "                      [--tls-cert FILE --tls-key FILE] [--frame-ancestors SOURCES]\n"
    "                      [--token-ttl SECONDS] [--session-ttl SECONDS] [--rate-limit PER_MINUTE]\n"
    "                      [--threads N] [--max-connections N] [--max-connections-per-address N]\n"
    "                      [--max-body-memory MB] [--public-api-only]\n";

int usage_error(const std::string& message) { return flags_usage_error(message, kUsage); }

int run_serve(int argc, char** argv) {
  Flags f(argc, argv, 2,
          {"--db", "--listen", "--web", "--cors", "--tls-cert", "--tls-key", "--frame-ancestors", "--token-ttl",
           "--session-ttl", "--rate-limit", "--threads", "--max-connections", "--max-connections-per-address",
           "--max-body-memory"},
          {"--public-api-only"});
  if (!f.error.empty()) return usage_error(f.error);
  ServeOptions o;
  if (!f.get("--db")) return usage_error("serve needs --db FILE");
  if (!f.get("--listen")) return usage_error("serve needs --listen HOST:PORT");
  o.db_path = *f.get("--db");
  if (!parse_listen(*f.get("--listen"), o.host, o.port))
    return usage_error("--listen must be HOST:PORT, for example 127.0.0.1:8080 (port 0 picks a free port)");
  o.web_dir = f.get("--web").value_or("");
  o.cors_origins = f.all("--cors");
  o.tls_cert = f.get("--tls-cert").value_or("");
  o.tls_key = f.get("--tls-key").value_or("");
  o.frame_ancestors = f.get("--frame-ancestors").value_or("'self'");
  o.public_api_only = f.has("--public-api-only");
  std::int64_t threads = o.threads, max_connections = static_cast<std::int64_t>(o.max_connections),
               per_address = static_cast<std::int64_t>(o.max_connections_per_address),
               body_memory = static_cast<std::int64_t>(o.max_body_memory_mb);
  std::string error;
  if (!number_flag(f, "--token-ttl", 1, 365LL * 86400, o.token_ttl_s, error) ||
      !number_flag(f, "--session-ttl", 60, 30LL * 86400, o.session_ttl_s, error) ||
      !number_flag(f, "--rate-limit", 1, 100'000'000, o.rate_limit_per_minute, error) ||
      !number_flag(f, "--threads", 1, 256, threads, error) ||
      !number_flag(f, "--max-connections", 16, 1'000'000, max_connections, error) ||
      !number_flag(f, "--max-connections-per-address", 1, 1'000'000, per_address, error) ||
      !number_flag(f, "--max-body-memory", 4, 65536, body_memory, error))
    return usage_error(error);
  o.threads = static_cast<int>(threads);
  o.max_connections = static_cast<std::size_t>(max_connections);
  o.max_connections_per_address = static_cast<std::size_t>(per_address);
  o.max_body_memory_mb = static_cast<std::size_t>(body_memory);

#if defined(__GLIBC__)
  // Requests make short-lived buffers of a megabyte or more (a device search's flags over every
  // distinct name, a page of 1,000 users as JSON). glibc's default raises its mmap threshold to the
  // largest such buffer freed, after which they come from per-thread heaps that keep the memory:
  // about 90 MB at 1M users over eight workers. A fixed threshold returns them on free.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  // Fixing it also fixes the trim threshold at 128 KB: a worker's heap was shrunk (madvise) and
  // faulted back in at nearly every piece of a streamed export (a tenth of its CPU at 1M rows). A
  // heap keeps up to a megabyte free at its top instead.
  mallopt(M_TRIM_THRESHOLD, 1 << 20);
#endif
  App app(o);
  if (!app.init(error)) {
    std::fprintf(stderr, "roster-server: %s\n", error.c_str());
    return 1;
  }
  return app.run();
}

}  // namespace

const Command kServeCommand = {"serve", kUsage, run_serve};

}  // namespace roster::server
