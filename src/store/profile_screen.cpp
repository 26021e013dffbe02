#include "store/profile_screen.h"

namespace roster::store {

void ProfileScreen::open(long long user_id, std::int64_t now) {
  if (user_ && user_->id == user_id) return;
  fetch(user_id, now);
}

void ProfileScreen::reload(std::int64_t now) { fetch(user_id_, now); }

void ProfileScreen::fetch(long long user_id, std::int64_t now) {
  user_id_ = user_id;
  user_.reset();
  error_.reset();
  changed_ = true;
  auto generation = ++generation_;
  client_.user(
      user_id,
      [this, generation](api::Result<User> u) {
        if (generation != generation_) return;
        if (u.ok())
          user_ = std::move(*u.value);
        else
          error_ = u.error;
        changed_ = true;
      },
      now);
}

}  // namespace roster::store
