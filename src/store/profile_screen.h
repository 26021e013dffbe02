// The user profile's state: the user on screen, or why they could not be loaded. One request at a
// time; an answer for a user no longer shown is dropped (generations).
#pragma once

#include "api/platform_client.h"
#include "model/api_error.h"
#include "model/user.h"

#include <cstdint>
#include <optional>

namespace roster::store {

class ProfileScreen {
 public:
  explicit ProfileScreen(api::PlatformClient& client) : client_(client) {}

  // Shows `user_id`: fetched unless that user is already here.
  void open(long long user_id, std::int64_t now);
  void reload(std::int64_t now);  // fetched again (Retry)

  const std::optional<User>& user() const { return user_; }
  const std::optional<ApiError>& error() const { return error_; }
  bool waiting() const { return !user_ && !error_; }
  bool take_changed() {
    bool c = changed_;
    changed_ = false;
    return c;
  }

 private:
  void fetch(long long user_id, std::int64_t now);

  api::PlatformClient& client_;
  long long user_id_ = 0;
  std::optional<User> user_;
  std::optional<ApiError> error_;
  std::uint64_t generation_ = 0;
  bool changed_ = false;
};

}  // namespace roster::store
