// The sign-in lookups and the sign-in record.
#include "server/db/auth_repository.h"

#include "server/db/index_loader.h"

#include "model/utf8.h"

#include <cstdio>

namespace roster::server {

std::optional<OAuthClientRecord> AuthRepository::oauth_client(const std::string& client_id) {
  auto st = db_.prepare("SELECT secret_hash, org_id FROM oauth_clients WHERE client_id = ?");
  st.bind(1, client_id);
  if (!st.step()) return std::nullopt;
  return OAuthClientRecord{st.text(0), st.int32(1)};
}

std::optional<SignInAccount> AuthRepository::sign_in_account(const std::string& email) {
  auto st = db_.prepare("SELECT id, password_hash, status FROM users WHERE email = ?");
  st.bind(1, utf8::to_lower(email));
  if (!st.step() || st.is_null(1)) return std::nullopt;
  return SignInAccount{st.int64(0), st.text(1), st.text(2)};
}

std::optional<SessionAccount> AuthRepository::session_account(std::int64_t user_id) {
  auto st = db_.prepare("SELECT org_id, role_id, status FROM users WHERE id = ?");
  st.bind(1, user_id);
  if (!st.step()) return std::nullopt;
  return SessionAccount{st.int32(0), st.int32(1), st.text(2)};
}

bool AuthRepository::record_sign_in(const SignInAccount& account, std::int64_t now, std::string& error) {
  {
    WriteTransaction tx(db_, writers_);
    auto up = db_.prepare("UPDATE users SET last_logged_at = ?, status = 'Active' WHERE id = ?");
    up.bind(1, now).bind(2, account.user_id);
    auto log = db_.prepare(
        "INSERT INTO actions_log(user_id, ts, org_id, client, action_name, action_code)"
        " SELECT id, ?, org_id, 'Web', 'Logged in', 'USER_LOGIN' FROM users WHERE id = ?");
    log.bind(1, now).bind(2, account.user_id);
    if (!tx.ok() || !up.run() || !log.run() || !tx.commit()) {
      error = db_.error() + up.error() + log.error();
      return false;
    }
    // The login time is indexed (the Last Login order, notSignedInForDays) and the status may have
    // changed; inside the writers' mutex, so refreshes follow commits in order.
    std::string index_error;
    if (!refresh_indexed_user(db_, index_, account.user_id, index_error))
      std::fprintf(stderr, "roster-server: user %lld signed in but not re-indexed: %s\n",
                   static_cast<long long>(account.user_id), index_error.c_str());
  }
  return true;
}

}  // namespace roster::server
