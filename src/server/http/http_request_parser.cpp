#include "server/http/http_request_parser.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>

namespace roster::server {

namespace {

bool is_token_char(unsigned char c) {
  return std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_token(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return is_token_char(static_cast<unsigned char>(c)); });
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

// Comma-separated tokens of a header such as Connection, lower-cased.
bool has_token(const std::string& value, const char* token) {
  std::size_t start = 0;
  while (start <= value.size()) {
    auto comma = value.find(',', start);
    if (lower(trim(value.substr(start, comma == std::string::npos ? std::string::npos : comma - start))) == token)
      return true;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return false;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool is_clean_field_text(const std::string& text) {
  return std::none_of(text.begin(), text.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\t') || c == 0x7f;
  });
}

std::string HttpRequestParser::body_too_large() const {
  return "The request body is larger than " + std::to_string(limits_.max_body_bytes / (1024 * 1024)) + " MB.";
}

HttpRequestParser::Status HttpRequestParser::fail(int status, std::string message) {
  phase_ = Phase::Failed;
  error_status_ = status;
  error_message_ = std::move(message);
  return Status::Failed;
}

void HttpRequestParser::reset() {
  phase_ = Phase::Head;
  request_ = ParsedRequest{};
  line_.clear();
  head_bytes_ = header_count_ = 0;
  remaining_ = 0;
  line_overflow_ = expect_continue_ = started_ = false;
  error_status_ = 0;
  error_message_.clear();
}

ParsedRequest HttpRequestParser::take() {
  ParsedRequest out = std::move(request_);
  reset();
  return out;
}

bool HttpRequestParser::take_line(const char* data, std::size_t size, std::size_t& pos, std::size_t max_content,
                                  int status, const std::string& too_long) {
  const char* start = data + pos;
  const char* end = data + size;
  const char* lf = static_cast<const char*>(std::memchr(start, '\n', static_cast<std::size_t>(end - start)));
  std::size_t piece = static_cast<std::size_t>((lf ? lf : end) - start);
  // Length is judged before anything else, on what has arrived: the same bytes in other pieces
  // meet the same verdict.
  if (line_.size() + piece > max_content) {
    fail(status, too_long);
    return false;
  }
  line_.append(start, piece);
  pos += piece;
  if (!lf) return false;
  ++pos;  // the line feed
  // Only CRLF ends a line: a bare LF that a proxy in front would read differently is how one
  // request is hidden inside another.
  if (line_.empty() || line_.back() != '\r') {
    fail(400, "Lines must end with CRLF.");
    return false;
  }
  line_.pop_back();
  return true;
}

bool HttpRequestParser::head_sized_line(const char* data, std::size_t size, std::size_t& pos, std::size_t cap,
                                        int status, const char* what, std::string& line) {
  // The line may hold `cap` bytes and its CR, and no more than what is left of the head (less its LF).
  // head_bytes_ already counts the part of this line that came in earlier pieces (it is in line_).
  const std::size_t left = limits_.max_head_bytes - (head_bytes_ - line_.size());
  const bool head_limited = left < cap + 2;
  const std::size_t max_content = head_limited ? (left == 0 ? 0 : left - 1) : cap + 1;
  std::size_t before = pos;
  bool whole = take_line(data, size, pos, max_content, head_limited ? 431 : status,
                         head_limited ? "The request's headers (and trailers) are larger than " +
                                            std::to_string(limits_.max_head_bytes) + " bytes."
                                      : std::string(what) + " is longer than " + std::to_string(cap) + " bytes.");
  head_bytes_ += pos - before;
  if (!whole) return false;
  line = std::move(line_);
  line_.clear();
  return true;
}

HttpRequestParser::Status HttpRequestParser::feed(const char* data, std::size_t size, std::size_t& consumed) {
  consumed = 0;
  if (phase_ == Phase::Failed) return Status::Failed;
  if (phase_ == Phase::Done) return Status::Complete;
  std::size_t pos = 0;
  while (pos < size && phase_ != Phase::Done && phase_ != Phase::Failed) {
    started_ = true;
    switch (phase_) {
      case Phase::Head: {
        const bool request_line = request_.method.empty();
        std::string line;
        if (head_sized_line(data, size, pos, request_line ? limits_.max_request_line : limits_.max_header_line,
                            request_line ? 414 : 431, request_line ? "The request line" : "A header line", line))
          head_line(line);
        break;
      }
      case Phase::FixedBody:
      case Phase::ChunkData: {
        auto take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, size - pos));
        request_.body.append(data + pos, take);
        pos += take;
        remaining_ -= take;
        if (remaining_ == 0) phase_ = phase_ == Phase::FixedBody ? Phase::Done : Phase::ChunkDataEnd;
        break;
      }
      case Phase::ChunkSize: {
        if (!take_line(data, size, pos, 1025, 400, "A chunk size line is longer than 1024 bytes.")) break;
        std::string line = std::move(line_);
        line_.clear();
        chunk_size_line(line);
        break;
      }
      case Phase::ChunkDataEnd: {
        if (!take_line(data, size, pos, 1, 400, "A chunk's data must end with CRLF.")) break;
        if (!line_.empty()) {
          fail(400, "A chunk's data must end with CRLF.");
          break;
        }
        phase_ = Phase::ChunkSize;
        break;
      }
      case Phase::Trailers: {
        std::string line;
        if (head_sized_line(data, size, pos, limits_.max_header_line, 431, "A trailer line", line)) trailer_line(line);
        break;
      }
      case Phase::Done:
      case Phase::Failed: break;
    }
  }
  consumed = pos;
  if (phase_ == Phase::Failed) return Status::Failed;
  return phase_ == Phase::Done ? Status::Complete : Status::NeedMore;
}

bool HttpRequestParser::head_line(const std::string& line) {
  if (request_.method.empty()) {
    if (line.empty()) return true;  // empty lines before a request line are allowed (RFC 9112 2.2)
    auto sp1 = line.find(' ');
    auto sp2 = sp1 == std::string::npos ? std::string::npos : line.find(' ', sp1 + 1);
    if (sp2 == std::string::npos || line.find(' ', sp2 + 1) != std::string::npos) {
      fail(400, "The request line must be: METHOD TARGET HTTP/1.1.");
      return false;
    }
    std::string method = line.substr(0, sp1), target = line.substr(sp1 + 1, sp2 - sp1 - 1),
                version = line.substr(sp2 + 1);
    if (!is_token(method) || method.size() > 32) {
      fail(400, "The request method is not valid.");
      return false;
    }
    // The target is ASCII without spaces or controls: anything else must be percent-encoded.
    bool target_ok = !target.empty() && (target[0] == '/' || target == "*") &&
                     std::all_of(target.begin(), target.end(), [](char ch) {
                       auto c = static_cast<unsigned char>(ch);
                       return c > 0x20 && c < 0x7f;
                     });
    if (!target_ok) {
      fail(400, "The request target must be a path starting with '/', in ASCII (percent-encode other bytes).");
      return false;
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
      fail(version.rfind("HTTP/", 0) == 0 ? 505 : 400, "Only HTTP/1.0 and HTTP/1.1 are supported.");
      return false;
    }
    request_.method = std::move(method);
    request_.target = std::move(target);
    request_.version = std::move(version);
    return true;
  }
  if (line.empty()) return finish_head();
  if (line[0] == ' ' || line[0] == '\t') {
    fail(400, "Folded header lines are not accepted.");
    return false;
  }
  auto colon = line.find(':');
  std::string name = colon == std::string::npos ? std::string() : line.substr(0, colon);
  if (!is_token(name)) {
    fail(400, "A header line must be NAME: VALUE, with no space before the colon.");
    return false;
  }
  std::string value = trim(line.substr(colon + 1));
  if (!is_clean_field_text(value)) {
    fail(400, "The header " + name + " holds control characters.");
    return false;
  }
  if (++header_count_ > limits_.max_header_count) {
    fail(431, "The request has more than " + std::to_string(limits_.max_header_count) + " headers.");
    return false;
  }
  request_.headers.emplace_back(std::move(name), std::move(value));
  return true;
}

bool HttpRequestParser::finish_head() {
  std::string transfer_encoding, content_encoding, connection, expect, length_text;
  bool has_length = false, has_transfer_encoding = false;
  for (const auto& [name, value] : request_.headers) {
    auto key = lower(name);
    auto join = [&value = value](std::string& into) { into += (into.empty() ? "" : ", ") + value; };
    if (key == "content-length") {
      if (has_length && value != length_text) {
        fail(400, "The request has two different Content-Length headers.");
        return false;
      }
      has_length = true;
      length_text = value;
    } else if (key == "transfer-encoding") {
      has_transfer_encoding = true;
      join(transfer_encoding);
    } else if (key == "content-encoding") {
      join(content_encoding);
    } else if (key == "connection") {
      join(connection);
    } else if (key == "expect") {
      join(expect);
    }
  }
  const bool http10 = request_.version == "HTTP/1.0";
  request_.keep_alive = http10 ? has_token(connection, "keep-alive") : !has_token(connection, "close");

  std::uint64_t length = 0;
  bool chunked = false;
  if (has_transfer_encoding) {
    // Both framings at once is how one request is smuggled inside another: refuse it.
    if (has_length) {
      fail(400, "A request may not carry both Content-Length and Transfer-Encoding.");
      return false;
    }
    if (lower(trim(transfer_encoding)) != "chunked" || http10) {
      fail(501, "Transfer-Encoding '" + transfer_encoding + "' is not supported; send a Content-Length or chunked.");
      return false;
    }
    chunked = true;
  } else if (has_length) {
    if (length_text.empty() || length_text.size() > 19 ||
        !std::all_of(length_text.begin(), length_text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      fail(400, "Content-Length must be a whole number of bytes.");
      return false;
    }
    length = std::stoull(length_text);
    if (length > limits_.max_body_bytes) {
      fail(413, body_too_large());
      return false;
    }
  }
  const bool has_body = chunked || length > 0;
  if (has_body && !content_encoding.empty() && lower(trim(content_encoding)) != "identity") {
    fail(415, "Compressed request bodies are not accepted; send the body without Content-Encoding.");
    return false;
  }
  if (!expect.empty()) {
    if (lower(trim(expect)) != "100-continue") {
      fail(417, "Only 'Expect: 100-continue' is understood.");
      return false;
    }
    expect_continue_ = has_body && !http10;  // HTTP/1.0 clients never wait for a 100
  }
  if (chunked) {
    phase_ = Phase::ChunkSize;
  } else if (length > 0) {
    phase_ = Phase::FixedBody;
    remaining_ = length;
    request_.body.reserve(static_cast<std::size_t>(length));
  } else {
    phase_ = Phase::Done;
  }
  return true;
}

bool HttpRequestParser::chunk_size_line(const std::string& line) {
  std::size_t i = 0;
  std::uint64_t size = 0;
  for (; i < line.size() && hex_digit(line[i]) >= 0; ++i) {
    if (i >= 15) {
      fail(413, body_too_large());
      return false;
    }
    size = size * 16 + static_cast<std::uint64_t>(hex_digit(line[i]));
  }
  std::size_t rest = i;
  while (rest < line.size() && (line[rest] == ' ' || line[rest] == '\t')) ++rest;
  if (i == 0 || (rest < line.size() && line[rest] != ';') || !is_clean_field_text(line)) {
    fail(400, "A chunk size must be hexadecimal digits.");
    return false;
  }
  if (size > limits_.max_body_bytes - request_.body.size()) {
    fail(413, body_too_large());
    return false;
  }
  if (size == 0) {
    phase_ = Phase::Trailers;
  } else {
    phase_ = Phase::ChunkData;
    remaining_ = size;
  }
  return true;
}

bool HttpRequestParser::trailer_line(const std::string& line) {
  if (line.empty()) {
    phase_ = Phase::Done;
    return true;
  }
  // Trailers are read (and counted against the header limits) but not used.
  if (++header_count_ > limits_.max_header_count) {
    fail(431, "The request has more than " + std::to_string(limits_.max_header_count) + " headers and trailers.");
    return false;
  }
  if (!is_clean_field_text(line)) {
    fail(400, "A trailer holds control characters.");
    return false;
  }
  return true;
}

}  // namespace roster::server
