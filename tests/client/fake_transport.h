// A Transport for unit tests: records what was sent and answers when the test says so.
#pragma once

#include "api/http.h"

#include <algorithm>
#include <functional>
#include <string>
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

  // Answers the oldest unanswered request whose URL contains `url_part`; false if there is none.
  bool respond(const std::string& url_part, int status, const std::string& body, api::Headers headers = {}) {
    for (auto& s : sent) {
      if (s.answered || s.request.url.find(url_part) == std::string::npos) continue;
      s.answered = true;
      s.done(s.id, api::HttpResponse{status, body, std::move(headers)});
      return true;
    }
    return false;
  }
  std::size_t pending(const std::string& url_part = "") const {
    return static_cast<std::size_t>(std::count_if(sent.begin(), sent.end(), [&](const Sent& s) {
      return !s.answered && !s.cancelled && s.request.url.find(url_part) != std::string::npos;
    }));
  }
  const Sent& last() const { return sent.back(); }

  std::vector<Sent> sent;
};

}  // namespace roster::test
