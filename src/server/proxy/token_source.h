// The proxy's upstream access token, obtained by OAuth2 client credentials (HTTP Basic: the secret
// never goes into a URL, where logs keep it) and renewed before it expires: with the refresh token
// while one works (it works once), else client credentials again. One renewal is in flight at a
// time; callers that need a token meanwhile wait for it (or use the still-valid old one). A
// credential the upstream rejects is logged once and reported to every caller for kRejectedBackoffMs
// without asking again (the upstream locks a client out after a few wrong secrets).
#pragma once

#include "server/proxy/upstream_client.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace roster::server::proxy {

struct TokenOutcome {
  std::string access_token;  // empty on failure
  int status = 0;            // on failure: what the console gets (502, 504)
  std::string message;       // on failure: words for the console
};

class TokenSource {
 public:
  static constexpr std::int64_t kRejectedBackoffMs = 30'000;
  static constexpr std::int64_t kFailureBackoffMs = 2'000;
  static constexpr std::int64_t kMaxTokenLifeS = 365LL * 86400;

  TokenSource(UpstreamClient& upstream, std::string client_id, std::string secret)
      : upstream_(upstream), client_id_(std::move(client_id)), secret_(std::move(secret)) {}

  // A token valid at `now_ms`, renewed first when due.
  TokenOutcome current(std::int64_t now_ms);
  // The upstream answered 401 to `token`: it is forgotten, so the next current() obtains another.
  void refused(const std::string& token);
  // `text` from the upstream (an error message) with the secret and the tokens cut out, in every
  // form the proxy sends them: a server that echoes a request's Authorization header in its error
  // would otherwise hand them to the log and the console.
  std::string redact(std::string text) const;
  // How many tokens were obtained (first one and renewals), for the log and tests.
  int renewals() const;

 private:
  struct Held {
    std::string access, refresh;
    std::int64_t renew_at = 0, expires_at = 0;
  };
  // Runs the token requests of one renewal (the caller is the renewing thread); fills held_ or failure_.
  void renew(std::int64_t now_ms);
  enum class Outcome { Token, NoToken, Rejected, Unreachable };
  Outcome ask(const std::string& grant_query, std::int64_t now_ms, std::string& problem);

  UpstreamClient& upstream_;
  const std::string client_id_, secret_;
  mutable std::mutex mutex_;
  std::condition_variable renewed_;
  bool renewing_ = false;
  std::optional<Held> held_;
  TokenOutcome failure_;
  std::int64_t failed_until_ = 0;
  std::int64_t hold_until_ = 0;  // the token endpoint's own Retry-After
  int renewals_ = 0;
};

}  // namespace roster::server::proxy
