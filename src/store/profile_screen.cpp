#include "store/profile_screen.h"

#include "model/locale/messages.h"
#include "model/validation.h"

namespace roster::store {

void ProfileScreen::open(long long user_id, const std::optional<User>& known, const ActionsQuery& actions,
                         bool with_actions, std::int64_t now) {
  now_ = now;
  if (user_id == user_id_ && (user_ || error_)) {
    set_actions_query(actions, with_actions, now);
    return;
  }
  user_id_ = user_id;
  user_ = known && known->id == user_id ? known : std::nullopt;
  detailed_ = false;
  devices_owner_.clear();
  fetch_user(now);
  actions_query_ = actions;
  fetch_actions(with_actions, now);
  if (user_) fetch_devices(now);
}

void ProfileScreen::reload(bool with_actions, std::int64_t now) {
  now_ = now;
  user_.reset();
  detailed_ = false;
  devices_owner_.clear();
  fetch_user(now);
  fetch_actions(with_actions, now);
}

void ProfileScreen::fetch_user(std::int64_t now) {
  error_.reset();
  changed_ = true;
  auto generation = ++generation_;
  client_.user(
      user_id_,
      [this, generation](api::Result<User> u) {
        if (generation != generation_) return;
        changed_ = true;
        if (!u.ok()) {
          error_ = u.error;
          user_.reset();
          return;
        }
        user_ = std::move(*u.value);
        etag_ = u.etag;
        detailed_ = true;
        fetch_devices(now_);  // the owner's email is known now (no-op when it was already)
      },
      now);
}

void ProfileScreen::replace_user(const User& user, const std::string& etag) {
  if (user.id != user_id_ || !user_) return;
  merge_user(user, *user_);
  if (!etag.empty()) etag_ = etag;
  changed_ = true;
}

void ProfileScreen::fetch_devices(std::int64_t now) {
  if (!user_ || user_->email.empty() || devices_owner_ == user_->email) return;
  devices_owner_ = user_->email;
  DevicesQuery query = devices_sort_;
  query.owner_email = user_->email;
  devices_.reset(
      [this, query](std::int64_t page, int size, const std::string& etag, api::PlatformClient::Done<Page<Device>> done,
                    std::int64_t at) { return client_.devices_page(query, page, size, std::move(done), at, etag); },
      now);
}

void ProfileScreen::set_devices_sort(const std::string& label, bool descending, std::int64_t now) {
  now_ = now;
  if (label == devices_sort_.sort_label && descending == devices_sort_.descending) return;
  devices_sort_.sort_label = is_device_sort_label(label) ? label : "";
  devices_sort_.descending = !devices_sort_.sort_label.empty() && descending;
  devices_owner_.clear();  // fetched again, in the new order
  fetch_devices(now);
}

void ProfileScreen::set_actions_query(const ActionsQuery& query, bool with_actions, std::int64_t now) {
  now_ = now;
  if (query == actions_query_ && (actions_.answered() || actions_.loading() || actions_.error())) return;
  actions_query_ = query;
  fetch_actions(with_actions, now);
}

void ProfileScreen::fetch_actions(bool with_actions, std::int64_t now) {
  changed_ = true;
  ++histogram_generation_;
  histogram_.reset();
  histogram_error_.reset();
  interval_ = resolve_interval(actions_query_, now);
  if (!with_actions) {
    actions_.refuse(ApiError{tr(Msg::actions_not_provided), ""});
    return;
  }
  if (!actions_query_.text.empty()) {
    auto problem = validate_query(actions_query_.text);
    if (!problem.empty()) {
      actions_.refuse(ApiError{problem, ""});
      return;
    }
  }
  const long long user_id = user_id_;
  const Interval interval = interval_;
  const ActionsQuery query = actions_query_;
  actions_.reset(
      [this, user_id, interval, query](std::int64_t page, int size, const std::string& etag,
                                       api::PlatformClient::Done<Page<ActionLogEntry>> done, std::int64_t at) {
        return client_.actions_log(user_id, interval, query, page, size, std::move(done), at, etag);
      },
      now);
  auto generation = histogram_generation_;
  client_.actions_histogram(
      user_id, interval, query, histogram_buckets(interval).count,
      [this, generation](api::Result<ActionsHistogram> h) {
        if (generation != histogram_generation_) return;
        changed_ = true;
        if (h.ok())
          histogram_ = std::move(*h.value);
        else
          histogram_error_ = h.error;
      },
      now);
}

void ProfileScreen::tick(std::int64_t now) {
  now_ = now;
  actions_.tick(now);
  devices_.tick(now);
}

bool ProfileScreen::take_changed() {
  bool c = changed_;
  c = actions_.take_changed() || c;
  c = devices_.take_changed() || c;
  changed_ = false;
  return c;
}

}  // namespace roster::store
