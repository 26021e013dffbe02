#include "api/api_client.h"

#include "model/api_error.h"
#include "model/locale/messages.h"
#include "model/validation.h"

#include <algorithm>

namespace roster::api {

ApiClient::ApiClient(Transport& transport, std::string base_url) : transport_(transport), base_(std::move(base_url)) {}

bool is_retryable(int status) {
  return status == 0 || status == 429 || status == 502 || status == 503 || status == 504;
}

std::int64_t retry_delay_ms(const HttpResponse& response, int attempt) {
  std::int64_t seconds = 0;
  if (parse_int64(response.header("Retry-After"), seconds) && seconds >= 0)
    return std::min<std::int64_t>(seconds, 30) * 1000;
  return 400LL << std::min(attempt - 1, 6);
}

RequestId ApiClient::send(const HttpRequest& request, Done done, std::int64_t now_ms) {
  now_ = std::max(now_, now_ms);
  RequestId id = next_id_++;
  auto& call = calls_[id];
  call.request = request;
  call.done = std::move(done);
  dispatch(id, call);
  return id;
}

void ApiClient::dispatch(RequestId id, Call& call) {
  ++call.attempts;
  call.retry_at = -1;
  call.deadline = now_ + timeout_ms_;
  call.transport_id = next_transport_id_++;
  HttpRequest r = call.request;
  r.url = base_ + r.url;
  r.timeout_ms = timeout_ms_ + kTransportGraceMs;
  if (!bearer_.empty()) r.headers.push_back({"Authorization", "Bearer " + bearer_});
  if (r.method != "GET") r.headers.push_back({"X-Requested-With", "roster"});
  if (!r.body.empty()) r.headers.push_back({"Content-Type", "application/json"});
  transport_.send(call.transport_id, r, [this, id](RequestId transport_id, HttpResponse response) {
    on_response(id, transport_id, std::move(response));
  });
}

void ApiClient::on_response(RequestId id, RequestId transport_id, HttpResponse response) {
  auto it = calls_.find(id);
  if (it == calls_.end() || it->second.transport_id != transport_id) return;  // cancelled or superseded
  Call& call = it->second;
  call.deadline = -1;
  note_health(response);
  if (response.status == 401 && refresher_ && !call.refreshed) {
    call.refreshed = true;
    call.transport_id = 0;
    refresher_([this, id, response](bool refreshed) {
      auto again = calls_.find(id);
      if (again == calls_.end()) return;
      if (refreshed)
        dispatch(id, again->second);
      else
        finish(id, response);
    });
    return;
  }
  // A write is repeated only when the server said it did not take it (429): after no answer or a 5xx
  // it may have been done, and an invitation or a bulk change must not be done twice.
  const bool read = call.request.method == "GET" || call.request.method == "HEAD";
  if (is_retryable(response.status) && (read || response.status == 429) && call.attempts < max_attempts_) {
    call.retry_at = now_ + retry_delay_ms(response, call.attempts);
    call.transport_id = 0;
    return;
  }
  finish(id, response);
}

void ApiClient::finish(RequestId id, const HttpResponse& response) {
  auto it = calls_.find(id);
  if (it == calls_.end()) return;
  Done done = std::move(it->second.done);
  calls_.erase(it);
  if (response.status == 304) ++not_modified_;
  if (response.status == 401) unauthorized_ = true;
  if (done) done(response);
}

void ApiClient::cancel(RequestId id) {
  auto it = calls_.find(id);
  if (it == calls_.end()) return;
  if (it->second.transport_id) transport_.cancel(it->second.transport_id);
  calls_.erase(it);
}

void ApiClient::note_health(const HttpResponse& response) {
  if (response.status != 0 && response.status < 500) {
    health_.failing_since = -1;
    health_.failures = 0;
    health_.last_answer_at = now_;
    if (response.status == 401) {
      health_.refused = decode_error(response.body, 401).message;
      if (health_.refused.empty()) health_.refused = tr(Msg::http_credentials_refused);
    } else if (response.status < 400) {
      health_.refused.clear();
    }
    return;
  }
  if (health_.failing_since < 0) health_.failing_since = now_;
  ++health_.failures;
  health_.last_failure_timed_out = response.timed_out;
}

void ApiClient::tick(std::int64_t now_ms) {
  now_ = std::max(now_, now_ms);
  std::vector<RequestId> due, expired;
  for (auto& [id, call] : calls_) {
    if (call.retry_at >= 0 && call.retry_at <= now_) due.push_back(id);
    if (call.deadline >= 0 && call.deadline <= now_ && call.transport_id) expired.push_back(id);
  }
  for (auto id : due) {
    auto it = calls_.find(id);
    if (it != calls_.end()) dispatch(id, it->second);
  }
  for (auto id : expired) {
    auto it = calls_.find(id);
    if (it == calls_.end()) continue;
    // The transport's answer, should it come after all, is dropped: this call has its answer.
    transport_.cancel(it->second.transport_id);
    HttpResponse timeout;
    timeout.timed_out = true;
    note_health(timeout);
    finish(id, timeout);
  }
}

std::int64_t ApiClient::next_due_at() const {
  std::int64_t next = -1;
  for (const auto& [id, call] : calls_)
    for (std::int64_t at : {call.retry_at, call.transport_id ? call.deadline : -1})
      if (at >= 0 && (next < 0 || at < next)) next = at;
  return next;
}

}  // namespace roster::api
