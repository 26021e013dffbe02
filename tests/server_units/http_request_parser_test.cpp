// In-process tests of the request parser: delivery in pieces, limits at their edges, framing refused.
#include "server/http/http_request_parser.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace roster::server;

namespace {

struct Outcome {
  std::vector<ParsedRequest> requests;
  int error = 0;
};

// Feeds `wire` in pieces of `step` bytes (0: all at once), the way a socket would deliver it.
Outcome parse_all(const std::string& wire, std::size_t step, HttpLimits limits = {}) {
  Outcome out;
  HttpRequestParser parser(limits);
  std::string pending;
  std::size_t pos = 0;
  while (pos < wire.size() || !pending.empty()) {
    std::size_t n = step ? std::min(step, wire.size() - pos) : wire.size() - pos;
    pending.append(wire, pos, n);
    pos += n;
    bool progressed = false;
    while (!pending.empty()) {
      std::size_t consumed = 0;
      auto status = parser.feed(pending.data(), pending.size(), consumed);
      pending.erase(0, consumed);
      if (status == HttpRequestParser::Status::Failed) {
        out.error = parser.error_status();
        return out;
      }
      if (status == HttpRequestParser::Status::NeedMore) break;
      out.requests.push_back(parser.take());
      progressed = true;
    }
    if (pos >= wire.size() && !progressed) break;
  }
  return out;
}

}  // namespace

TEST_CASE("byte-by-byte delivery parses exactly as one piece does, pipelined requests included") {
  const std::string wire =
      "\r\nGET /a?x=1 HTTP/1.1\r\nHost: h\r\nX-Two:  spaced value \t\r\n\r\n"
      "POST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
      "PUT /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n"
      "GET /d HTTP/1.0\r\n\r\n";
  for (std::size_t step : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{64}}) {
    CAPTURE(step);
    auto out = parse_all(wire, step);
    REQUIRE(out.error == 0);
    REQUIRE(out.requests.size() == 4);
    CHECK(out.requests[0].target == "/a?x=1");
    CHECK(out.requests[0].headers[1].second == "spaced value");
    CHECK(out.requests[1].body == "hello");
    CHECK(out.requests[2].method == "PUT");
    CHECK(out.requests[2].body == "abcde");
    CHECK(out.requests[3].version == "HTTP/1.0");
    CHECK_FALSE(out.requests[3].keep_alive);
    CHECK(out.requests[0].keep_alive);
  }
}

TEST_CASE("the body limit holds at its edge for both framings") {
  HttpLimits limits;
  limits.max_body_bytes = 1000;
  auto fixed = [&](std::size_t n) {
    return "POST / HTTP/1.1\r\nContent-Length: " + std::to_string(n) + "\r\n\r\n" + std::string(n, 'x');
  };
  CHECK(parse_all(fixed(1000), 0, limits).requests.at(0).body.size() == 1000);
  CHECK(parse_all(fixed(1001), 0, limits).error == 413);
  auto chunked = [&](std::size_t a, std::size_t b) {
    auto hex = [](std::size_t v) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%zx", v);
      return std::string(buf);
    };
    return "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + hex(a) + "\r\n" + std::string(a, 'x') + "\r\n" +
           hex(b) + "\r\n" + std::string(b, 'y') + "\r\n0\r\n\r\n";
  };
  CHECK(parse_all(chunked(600, 400), 3, limits).requests.at(0).body.size() == 1000);
  // Refused at the second chunk's size line, before any of its data is held.
  CHECK(parse_all(chunked(600, 401), 3, limits).error == 413);
}

TEST_CASE("the head limits: header count, line length, total size") {
  HttpLimits limits;
  auto with_headers = [](std::size_t n) {
    std::string wire = "GET / HTTP/1.1\r\n";
    for (std::size_t i = 0; i < n; ++i) wire += "X-H" + std::to_string(i) + ": v\r\n";
    return wire + "\r\n";
  };
  CHECK(parse_all(with_headers(limits.max_header_count), 0).requests.size() == 1);
  CHECK(parse_all(with_headers(limits.max_header_count + 1), 0).error == 431);
  // Lines at their limit pass, one byte more is refused, whatever pieces they come in.
  auto request_line = [](std::size_t n) { return "GET /" + std::string(n - 14, 'a') + " HTTP/1.1\r\n\r\n"; };
  auto header_line = [](std::size_t n) { return "GET / HTTP/1.1\r\nX: " + std::string(n - 3, 'a') + "\r\n\r\n"; };
  for (std::size_t step : {std::size_t{0}, std::size_t{100}}) {
    CHECK(parse_all(request_line(limits.max_request_line), step).requests.size() == 1);
    CHECK(parse_all(request_line(limits.max_request_line + 1), step).error == 414);
    CHECK(parse_all(header_line(limits.max_header_line), step).requests.size() == 1);
    CHECK(parse_all(header_line(limits.max_header_line + 1), step).error == 431);
  }
  // The head as a whole: five 7,000-byte headers pass each line's limit but not the total.
  std::string big_head = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 5; ++i) big_head += "X-" + std::to_string(i) + ": " + std::string(7000, 'a') + "\r\n";
  CHECK(parse_all(big_head + "\r\n", 0).error == 431);
  CHECK(parse_all(big_head + "\r\n", 333).error == 431);
  // A line that never ends is refused once it is too long, not held while it grows.
  CHECK(parse_all("GET / HTTP/1.1\r\nX: " + std::string(100000, 'a'), 1000).error == 431);
}

TEST_CASE("framing that could be read two ways, and controls in headers, are refused") {
  CHECK(parse_all("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 0).error == 400);
  CHECK(parse_all("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 0).error == 400);
  CHECK(parse_all("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 0).requests.at(0).body ==
        "abc");
  CHECK(parse_all("POST / HTTP/1.1\r\nContent-Length: +3\r\n\r\nabc", 0).error == 400);
  CHECK(parse_all("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", 0).error == 400);
  CHECK(parse_all("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 0).error == 501);
  CHECK(parse_all("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 0).error == 501);
  CHECK(parse_all("POST / HTTP/1.1\r\nContent-Encoding: br\r\nContent-Length: 1\r\n\r\nx", 0).error == 415);
  CHECK(parse_all("GET / HTTP/1.1\r\nContent-Encoding: gzip\r\n\r\n", 0).requests.size() == 1);  // no body: harmless
  CHECK(parse_all(std::string("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n", 27), 0).error == 400);
  CHECK(parse_all("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", 0).error == 400);
  CHECK(parse_all("GET / HTTP/1.1\r\nExpect: 200-ok\r\n\r\n", 0).error == 417);
  CHECK(parse_all("GET http://elsewhere/ HTTP/1.1\r\n\r\n", 0).error == 400);
  CHECK(parse_all("GET /caf\xc3\xa9 HTTP/1.1\r\n\r\n", 0).error == 400);
  CHECK(parse_all("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", 0).error == 400);
  // Only CRLF ends a line, in the head and in chunked framing alike.
  CHECK(parse_all("GET / HTTP/1.1\nHost: h\n\n", 0).error == 400);
  CHECK(parse_all("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\nA\n0\n\n", 0).error == 400);
  CHECK(parse_all("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nA\n0\r\n\r\n", 0).error == 400);
}

TEST_CASE("Expect: 100-continue is reported once the head is in and the body is still to come (HTTP/1.1 only)") {
  HttpRequestParser old_client;
  std::string old_head = "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
  std::size_t old_consumed = 0;
  CHECK(old_client.feed(old_head.data(), old_head.size(), old_consumed) == HttpRequestParser::Status::NeedMore);
  CHECK_FALSE(old_client.wants_continue());

  HttpRequestParser parser;
  std::string head = "POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n";
  std::size_t consumed = 0;
  CHECK(parser.feed(head.data(), head.size(), consumed) == HttpRequestParser::Status::NeedMore);
  CHECK(consumed == head.size());
  CHECK(parser.wants_continue());
  CHECK(parser.feed("ok", 2, consumed) == HttpRequestParser::Status::Complete);
  CHECK_FALSE(parser.wants_continue());
  CHECK(parser.take().body == "ok");
}
