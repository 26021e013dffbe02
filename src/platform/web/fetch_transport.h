// The browser's Transport: emscripten_fetch on the main thread, no IndexedDB. Completions are queued
// and delivered by deliver() at the start of a frame, never inside the browser's callback. A request
// id, not a pointer, travels as user data; cancelling only marks the id (3.1.6 cannot abort a fetch,
// and closing from onerror recurses), and the fetch is closed in its final callback.
#pragma once

#include "api/http.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace roster::platform::web {

class FetchTransport : public api::Transport {
 public:
  ~FetchTransport() override;  // fetches still out complete into nothing (a destroyed console)
  void send(api::RequestId id, const api::HttpRequest& request,
            std::function<void(api::RequestId, api::HttpResponse)> done) override;
  void cancel(api::RequestId id) override;
  int deliver() override;
  // Told (from the browser's callback) that something completed, so the platform can schedule a frame.
  void set_on_complete(std::function<void()> notify) { on_complete_ = std::move(notify); }

  // Called from the fetch callbacks (C linkage trampolines).
  void complete(api::RequestId id, api::HttpResponse response);

 private:
  struct Pending {
    std::string method, body;  // kept alive until the fetch finishes
    std::vector<std::string> header_storage;
    std::vector<const char*> header_ptrs;
    std::function<void(api::RequestId, api::HttpResponse)> done;
    bool cancelled = false;
  };
  std::map<api::RequestId, Pending> pending_;
  std::vector<std::pair<api::RequestId, api::HttpResponse>> completed_;
  std::function<void()> on_complete_;
};

}  // namespace roster::platform::web
