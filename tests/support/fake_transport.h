// A Transport for unit tests: records what was sent and answers when the test says so. Like the
// browser's, it queues an answer and hands it over only at deliver() (the start of a frame), so the
// queue-then-apply rule holds in native tests too.
#pragma once

#include "api/http.h"

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace roster::test {

class FakeTransport : public api::Transport {
 public:
  struct Sent {
    api::RequestId id;
    api::HttpRequest request;
    std::function<void(api::RequestId, api::HttpResponse)> done;
    bool cancelled = false;
    bool answered = false;
  };

  void send(api::RequestId id, const api::HttpRequest& request,
            std::function<void(api::RequestId, api::HttpResponse)> done) override {
    sent.push_back({id, request, std::move(done)});
  }
  void cancel(api::RequestId id) override {
    for (auto& s : sent)
      if (s.id == id) s.cancelled = true;
  }
  int deliver() override {
    auto due = std::move(arrived_);
    arrived_.clear();
    for (auto& [done, id, response] : due) done(id, std::move(response));
    return static_cast<int>(due.size());
  }

  // Queues an answer to `s` (delivered at the next deliver()).
  void answer(Sent& s, int status, const std::string& body, api::Headers headers = {}) {
    s.answered = true;
    arrived_.push_back({s.done, s.id, api::HttpResponse{status, body, std::move(headers)}});
  }
  // Answers the oldest unanswered request whose URL contains `url_part` and delivers the answer, as
  // the next frame would; false if there is none.
  bool respond(const std::string& url_part, int status, const std::string& body, api::Headers headers = {}) {
    for (auto& s : sent) {
      if (s.answered || s.request.url.find(url_part) == std::string::npos) continue;
      answer(s, status, body, std::move(headers));
      deliver();
      return true;
    }
    return false;
  }
  std::size_t pending(const std::string& url_part = "") const {
    return static_cast<std::size_t>(std::count_if(sent.begin(), sent.end(), [&](const Sent& s) {
      return !s.answered && !s.cancelled && s.request.url.find(url_part) != std::string::npos;
    }));
  }
  std::size_t queued() const { return arrived_.size(); }
  const Sent& last() const { return sent.back(); }

  std::vector<Sent> sent;

 private:
  struct Arrived {
    std::function<void(api::RequestId, api::HttpResponse)> done;
    api::RequestId id;
    api::HttpResponse response;
  };
  std::vector<Arrived> arrived_;
};

}  // namespace roster::test
