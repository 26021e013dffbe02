// roster-server's HTTP/1.1 server, run by App: one event-driven I/O thread reads whole requests and
// writes answers, a pool of workers runs the routes on complete requests only, so a slow client
// holds a socket, never a worker. Why it exists, its limits and timeouts: README ("The HTTP layer").
#pragma once

#include "server/http/http_connection.h"
#include "server/http/http_request_parser.h"
#include "server/http/http_router.h"
#include "server/http/http_wire.h"

#include <openssl/ssl.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace roster::server {

// Every limit closes something an attacker would hold open; the defaults are the README's.
struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
  int worker_threads = 8;
  HttpLimits limits;
  std::size_t max_connections = 8192;
  std::size_t max_connections_per_address = 256;
  std::size_t max_queued_requests = 2048;  // complete requests waiting for a worker; past it 503
  // Request bodies being received, over all connections: past it a body gets 503 (each one is
  // capped by limits.max_body_bytes, but many connections could each hold that much).
  std::size_t max_buffered_body_bytes = 256 * 1024 * 1024;
  // Answers written but not yet taken by their clients, over all connections: past it the answer
  // that has made no progress for longest (at least 1 s) is dropped with its connection.
  std::size_t max_pending_output_bytes = 512 * 1024 * 1024;
  int head_timeout_ms = 5000;      // TLS handshake, and a request's head from its first byte
  int request_timeout_ms = 10000;  // a whole request (head and body) from its first byte
  int idle_timeout_ms = 5000;      // a kept-alive connection between requests
  int write_timeout_ms = 10000;    // an answer without progress
  int answer_timeout_ms = 60000;   // an answer's whole writing, however it trickles
  SSL_CTX* tls = nullptr;          // not owned; null for plain HTTP
};

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, const HttpRouter& router);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; returns the port (the chosen one for port 0) or -1 with `error`.
  int bind(std::string& error);
  // Serves until stop(); returns false if the event loop could not start.
  bool run();
  void stop();  // from any thread

  // For tests and benchmarks: connections open now.
  std::size_t open_connections() const { return open_connections_.load(); }

 private:
  using Connection = HttpConnection;
  struct Job {
    std::uint64_t id;
    ParsedRequest request;
    PeerInfo peer;
  };
  struct Completion {
    std::uint64_t id;
    std::string bytes;
    bool keep_alive;
    // A piece of a streamed answer: `more` while pieces follow; the gate is the stream's.
    bool more = false;
    std::shared_ptr<StreamGate> gate;
  };

  void worker_loop();
  void complete(Completion done);
  // Runs a chunked content provider on this worker, handing its pieces to the I/O thread as they
  // come, never more than kMaxUnsentStream ahead of what the client has taken.
  void stream_answer(std::uint64_t id, httplib::Response& res, bool head_only, bool keep_alive, bool http10);
  void accept_all(std::int64_t now);
  // Past a cap, closes the connection that has waited longest (of `address` when it is at its cap,
  // else of all): draining, then idle, then half-sent, then the answer begun earliest; never one
  // being handled. False when there is none to close. `force`: free one regardless.
  bool make_room(const std::string& address, bool force);
  void pump(Connection& c, std::int64_t now);
  void handshake(Connection& c, std::int64_t now);
  void read_input(Connection& c, std::int64_t now);
  void parse_input(Connection& c, std::int64_t now);
  void write_output(Connection& c, std::int64_t now);
  void finish_answer(Connection& c, std::int64_t now);
  void answer_now(Connection& c, std::string bytes, bool keep_alive, std::int64_t now);
  void deliver_completions(std::int64_t now);
  void expire(std::int64_t now);
  void close(Connection& c);
  // Keeps buffered_body_bytes_ in step with what `c`'s parser holds; false when over the budget.
  bool account_body(Connection& c);
  void release_body(Connection& c);
  void shed_output(std::int64_t now);
  std::int64_t deadline_of(const Connection& c) const;

  HttpServerOptions options_;
  const HttpRouter& router_;
  int listen_fd_ = -1, epoll_fd_ = -1, wake_fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> open_connections_{0};

  // I/O thread only.
  std::uint64_t next_id_ = 16;
  std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> connections_;
  std::unordered_map<std::string, std::size_t> per_address_;
  std::vector<std::uint64_t> to_close_;
  std::size_t buffered_body_bytes_ = 0;   // request bodies being received or handled
  std::size_t pending_output_bytes_ = 0;  // answers not yet written out

  // Shared with the workers.
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::deque<Job> jobs_;
  std::vector<Completion> completions_;
  std::vector<std::thread> workers_;
};

}  // namespace roster::server
