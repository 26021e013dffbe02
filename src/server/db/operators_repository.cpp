#include "server/db/operators_repository.h"

#include "model/password_hash.h"
#include "model/utf8.h"

#include <filesystem>

namespace roster::server::proxy {

namespace {

const char* const kSchema = R"(
  CREATE TABLE IF NOT EXISTS operators(
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'viewer')),
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL);
)";

const char* const kColumns = "SELECT id, email, role, password_hash, created_at FROM operators ";

OperatorAccount read_row(const Statement& s) {
  OperatorAccount a;
  a.id = s.int64(0);
  a.email = s.text(1);
  a.role = parse_operator_role(s.text(2)).value_or(OperatorRole::Viewer);
  a.password_hash = s.text(3);
  a.created_at_ms = s.int64(4);
  return a;
}

}  // namespace

bool is_proxy_database(Database& db) {
  auto s = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'operators'");
  return s.ok() && s.step();
}

OperatorsRepository::OperatorsRepository(const std::string& path, bool create) {
  std::error_code ec;
  if (!create && !std::filesystem::exists(path, ec)) {
    error_ = "the operators database " + path +
             " does not exist; add an operator first with 'roster-server operator add --db " + path + " ...'";
    return;
  }
  db_ = std::make_unique<Database>(path, create);
  if (!db_->ok()) {
    error_ = "cannot open " + path + ": " + db_->error();
    return;
  }
  if (!db_->exec(kSchema)) error_ = path + ": cannot create the operators table: " + db_->error();
}

bool OperatorsRepository::add(const std::string& email, OperatorRole role, const std::string& password,
                              std::int64_t now_ms, std::string& error) {
  const std::string folded = utf8::to_lower(email);
  std::lock_guard<std::mutex> lock(mutex_);
  auto s = db_->prepare("INSERT INTO operators(email, role, password_hash, created_at) VALUES (?, ?, ?, ?)");
  s.bind(1, folded).bind(2, std::string(operator_role_name(role))).bind(3, blynk_password_hash(folded, password));
  s.bind(4, now_ms);
  if (s.ok() && s.run()) return true;
  error = s.error().find("UNIQUE") != std::string::npos ? "an operator " + folded + " already exists"
                                                        : "cannot add the operator: " + db_->error();
  return false;
}

std::vector<OperatorAccount> OperatorsRepository::list() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<OperatorAccount> out;
  auto s = db_->prepare(std::string(kColumns) + "ORDER BY email");
  while (s.step()) out.push_back(read_row(s));
  return out;
}

bool OperatorsRepository::remove(const std::string& email) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto s = db_->prepare("DELETE FROM operators WHERE email = ?");
  s.bind(1, utf8::to_lower(email));
  return s.run() && db_->changes() > 0;
}

std::optional<OperatorAccount> OperatorsRepository::read_one(const std::string& where, const std::string& key,
                                                             std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto s = db_->prepare(std::string(kColumns) + where);
  if (key.empty())
    s.bind(1, id);
  else
    s.bind(1, key);
  if (!s.step()) return std::nullopt;
  return read_row(s);
}

std::optional<OperatorAccount> OperatorsRepository::by_email(const std::string& email) {
  return read_one("WHERE email = ?", utf8::to_lower(email), 0);
}

std::optional<OperatorAccount> OperatorsRepository::by_id(std::int64_t id) { return read_one("WHERE id = ?", "", id); }

}  // namespace roster::server::proxy
