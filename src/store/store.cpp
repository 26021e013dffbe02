#include "store/store.h"

#include "model/utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace roster::store {

Store::Store(api::ApiClient& client) : client_(client), users_(client), orgs_(client) {}

void Store::start(const Route& initial, bool with_session, std::int64_t now) {
  route_ = initial;
  search_text_ = route_.users.text;
  if (with_session) {
    client_.send(
        api::session_request(),
        [this](const api::HttpResponse& r) {
          auto s = api::decode_session(r);
          if (s.ok())
            session_ = *s.value;
          else if (r.status == 401) {
            signed_out_ = true;
            emit("signedOut", "{}");
          }
          changed_ = true;
        },
        now);
  }
  client_.send(
      api::roles_request(),
      [this](const api::HttpResponse& r) {
        // Without the roles extension (public API) the console shows role ids with default names.
        auto roles = api::decode_roles(r);
        if (roles.ok())
          roles_ = *roles.value;
        else if (r.status == 404)
          roles_absent_ = true;
        changed_ = true;
      },
      now);
  apply_route(now);
  history_ = HistoryUpdate{print_route(route_), false};
}

std::string Store::role_name(int role_id) const {
  for (const auto& r : roles_)
    if (r.id == role_id) return r.name;
  switch (role_id) {
    case 1: return "Admin";
    case 2: return "Staff";
    case 3: return "User";
    default: return "Role " + std::to_string(role_id);
  }
}

void Store::apply_route(std::int64_t now) {
  changed_ = true;
  if (route_.screen == Screen::Users) {
    users_.set_query(route_.users, now);
    refresh_preset_counts(now);
    return;
  }
  if (route_.screen == Screen::Orgs) {
    orgs_.load(now);
    return;
  }
  if (route_.screen == Screen::UserProfile) {
    if (profile_user_ && profile_user_->id == route_.user_id) return;
    profile_user_.reset();
    profile_error_.reset();
    auto generation = ++profile_generation_;
    client_.send(
        api::user_request(route_.user_id),
        [this, generation](const api::HttpResponse& r) {
          if (generation != profile_generation_) return;
          auto u = api::decode_user(r);
          if (u.ok())
            profile_user_ = *u.value;
          else
            profile_error_ = u.error;
          changed_ = true;
        },
        now);
  }
}

void Store::navigate(const Route& route, bool push, std::int64_t now) {
  if (route == route_) return;
  route_ = route;
  search_text_ = route_.users.text;
  search_due_.reset();
  selected_.reset();
  history_ = HistoryUpdate{print_route(route_), push};
  apply_route(now);
  emit("navigate", nlohmann::json{{"route", print_route(route_)}}.dump());
}

void Store::follow_location(const std::string& hash, std::int64_t now) {
  Route r = parse_route(hash);
  if (r == route_) return;
  route_ = r;
  search_text_ = route_.users.text;
  search_due_.reset();
  selected_.reset();
  apply_route(now);
  // A non-canonical hash typed by hand is tidied without a new history entry.
  if (print_route(route_) != hash) history_ = HistoryUpdate{print_route(route_), false};
  emit("navigate", nlohmann::json{{"route", print_route(route_)}}.dump());
}

void Store::change_users_query(const api::UsersQuery& q, bool push, std::int64_t now) {
  if (q == route_.users && route_.screen == Screen::Users) return;
  route_.screen = Screen::Users;
  route_.users = q;
  selected_.reset();
  history_ = HistoryUpdate{print_route(route_), push};
  apply_route(now);
}

void Store::type_search(const std::string& text, std::int64_t now) {
  if (text == search_text_) return;
  search_text_ = text;
  changed_ = true;
  // One or two characters match most of a large organization and cost the server a full scan:
  // those wait for a pause in typing. Longer queries go out at once unless one just went.
  std::size_t length = utf8::count_code_points(text);
  if (length > 0 && length < 3)
    search_due_ = now + kShortQueryPauseMs;
  else if (length == 0)
    search_due_ = now;  // clearing never waits
  else
    search_due_ = std::max(now, last_search_sent_ + kSearchThrottleMs);
  if (*search_due_ <= now) tick(now);  // send in this frame, not the next
  // Typing faster than the server answers: the answer to the text typed past is not drawn, the
  // newer text goes out within the throttle interval.
  else if (length >= 3)
    users_.drop_pending_answers();
}

void Store::clear_search(std::int64_t now) {
  search_text_.clear();
  search_due_.reset();
  auto q = route_.users;
  q.text.clear();
  change_users_query(q, false, now);
}

void Store::set_sort(const std::string& label, bool descending, std::int64_t now) {
  auto q = route_.users;
  q.sort_label = roster::is_user_sort_label(label) ? label : "";
  q.descending = !q.sort_label.empty() && descending;
  change_users_query(q, false, now);
}

void Store::set_role_filter(std::vector<int> roles, std::int64_t now) {
  std::sort(roles.begin(), roles.end());
  auto q = route_.users;
  q.role_ids = std::move(roles);
  change_users_query(q, false, now);
}

void Store::set_status_filter(std::vector<std::string> statuses, std::int64_t now) {
  std::sort(statuses.begin(), statuses.end());
  auto q = route_.users;
  q.statuses = std::move(statuses);
  change_users_query(q, false, now);
}

void Store::set_preset(api::UserPreset preset, std::int64_t now) {
  auto q = route_.users;
  q.preset = preset;
  change_users_query(q, true, now);
}

void Store::set_visible_rows(std::int64_t first, std::int64_t last, std::int64_t now) {
  users_.set_visible_rows(first, last, now);
}

void Store::select_row(std::int64_t index) {
  auto total = users_.total().value_or(0);
  if (total <= 0) {
    selected_.reset();
    return;
  }
  selected_ = std::clamp<std::int64_t>(index, 0, total - 1);
  changed_ = true;
}

void Store::open_user(long long user_id, std::int64_t now) {
  Route r;
  r.screen = Screen::UserProfile;
  r.user_id = user_id;
  r.users = route_.users;  // Back returns to the same list
  navigate(r, true, now);
  emit("userOpen", nlohmann::json{{"userId", user_id}}.dump());
}

void Store::retry(std::int64_t now) {
  if (route_.screen == Screen::UserProfile) {
    profile_user_.reset();
    apply_route(now);
  } else {
    users_.reload(now);
  }
  changed_ = true;
}

void Store::toast(const std::string& text, std::int64_t now) {
  toast_ = Toast{text, now + 2000};
  changed_ = true;
}

void Store::sign_out(std::int64_t now) {
  client_.send(
      api::sign_out_request(),
      [this](const api::HttpResponse&) {
        signed_out_ = true;
        session_.reset();
        emit("signedOut", "{}");
        changed_ = true;
      },
      now);
}

void Store::tick(std::int64_t now) {
  client_.tick(now);
  users_.tick(now);
  if (search_due_ && *search_due_ <= now) {
    search_due_.reset();
    last_search_sent_ = now;
    auto q = route_.users;
    q.text = search_text_;
    change_users_query(q, false, now);
  }
  if (counts_due_ && counted_query_ && !users_.loading() && !search_due_ && now >= counts_not_before_)
    send_preset_counts(now);
  if (toast_ && toast_->until_ms <= now) {
    toast_.reset();
    changed_ = true;
  }
  if (users_.error() && users_.changed()) {
    emit("error", nlohmann::json{{"message", users_.error()->message}}.dump());
    changed_ = true;
  }
  if (!waiting())
    waiting_since_.reset();
  else if (!waiting_since_)
    waiting_since_ = now;
}

void Store::refresh_preset_counts(std::int64_t now) {
  api::UsersQuery key = route_.users;
  key.preset = api::UserPreset::AllWithSubOrgs;
  key.sort_label.clear();
  key.descending = false;
  if (counted_query_ && *counted_query_ == key) return;
  counted_query_ = key;
  ++counts_generation_;
  for (auto& c : preset_counts_) c.reset();
  counts_due_ = true;  // sent once the rows themselves have arrived: they come first
  counts_not_before_ = now + kCountsDelayMs;
}

void Store::send_preset_counts(std::int64_t now) {
  counts_due_ = false;
  auto generation = counts_generation_;
  for (auto preset : {api::UserPreset::OrgMembers, api::UserPreset::AllWithSubOrgs, api::UserPreset::NoDevices}) {
    if (preset == api::UserPreset::NoDevices && public_api_only()) continue;  // an extension filter
    if (preset == route_.users.preset) {                                      // the list's own total is that count
      preset_counts_[static_cast<int>(preset)] = users_.total();
      continue;
    }
    api::UsersQuery q = *counted_query_;
    q.preset = preset;
    // One row is enough: only totalElements is wanted.
    client_.send(
        api::users_page_request(q, 0, 1),
        [this, generation, preset](const api::HttpResponse& r) {
          if (generation != counts_generation_) return;
          auto page = api::decode_users_page(r);
          if (page.ok()) preset_counts_[static_cast<int>(preset)] = page.value->totalElements;
          changed_ = true;
        },
        now);
  }
}

std::optional<std::int64_t> Store::preset_count(api::UserPreset preset) const {
  if (preset == route_.users.preset && users_.total()) return users_.total();
  return preset_counts_[static_cast<int>(preset)];
}

bool Store::busy() const { return client_.in_flight() > 0; }

bool Store::waiting() const {
  switch (route_.screen) {
    case Screen::Users: return users_.loading();
    case Screen::Orgs: return orgs_.loading();
    case Screen::UserProfile: return !profile_user_ && !profile_error_;
    default: return false;
  }
}

bool Store::progress_visible(std::int64_t now) const {
  return waiting() && waiting_since_ && now - *waiting_since_ >= kProgressDelayMs;
}

std::int64_t Store::next_wake_at(std::int64_t now) const {
  std::int64_t next = -1;
  auto consider = [&next, now](std::int64_t at) {
    if (at > now && (next < 0 || at < next)) next = at;
  };
  if (client_.next_retry_at() >= 0) consider(client_.next_retry_at());
  if (search_due_) consider(*search_due_);
  if (users_.fetch_due_at() >= 0) consider(users_.fetch_due_at());
  if (counts_due_) consider(counts_not_before_);
  if (toast_) consider(toast_->until_ms);
  if (waiting_since_ && waiting()) consider(*waiting_since_ + kProgressDelayMs);
  return next;
}

bool Store::take_changed() {
  bool c = changed_ || users_.changed() || orgs_.changed();
  changed_ = false;
  return c;
}

std::optional<HistoryUpdate> Store::take_history() {
  auto h = std::move(history_);
  history_.reset();
  return h;
}

std::vector<Event> Store::take_events() {
  std::vector<Event> out;
  out.swap(events_);
  return out;
}

void Store::emit(const std::string& name, const std::string& json) { events_.push_back({name, json}); }

nlohmann::json Store::state(std::int64_t first_visible, std::int64_t last_visible) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::int64_t i = first_visible; i <= last_visible && i >= 0; ++i) {
    if (const User* u = users_.row(i)) {
      rows.push_back({{"index", i}, {"id", u->id}, {"name", u->name}, {"email", u->email}});
      if (u->status) rows.back()["status"] = *u->status;
    }
  }
  const auto& q = route_.users;
  nlohmann::json j = {
      {"route", print_route(route_)},
      {"screen", route_.screen == Screen::Users         ? "users"
                 : route_.screen == Screen::UserProfile ? "user"
                 : route_.screen == Screen::Orgs        ? "orgs"
                                                        : "devices"},
      {"query", q.text},
      {"searchText", search_text_},
      {"sort", {{"by", q.sort_label}, {"order", q.descending ? "desc" : "asc"}}},
      {"filters",
       {{"roleIds", q.role_ids}, {"statuses", q.statuses}, {"preset", api::preset_key(q.preset)}, {"orgId", q.org_id}}},
      {"totalElements", users_.total() ? nlohmann::json(*users_.total()) : nlohmann::json(nullptr)},
      {"visibleRows", rows},
      {"firstVisibleRow", first_visible},
      {"lastVisibleRow", last_visible},
      {"selectedRow", selected_ ? nlohmann::json(*selected_) : nlohmann::json(nullptr)},
      {"loading", busy()},
      {"cachedPages", users_.cached_pages()},
      {"error", users_.error() ? nlohmann::json(users_.error()->message) : nlohmann::json(nullptr)},
      {"signedIn", session_.has_value()},
      {"publicApiOnly", public_api_only()},
      {"toast", toast_ ? nlohmann::json(toast_->text) : nlohmann::json(nullptr)},
      {"orgs",
       [this] {
         nlohmann::json list = nlohmann::json::array();
         for (const auto* n : orgs_.visible())
           list.push_back(
               {{"id", n->data.org.id}, {"name", n->data.org.name}, {"depth", n->depth}, {"expanded", n->expanded}});
         return list;
       }()},
  };
  if (selected_)
    if (const User* u = users_.row(*selected_)) j["selectedUser"] = {{"id", u->id}, {"name", u->name}};
  if (route_.screen == Screen::UserProfile) {
    j["userId"] = route_.user_id;
    if (profile_user_) j["profileName"] = profile_user_->name;
    if (profile_error_) j["error"] = profile_error_->message;
  }
  return j;
}

}  // namespace roster::store
