// What signing in reads and writes in SQLite: OAuth clients' secrets, the account behind an email or
// a session, and the record of a sign-in (the user made Active, an entry in the actions log).
#pragma once

#include "server/sqlite/sqlite_db.h"
#include "server/index/user_index.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace roster::server {

struct OAuthClientRecord {
  std::string secret_hash;  // hex SHA-256 of the secret
  std::int32_t org_id = 0;
};

// A user who can sign in with a password.
struct SignInAccount {
  std::int64_t user_id = 0;
  std::string password_hash;
  std::string status;
};

// What a session acts as: the user's organisation and role, while they are not suspended.
struct SessionAccount {
  std::int32_t org_id = 0;
  std::int32_t role_id = 0;
  std::string status;
};

// A view over one connection (the calling thread's): cheap, made per request.
class AuthRepository {
 public:
  AuthRepository(Database& db, std::mutex& writers, UserIndex& index) : db_(db), writers_(writers), index_(index) {}

  std::optional<OAuthClientRecord> oauth_client(const std::string& client_id);
  // nullopt for an unknown email and for a user without a password (invited, not yet signed up).
  std::optional<SignInAccount> sign_in_account(const std::string& email);
  std::optional<SessionAccount> session_account(std::int64_t user_id);

  // Makes the user Active and writes the sign-in to the actions log, both or neither; false with
  // `error` (the database's message) when nothing was saved.
  bool record_sign_in(const SignInAccount& account, std::int64_t now, std::string& error);

 private:
  Database& db_;
  std::mutex& writers_;
  UserIndex& index_;  // a first sign-in makes the user Active there too
};

}  // namespace roster::server
