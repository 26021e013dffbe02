#include "server/commands/store_flags.h"

#include "server/pgsql/pg_client.h"

#include <sys/stat.h>

#include <cstdio>
#include <fstream>

namespace roster::server {

bool read_secret_file(const std::string& path, const char* what, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("cannot read the ") + what + " file " + path;
    return false;
  }
  out.clear();
  for (char c; out.size() <= 1024 && in.get(c) && c != '\n';) out += c;
  while (!out.empty() && (out.back() == '\r' || out.back() == ' ' || out.back() == '\t')) out.pop_back();
  if (out.empty()) {
    error = std::string("the ") + what + " file " + path + " is empty";
    return false;
  }
  if (out.size() > 1024) {
    error = std::string("the ") + what + " in " + path + " is longer than 1024 bytes";
    return false;
  }
  return true;
}

void warn_if_others_can_read(const std::string& path, const char* who) {
  struct stat st {};
  if (stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
    std::fprintf(stderr, "%s: warning: %s can be read by other users (chmod 600 it)\n", who, path.c_str());
}

int read_store_flags(const Flags& f, const char* who, StoreFlags& out, std::string& error) {
  const auto db = f.get("--db"), url = f.get("--store"), password_file = f.get("--store-password-file");
  if (db && url) {
    error = std::string(who) + " takes --db FILE or --store URL, not both";
    return 2;
  }
  if (!db && !url) {
    error = std::string(who) + " needs --db FILE or --store postgres://...";
    return 2;
  }
  if (password_file && !url) {
    error = "--store-password-file goes with --store";
    return 2;
  }
  out = StoreFlags{};
  if (db) {
    out.db = *db;
    return 0;
  }
  out.url = *url;
  if (!proxy::is_postgres_url(out.url)) {
    error = "--store takes a postgres:// or postgresql:// URL (--db FILE for a SQLite file)";
    return 2;
  }
  if (password_file) {
    if (!read_secret_file(*password_file, "store password", out.password, error)) return 1;
    warn_if_others_can_read(*password_file, who);
  }
  PgSettings parsed;
  std::string ignored;
  if (parse_pg_settings(out.url, "", parsed, ignored) && !parsed.password.empty())
    std::fprintf(stderr,
                 "%s: warning: the store's password is in --store, where ps shows it: use --store-password-file "
                 "or a passfile\n",
                 who);
  return 0;
}

std::unique_ptr<proxy::ProxyStore> open_store(const StoreFlags& flags, bool create, std::string& error) {
  proxy::StoreOptions o;
  o.sqlite_path = flags.db;
  o.postgres_url = flags.url;
  o.postgres_password = flags.password;
  o.create = create;
  o.connections = 1;
  o.log = [](const std::string& m) { std::fprintf(stderr, "roster-server: %s\n", m.c_str()); };
  auto store = proxy::open_proxy_store(o, error);
  if (!store) return nullptr;
  if (!store->prepare(error)) return nullptr;
  return store;
}

}  // namespace roster::server
