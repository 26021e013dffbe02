// roster-server's incremental HTTP/1.1 request parser, used by the HTTP server's I/O thread: bytes
// in as they arrive, a whole request (head and de-chunked body) or an error status with a sentence
// out, never more held than HttpLimits allow. No I/O. The rules it enforces are in the .cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace roster::server {

struct HttpLimits {
  std::size_t max_request_line = 8 * 1024;       // 414 past this
  std::size_t max_header_line = 8 * 1024;        // 431
  std::size_t max_head_bytes = 32 * 1024;        // request line and headers together: 431
  std::size_t max_header_count = 100;            // 431
  std::size_t max_body_bytes = 2 * 1024 * 1024;  // 413, whatever the framing
};

struct ParsedRequest {
  std::string method, target, version;                       // version: "HTTP/1.0" or "HTTP/1.1"
  std::vector<std::pair<std::string, std::string>> headers;  // names as sent, values trimmed
  std::string body;
  bool keep_alive = true;
};

// Header and field text may hold visible ASCII, spaces, tabs and obs-text (bytes from 0x80); never
// CR, LF, NUL or other controls, which is how header injection and smuggling get in. (The response
// writer holds its headers to the same rule.)
bool is_clean_field_text(const std::string& text);

class HttpRequestParser {
 public:
  enum class Status { NeedMore, Complete, Failed };

  explicit HttpRequestParser(HttpLimits limits = {}) : limits_(limits) {}

  // Reads from `data`; sets `consumed` to the bytes that belong to this request (the rest belong to
  // the next one, pipelined). After Complete take the request with take(); after Failed answer
  // error_status() and close the connection: the stream's framing can no longer be trusted.
  Status feed(const char* data, std::size_t size, std::size_t& consumed);
  ParsedRequest take();
  void reset();

  // True once the head asked for "Expect: 100-continue" and the body is still to come.
  bool wants_continue() const {
    return expect_continue_ && phase_ != Phase::Head && phase_ != Phase::Done && phase_ != Phase::Failed;
  }
  // True once any byte of the current request has arrived (for the idle and request timeouts).
  bool started() const { return started_; }
  bool head_complete() const { return phase_ != Phase::Head; }
  // Body bytes held so far (for the server's budget across connections).
  std::size_t body_bytes() const { return request_.body.size(); }
  // The body length announced by Content-Length, once the head is in (0 otherwise).
  std::uint64_t announced_length() const { return phase_ == Phase::FixedBody ? remaining_ + request_.body.size() : 0; }

  int error_status() const { return error_status_; }
  const std::string& error_message() const { return error_message_; }

 private:
  enum class Phase { Head, FixedBody, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done, Failed };

  Status fail(int status, std::string message);
  std::string body_too_large() const;
  // One complete line of the head (without its line ending); false after fail().
  bool head_line(const std::string& line);
  bool finish_head();
  bool chunk_size_line(const std::string& line);
  bool trailer_line(const std::string& line);
  // Appends to line_ up to a line feed; true when a whole line (its CR removed) is in line_. More
  // than `max_content` bytes before the LF fail with `status` and `too_long`.
  bool take_line(const char* data, std::size_t size, std::size_t& pos, std::size_t max_content, int status,
                 const std::string& too_long);
  // A line of the head or of the trailers, which count together against max_head_bytes; true with
  // `line` once it is whole.
  bool head_sized_line(const char* data, std::size_t size, std::size_t& pos, std::size_t cap, int status,
                       const char* what, std::string& line);

  HttpLimits limits_;
  Phase phase_ = Phase::Head;
  ParsedRequest request_;
  std::string line_;
  std::size_t head_bytes_ = 0;
  std::size_t header_count_ = 0;
  std::uint64_t remaining_ = 0;  // of a fixed body or the current chunk
  bool line_overflow_ = false;
  bool expect_continue_ = false;
  bool started_ = false;
  int error_status_ = 0;
  std::string error_message_;
};

}  // namespace roster::server
