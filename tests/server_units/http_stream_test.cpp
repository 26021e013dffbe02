// Streamed answers of the HTTP engine in-process: a chunked body arrives whole and in order, and a
// client that stops reading holds the producer to a bounded lead (the body is never produced ahead
// into memory); a client that leaves ends the producer, and the server still answers afterwards.
#include "server/http/http_router.h"
#include "server/http/http_server.h"
#include "server/http/request_reply.h"

#include <doctest/doctest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace roster::server;

namespace {

constexpr std::size_t kPiece = 10'000;
constexpr std::size_t kPieces = 20'000;  // 200 MB if it were all produced

struct StreamServer {
  HttpRouter router;
  std::unique_ptr<HttpServer> server;
  std::thread thread;
  int port = 0;
  std::atomic<std::size_t> produced{0};
  std::atomic<bool> producer_ended{false};

  explicit StreamServer(int workers) {
    router.add("GET", "/stream", [this](const httplib::Request& req, httplib::Response& res) {
      const std::size_t pieces = req.has_param("small") ? 30 : kPieces;
      auto next = std::make_shared<std::size_t>(0);
      res.status = 200;
      set_streamed_body(res, "text/plain", [this, next, pieces](std::string& out) {
        // Each piece is its index's digit repeated: order and completeness are checkable.
        out.assign(kPiece, static_cast<char>('0' + *next % 10));
        ++*next;
        produced += kPiece;
        const bool more = *next < pieces;
        if (!more) producer_ended = true;
        return more ? StreamStep::kMore : StreamStep::kDone;
      });
    });
    router.add("GET", "/ping", [](const httplib::Request&, httplib::Response& res) {
      res.status = 200;
      res.body = "pong";
    });
    HttpServerOptions options;
    options.port = 0;
    options.worker_threads = workers;
    server = std::make_unique<HttpServer>(options, router);
    std::string error;
    port = server->bind(error);
    REQUIRE(port > 0);
    thread = std::thread([this] { server->run(); });
  }
  ~StreamServer() {
    server->stop();
    thread.join();
  }
};

}  // namespace

TEST_CASE("a streamed answer arrives whole, chunked and in order, and the connection is reused") {
  StreamServer s(2);
  httplib::Client client("127.0.0.1", s.port);
  auto r = client.Get("/stream?small=1");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Transfer-Encoding") == "chunked");
  REQUIRE(r->body.size() == 30 * kPiece);
  for (std::size_t i = 0; i < 30; ++i) CHECK(r->body[i * kPiece] == static_cast<char>('0' + i % 10));
  auto again = client.Get("/ping");
  REQUIRE(again);
  CHECK(again->body == "pong");
}

TEST_CASE("a client that stops reading holds the producer back; one that leaves ends it") {
  StreamServer s(1);  // one worker: it must be let go for anything else to be answered
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  int small = 64 * 1024;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(s.port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  const std::string request = "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n";
  REQUIRE(::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
  char buf[4096];
  std::size_t got = 0;
  while (got < 100'000) {
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    REQUIRE(n > 0);
    got += static_cast<std::size_t>(n);
  }
  // Stop reading, and wait until the producer has stopped too (it must, or this never ends).
  std::size_t last = 0;
  for (int settled = 0; settled < 5;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::size_t now = s.produced.load();
    settled = now == last ? settled + 1 : 0;
    last = now;
    REQUIRE_FALSE(s.producer_ended.load());  // it produced everything: nothing held it back
  }
  // What was read, the engine's lead (256 KB) and the sockets' buffers: a few MB, not 200 MB.
  CHECK(last < 32u * 1024 * 1024);
  ::close(fd);
  // The only worker was let go: the server answers again.
  httplib::Client client("127.0.0.1", s.port);
  auto r = client.Get("/ping");
  REQUIRE(r);
  CHECK(r->body == "pong");
  const std::size_t at_close = s.produced.load();
  auto r2 = client.Get("/ping");
  REQUIRE(r2);
  CHECK_FALSE(s.producer_ended.load());
  CHECK(s.produced.load() < at_close + 2 * 1024 * 1024);
}

namespace {

// Sends `request` on a fresh connection and reads until the server closes it.
std::string exchange(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
  std::string out;
  char buf[65536];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return out;
}

}  // namespace

TEST_CASE("HTTP/1.0 gets the streamed body unframed up to the close; HEAD gets the head alone") {
  StreamServer s(2);
  const std::string old = exchange(s.port, "GET /stream?small=1 HTTP/1.0\r\n\r\n");
  const auto head_end = old.find("\r\n\r\n");
  REQUIRE(head_end != std::string::npos);
  const std::string head = old.substr(0, head_end);
  CHECK(head.find("Connection: close") != std::string::npos);
  CHECK(head.find("Transfer-Encoding") == std::string::npos);
  const std::string body = old.substr(head_end + 4);
  REQUIRE(body.size() == 30 * kPiece);
  CHECK(body[29 * kPiece] == '9');
  const std::string head_only =
      exchange(s.port, "HEAD /stream?small=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(head_only.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(head_only.size() == head_only.find("\r\n\r\n") + 4);  // nothing after the head
}
