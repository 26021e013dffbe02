// libFuzzer: raw bytes into roster-server's HTTP request parser, as a socket would deliver them.
// The same bytes are parsed in one piece and in pieces of a size taken from the input; both must
// give the same requests (method, target, headers, body) or the same error status, every body must
// stay within the limit, and no input may crash, hang or trip a sanitizer.
// Input: byte 0 the piece size (1 to 256), then the bytes of the connection.
#include "server/http/http_request_parser.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace roster::server;

namespace {

struct Outcome {
  std::vector<ParsedRequest> requests;
  int error = 0;
  std::string message;
};

HttpLimits small_limits() {
  HttpLimits l;  // smaller than the server's so that the fuzzer reaches every limit quickly
  l.max_request_line = 256;
  l.max_header_line = 256;
  l.max_head_bytes = 1024;
  l.max_header_count = 16;
  l.max_body_bytes = 4096;
  return l;
}

Outcome parse(const std::string& wire, std::size_t step) {
  Outcome out;
  const HttpLimits limits = small_limits();
  HttpRequestParser parser(limits);
  std::string pending;
  std::size_t pos = 0;
  while (pos < wire.size()) {
    std::size_t n = std::min(step, wire.size() - pos);
    pending.append(wire, pos, n);
    pos += n;
    while (!pending.empty()) {
      std::size_t consumed = 0;
      auto status = parser.feed(pending.data(), pending.size(), consumed);
      if (consumed > pending.size()) std::abort();
      pending.erase(0, consumed);
      if (status == HttpRequestParser::Status::Failed) {
        out.error = parser.error_status();
        out.message = parser.error_message();
        if (out.error < 400 || out.error > 599 || parser.error_message().empty()) std::abort();
        return out;
      }
      if (status == HttpRequestParser::Status::NeedMore) {
        if (consumed == 0 && !pending.empty()) std::abort();  // it must take what it is given
        break;
      }
      out.requests.push_back(parser.take());
      if (out.requests.back().body.size() > limits.max_body_bytes) std::abort();
    }
  }
  return out;
}

bool same(const ParsedRequest& a, const ParsedRequest& b) {
  return a.method == b.method && a.target == b.target && a.version == b.version && a.headers == b.headers &&
         a.body == b.body && a.keep_alive == b.keep_alive;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  std::size_t step = static_cast<std::size_t>(data[0]) + 1;
  std::string wire(reinterpret_cast<const char*>(data + 1), size - 1);
  auto whole = parse(wire, wire.size() ? wire.size() : 1);
  auto pieces = parse(wire, step);
  if (whole.error != pieces.error || whole.requests.size() != pieces.requests.size()) {
    std::fprintf(
        stderr, "fuzz_http_parser: one piece gave %zu requests (error %d: %s), pieces of %zu gave %zu (error %d: %s)\n",
        whole.requests.size(), whole.error, whole.message.c_str(), step, pieces.requests.size(), pieces.error,
        pieces.message.c_str());
    std::abort();
  }
  for (std::size_t i = 0; i < whole.requests.size(); ++i)
    if (!same(whole.requests[i], pieces.requests[i])) std::abort();
  return 0;
}
