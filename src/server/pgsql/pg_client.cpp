#include "server/pgsql/pg_client.h"

#include "server/base/clock.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace roster::server {

namespace {

// libpq's messages end with a line break (and may hold several lines): one line for the log.
std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// SQLSTATE classes after which the connection is not worth keeping: connection exceptions, the
// server shutting down or out of resources, system and internal errors.
bool drops_connection(const std::string& sqlstate) {
  if (sqlstate.size() != 5) return true;
  const std::string cls = sqlstate.substr(0, 2);
  return cls == "08" || cls == "57" || cls == "53" || cls == "58" || cls == "XX";
}

}  // namespace

PgValue pg_value(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", v);
  return std::string(text);
}

std::string scrub_secret(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at))
    text.replace(at, secret.size(), "[redacted]");
  return text;
}

PgResult::PgResult(Status status, PGresult* result, std::string error, std::string sqlstate)
    : status_(status), result_(result, PQclear), error_(std::move(error)), sqlstate_(std::move(sqlstate)) {}

int PgResult::rows() const { return result_ ? PQntuples(result_.get()) : 0; }

bool PgResult::is_null(int row, int column) const { return !result_ || PQgetisnull(result_.get(), row, column) == 1; }

std::string PgResult::text(int row, int column) const {
  if (is_null(row, column)) return {};
  return std::string(PQgetvalue(result_.get(), row, column),
                     static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::int64_t PgResult::int64(int row, int column) const {
  return is_null(row, column) ? 0 : std::strtoll(PQgetvalue(result_.get(), row, column), nullptr, 10);
}

double PgResult::real(int row, int column) const {
  return is_null(row, column) ? 0 : std::strtod(PQgetvalue(result_.get(), row, column), nullptr);
}

bool PgResult::boolean(int row, int column) const {
  return !is_null(row, column) && PQgetvalue(result_.get(), row, column)[0] == 't';
}

std::int64_t PgResult::affected() const {
  if (!result_) return 0;
  const char* n = PQcmdTuples(result_.get());
  return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

bool parse_pg_settings(const std::string& url, const std::string& password, PgSettings& out, std::string& error) {
  char* message = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &message);
  if (!options) {
    // libpq names what it could not read; the text given (which may hold a password) is not repeated.
    error = "cannot read the store's connection string" +
            (message ? ": " + scrub_secret(one_line(message), password) : std::string());
    PQfreemem(message);
    return false;
  }
  out = PgSettings{};
  std::string host, port, dbname, user;
  bool has_connect_timeout = false, has_application_name = false;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val) continue;
    const std::string key = o->keyword, value = o->val;
    if (key == "password") out.password = value;
    if (key == "host" || key == "hostaddr") host = host.empty() ? value : host;
    if (key == "port") port = value;
    if (key == "dbname") dbname = value;
    if (key == "user") user = value;
    has_connect_timeout |= key == "connect_timeout";
    has_application_name |= key == "application_name";
    out.keywords.push_back(key);
    out.values.push_back(value);
  }
  PQconninfoFree(options);
  if (!password.empty()) {
    if (!out.password.empty()) {
      error = "the store's password is given twice (in the connection string and in a file): give it once";
      return false;
    }
    out.password = password;
    out.keywords.push_back("password");
    out.values.push_back(password);
  }
  if (!has_connect_timeout) {
    out.keywords.push_back("connect_timeout");
    out.values.push_back("3");
  }
  if (!has_application_name) {
    out.keywords.push_back("application_name");
    out.values.push_back("roster-server proxy");
  }
  out.description = "PostgreSQL database " + (dbname.empty() ? std::string("(default)") : dbname) + " on " +
                    (host.empty() ? std::string("the local socket") : host) + (port.empty() ? "" : ":" + port) +
                    (user.empty() ? "" : " as " + user);
  out.description = scrub_secret(out.description, out.password);
  return true;
}

std::unique_ptr<PgConnection> PgConnection::open(const PgSettings& settings, std::string& error) {
  std::vector<const char*> keys, values;
  for (std::size_t i = 0; i < settings.keywords.size(); ++i) {
    keys.push_back(settings.keywords[i].c_str());
    values.push_back(settings.values[i].c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* conn = PQconnectdbParams(keys.data(), values.data(), 0);
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    error = conn ? scrub_secret(one_line(PQerrorMessage(conn)), settings.password) : "out of memory";
    if (conn) PQfinish(conn);
    return nullptr;
  }
  // The server's notices ("relation already exists, skipping") are not the log's business.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  std::unique_ptr<PgConnection> c(new PgConnection(conn, settings));
  // The server gives up on a statement a little after this side stops waiting for it.
  PgResult set = c->exec("SELECT set_config('statement_timeout', $1, false)",
                         {pg_value(std::to_string(settings.call_timeout_ms + 1000))});
  if (!set.ok()) {
    error = set.error();
    return nullptr;
  }
  return c;
}

PgConnection::~PgConnection() {
  if (conn_) PQfinish(conn_);
}

PgResult PgConnection::fail(std::string why) {
  broken_ = true;
  return PgResult(PgResult::Status::Broken, nullptr, scrub_secret(one_line(std::move(why)), settings_.password), "");
}

PgResult PgConnection::exec(const std::string& sql, const std::vector<PgValue>& params) {
  if (broken_) return fail("the connection failed earlier");
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  if (!PQsendQueryParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr,
                         0))
    return fail(PQerrorMessage(conn_));
  const std::int64_t deadline = steady_ms() + settings_.call_timeout_ms;
  PGresult* first = nullptr;
  for (;;) {
    while (PQisBusy(conn_)) {
      const std::int64_t left = deadline - steady_ms();
      if (left <= 0) {
        if (first) PQclear(first);
        return fail("no answer within " + std::to_string(settings_.call_timeout_ms) + " ms");
      }
      pollfd p{PQsocket(conn_), POLLIN, 0};
      if (p.fd < 0) {
        if (first) PQclear(first);
        return fail(PQerrorMessage(conn_));
      }
      if (poll(&p, 1, static_cast<int>(left)) < 0 && errno != EINTR) {
        if (first) PQclear(first);
        return fail("poll failed");
      }
      if (!PQconsumeInput(conn_)) {
        if (first) PQclear(first);
        return fail(PQerrorMessage(conn_));
      }
    }
    PGresult* r = PQgetResult(conn_);
    if (!r) break;
    if (first)
      PQclear(r);
    else
      first = r;
  }
  if (!first) return fail(PQerrorMessage(conn_));
  const ExecStatusType status = PQresultStatus(first);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return PgResult(PgResult::Status::Ok, first, "", "");
  const char* state = PQresultErrorField(first, PG_DIAG_SQLSTATE);
  std::string sqlstate = state ? state : "";
  std::string message = scrub_secret(one_line(PQresultErrorMessage(first)), settings_.password);
  if (PQstatus(conn_) != CONNECTION_OK || drops_connection(sqlstate)) broken_ = true;
  const bool refused = !broken_ && sqlstate.rfind("23", 0) == 0;  // a constraint: the answer "no"
  return PgResult(refused ? PgResult::Status::Refused : PgResult::Status::Broken, first, std::move(message),
                  std::move(sqlstate));
}

bool PgConnection::usable() {
  if (broken_ || PQstatus(conn_) != CONNECTION_OK || PQtransactionStatus(conn_) != PQTRANS_IDLE) return false;
  // Idle, nothing is expected: anything to read is the server's goodbye (a shutdown's notice, the
  // connection's end), read here so that the connection's state says so.
  for (int i = 0; i < 4; ++i) {
    pollfd p{PQsocket(conn_), POLLIN, 0};
    if (p.fd < 0 || poll(&p, 1, 0) < 0) return false;
    if (!(p.revents & (POLLIN | POLLHUP | POLLERR))) return true;
    if (!PQconsumeInput(conn_) || PQstatus(conn_) != CONNECTION_OK) return false;
    while (PGnotify* n = PQnotifies(conn_)) PQfreemem(n);
  }
  return PQstatus(conn_) == CONNECTION_OK;
}

PgTransaction::PgTransaction(PgConnection& c) : c_(c), began_(c.exec("BEGIN")) {}

PgTransaction::~PgTransaction() {
  if (began_.ok() && !done_ && !c_.broken()) c_.exec("ROLLBACK");
}

PgResult PgTransaction::commit() {
  done_ = true;
  return c_.exec("COMMIT");
}

PgPool::PgPool(PgSettings settings, std::size_t max_connections, std::function<void(const std::string&)> log)
    : settings_(std::move(settings)), max_(max_connections < 1 ? 1 : max_connections), log_(std::move(log)) {}

PgPool::~PgPool() = default;

PgPool::Lease::~Lease() {
  if (pool_ && c_) pool_->give_back(std::move(c_));
}

void PgPool::give_back(std::unique_ptr<PgConnection> c) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (c->broken()) {
    --open_;
    c.reset();
  } else {
    idle_.push_back(std::move(c));
  }
  returned_.notify_one();
}

bool PgPool::down() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return down_;
}

std::uint64_t PgPool::connects() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return connects_;
}

void PgPool::note_down(const std::string& why) {
  if (down_ && why == down_reason_) return;
  down_ = true;
  down_reason_ = why;
  if (log_) log_("cannot connect to " + settings_.description + ": " + why);
}

void PgPool::note_up() {
  ++connects_;
  if (!down_) return;
  down_ = false;
  down_reason_.clear();
  if (log_) log_("connected to " + settings_.description + " again");
}

std::optional<PgPool::Lease> PgPool::lease(std::string& error) {
  std::unique_lock<std::mutex> lock(mutex_);
  const std::int64_t give_up_at = steady_ms() + kWaitForConnectionMs;
  for (;;) {
    while (!idle_.empty()) {
      std::unique_ptr<PgConnection> c = std::move(idle_.back());
      idle_.pop_back();
      if (c->usable()) return Lease(this, std::move(c));
      --open_;  // closed by the server since its last use: dropped
    }
    const std::int64_t now = steady_ms();
    if (open_ < max_) {
      if (down_ && now < retry_at_) {
        error = "not answering (" + down_reason_ + ")";
        return std::nullopt;
      }
      ++open_;
      retry_at_ = now + kRetryMs;  // while down, the other callers fail at once until then
      lock.unlock();
      std::string why;
      std::unique_ptr<PgConnection> c = PgConnection::open(settings_, why);
      lock.lock();
      if (!c) {
        --open_;
        retry_at_ = steady_ms() + kRetryMs;
        note_down(why);
        returned_.notify_all();
        error = why;
        return std::nullopt;
      }
      note_up();
      return Lease(this, std::move(c));
    }
    if (returned_.wait_for(lock, std::chrono::milliseconds(std::max<std::int64_t>(1, give_up_at - now))) ==
            std::cv_status::timeout &&
        steady_ms() >= give_up_at) {
      error = "all " + std::to_string(max_) + " connections stayed busy for " +
              std::to_string(kWaitForConnectionMs / 1000) + " s";
      return std::nullopt;
    }
  }
}

}  // namespace roster::server
