#include "platform/web/fetch_transport.h"

#include <emscripten/fetch.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace roster::platform::web {

namespace {

FetchTransport* g_transport = nullptr;  // one per module instance; the browser's callbacks need a way back

api::Headers parse_headers(emscripten_fetch_t* fetch) {
  api::Headers out;
  size_t length = emscripten_fetch_get_response_headers_length(fetch);
  if (length == 0) return out;
  std::string raw(length + 1, '\0');
  emscripten_fetch_get_response_headers(fetch, raw.data(), raw.size());
  std::size_t start = 0;
  while (start < raw.size()) {
    auto end = raw.find('\n', start);
    if (end == std::string::npos) end = raw.size();
    std::string line = raw.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(value.begin());
      out.push_back({line.substr(0, colon), value});
    }
    start = end + 1;
  }
  return out;
}

void finished(emscripten_fetch_t* fetch) {
  auto id = static_cast<api::RequestId>(reinterpret_cast<std::uintptr_t>(fetch->userData));
  api::HttpResponse response;
  response.status = fetch->status;
  // The data is not NUL-terminated: copy exactly numBytes.
  if (fetch->data && fetch->numBytes > 0) response.body.assign(fetch->data, static_cast<std::size_t>(fetch->numBytes));
  response.headers = parse_headers(fetch);
  emscripten_fetch_close(fetch);  // the final callback: closing here is safe
  if (g_transport) g_transport->complete(id, std::move(response));
}

}  // namespace

void FetchTransport::send(api::RequestId id, const api::HttpRequest& request,
                          std::function<void(api::RequestId, api::HttpResponse)> done) {
  g_transport = this;
  Pending& p = pending_[id];
  p.method = request.method;
  p.body = request.body;
  p.done = std::move(done);
  for (const auto& [k, v] : request.headers) {
    p.header_storage.push_back(k);
    p.header_storage.push_back(v);
  }
  for (const auto& s : p.header_storage) p.header_ptrs.push_back(s.c_str());
  p.header_ptrs.push_back(nullptr);

  emscripten_fetch_attr_t attr;
  emscripten_fetch_attr_init(&attr);
  std::strncpy(attr.requestMethod, p.method.c_str(), sizeof(attr.requestMethod) - 1);
  attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
  attr.requestHeaders = p.header_ptrs.data();
  if (!p.body.empty()) {
    attr.requestData = p.body.data();
    attr.requestDataSize = p.body.size();
  }
  // The ApiClient gives up first (its own deadline, testable); this frees the browser's connection,
  // which a hung server would otherwise hold, and with six of them block every later request.
  attr.timeoutMSecs = static_cast<std::uint32_t>(request.timeout_ms > 0 ? request.timeout_ms : 30000);
  attr.userData = reinterpret_cast<void*>(static_cast<std::uintptr_t>(id));
  attr.onsuccess = finished;
  attr.onerror = finished;
  emscripten_fetch(&attr, request.url.c_str());
}

void FetchTransport::cancel(api::RequestId id) {
  auto it = pending_.find(id);
  if (it != pending_.end()) it->second.cancelled = true;
}

void FetchTransport::complete(api::RequestId id, api::HttpResponse response) {
  completed_.push_back({id, std::move(response)});
  if (on_complete_) on_complete_();  // only schedules; the answer is applied at the start of a frame
}

FetchTransport::~FetchTransport() {
  if (g_transport == this) g_transport = nullptr;
}

int FetchTransport::deliver() {
  auto batch = std::move(completed_);
  completed_.clear();
  int delivered = 0;
  for (auto& [id, response] : batch) {
    auto it = pending_.find(id);
    if (it == pending_.end()) continue;
    auto done = std::move(it->second.done);
    bool cancelled = it->second.cancelled;
    pending_.erase(it);
    if (!cancelled && done) {
      done(id, std::move(response));
      ++delivered;
    }
  }
  return delivered;
}

}  // namespace roster::platform::web
