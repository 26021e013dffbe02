// Where the proxy's store is, as `proxy`, `operator` and `kiosk-token` take it: --db FILE (SQLite) or
// --store postgres://... (PostgreSQL; its password from --store-password-file, libpq's passfile or
// the URL), and the secret files every command reads (never a secret on the command line, where
// `ps` shows it).
#pragma once

#include "server/commands/command_flags.h"
#include "server/db/proxy_store.h"

#include <memory>
#include <string>

namespace roster::server {

// The file's first line, without its line end. False with `error` when unreadable, empty or longer
// than 1,024 bytes (at most that and a little more is read: a FIFO or /dev/zero named by mistake
// must not be read for ever).
bool read_secret_file(const std::string& path, const char* what, std::string& out, std::string& error);
// Warns on stderr when others than the owner may read `path`.
void warn_if_others_can_read(const std::string& path, const char* who);

struct StoreFlags {
  std::string db;        // --db FILE
  std::string url;       // --store URL
  std::string password;  // --store-password-file's line
};

// Reads --db, --store and --store-password-file from `f`. 0 when done; 2 with a usage error in
// `error` (both or neither of --db and --store, a --store that is not postgres://); 1 with `error`
// when the password file cannot be read. Warns when the URL itself holds a password.
int read_store_flags(const Flags& f, const char* who, StoreFlags& out, std::string& error);

// Opens and prepares the store the flags name; nullptr with `error` (never the password).
std::unique_ptr<proxy::ProxyStore> open_store(const StoreFlags& flags, bool create, std::string& error);

}  // namespace roster::server
