#include "pg_cluster.h"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>

namespace roster::test {

namespace {

const char* const kBin = "/usr/lib/postgresql/15/bin";

std::string random_hex(std::size_t n) {
  std::random_device rd;
  std::string out;
  const char* digits = "0123456789abcdef";
  for (std::size_t i = 0; i < n; ++i) out += digits[rd() % 16];
  return out;
}

// Single-quoted for sh.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

int shell(const std::string& command, std::string* output) {
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return -1;
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  socklen_t len = sizeof a;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  close(fd);
  return ntohs(a.sin_port);
}

std::string PgCluster::as_postgres(const std::string& command) const {
  // PostgreSQL will not run as root; as anyone else it runs as that user.
  return geteuid() == 0 ? "runuser -u postgres -- " + command : command;
}

PgCluster::PgCluster() {
  char templ[] = "/tmp/roster-pg-XXXXXX";
  REQUIRE(mkdtemp(templ) != nullptr);
  dir_ = templ;
  password_ = "pg-" + random_hex(24);
  // The superuser's password file for initdb, in the folder (readable by its owner only).
  const std::string superuser_pw = dir_ + "/superuser.pw";
  std::ofstream(superuser_pw) << random_hex(24) << "\n";
  if (geteuid() == 0) {
    passwd* pg = getpwnam("postgres");
    REQUIRE_MESSAGE(pg != nullptr, "no postgres system user: install Debian's postgresql package");
    REQUIRE(chown(dir_.c_str(), pg->pw_uid, pg->pw_gid) == 0);
    REQUIRE(chown(superuser_pw.c_str(), pg->pw_uid, pg->pw_gid) == 0);
  }
  chmod(dir_.c_str(), 0700);
  chmod(superuser_pw.c_str(), 0600);
  std::string out;
  const int initdb =
      shell(as_postgres(std::string(kBin) + "/initdb -D " + dir_ + "/data -U postgres -E UTF8 --no-sync " +
                        "--auth-local=trust --auth-host=scram-sha-256 --pwfile=" + superuser_pw),
            &out);
  INFO(out);
  REQUIRE(initdb == 0);
  port_ = free_port();
  start();
  psql("CREATE ROLE roster LOGIN PASSWORD '" + password_ + "'", false, "postgres");  // hex: nothing to escape
  psql("CREATE DATABASE roster OWNER roster", false, "postgres");
  password_file_ = dir_ + "/roster.pw";
  std::ofstream(password_file_) << password_ << "\n";
  chmod(password_file_.c_str(), 0600);
}

PgCluster::~PgCluster() {
  if (running_) shell(as_postgres(std::string(kBin) + "/pg_ctl -D " + dir_ + "/data -m immediate -w stop"));
  if (!dir_.empty() && dir_.rfind("/tmp/roster-pg-", 0) == 0) shell("rm -rf " + quoted(dir_));
}

void PgCluster::start() {
  std::string out;
  const std::string options =
      "-c listen_addresses=127.0.0.1 -c port=" + std::to_string(port_) + " -c unix_socket_directories=" + dir_ +
      " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 " + extra_;
  const int rc = shell(as_postgres(std::string(kBin) + "/pg_ctl -D " + dir_ + "/data -l " + dir_ +
                                   "/server.log -w -t 30 -o " + quoted(options) + " start"),
                       &out);
  std::string log;
  if (rc != 0) shell("tail -20 " + dir_ + "/server.log", &log);
  INFO(out << log);
  REQUIRE(rc == 0);
  running_ = true;
}

void PgCluster::stop() {
  std::string out;
  const int rc = shell(as_postgres(std::string(kBin) + "/pg_ctl -D " + dir_ + "/data -m fast -w -t 30 stop"), &out);
  INFO(out);
  REQUIRE(rc == 0);
  running_ = false;
}

std::string PgCluster::psql(const std::string& sql, bool may_fail, const std::string& database) const {
  std::string out;
  const int rc = shell(as_postgres(std::string(kBin) + "/psql -X -q -A -t -v ON_ERROR_STOP=1 -h " + dir_ + " -p " +
                                   std::to_string(port_) + " -U postgres -d " + database + " -c " + quoted(sql)),
                       &out);
  if (!may_fail) {
    INFO(sql << ": " << out);
    REQUIRE(rc == 0);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string PgCluster::url(const std::string& schema) const {
  std::string u = "postgres://roster@127.0.0.1:" + std::to_string(port_) + "/roster";
  if (!schema.empty()) u += "?options=-csearch_path%3D" + schema;
  return u;
}

std::string PgCluster::schema(const std::string& name) {
  psql("CREATE SCHEMA " + name + " AUTHORIZATION roster");
  return url(name);
}

PgCluster& shared_cluster() {
  static PgCluster cluster;
  return cluster;
}

}  // namespace roster::test
