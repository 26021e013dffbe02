#include "server/http/http_server.h"
#include "server/base/clock.h"

#include <openssl/err.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <limits>

namespace roster::server {

namespace {

constexpr std::uint64_t kListenId = 1, kWakeId = 2;
constexpr std::size_t kReadChunk = 16 * 1024;
// While a request is being handled or answered, at most this much of the next one is read ahead.
constexpr std::size_t kMaxReadAhead = 64 * 1024;
// After refusing a request whose body is still arriving, the rest is read and dropped for a moment,
// so that the client sees the answer instead of a reset connection.
constexpr std::int64_t kLingerMs = 1000;
constexpr std::size_t kMaxDrainBytes = 4 * 1024 * 1024;
constexpr const char* kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// A streamed answer: pieces of about this size, and at most this much written but not yet taken by
// the client, so that its memory does not grow with the body.
constexpr std::size_t kStreamPiece = 64 * 1024;
constexpr std::size_t kMaxUnsentStream = 256 * 1024;

std::string address_text(const sockaddr_storage& addr, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
    port = ntohs(a.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
    inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
    port = ntohs(a.sin6_port);
  }
  return text;
}

}  // namespace

HttpServer::HttpServer(HttpServerOptions options, const HttpRouter& router)
    : options_(std::move(options)), router_(router) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

HttpServer::~HttpServer() {
  stop();
  for (auto& w : workers_)
    if (w.joinable()) w.join();
  for (auto& [id, c] : connections_) close(*c);
  if (listen_fd_ >= 0) ::close(listen_fd_);
  if (epoll_fd_ >= 0) ::close(epoll_fd_);
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

int HttpServer::bind(std::string& error) {
  if (epoll_fd_ < 0 || wake_fd_ < 0) {
    error = std::string("cannot create the event loop: ") + std::strerror(errno);
    return -1;
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string port_text = std::to_string(options_.port);
  if (getaddrinfo(options_.host.c_str(), port_text.c_str(), &hints, &found) != 0 || !found) {
    error = "unknown address " + options_.host;
    return -1;
  }
  for (addrinfo* ai = found; ai; ai = ai->ai_next) {
    int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, 1024) == 0) {
      listen_fd_ = fd;
      break;
    }
    ::close(fd);
  }
  freeaddrinfo(found);
  if (listen_fd_ < 0) {
    error = std::strerror(errno);
    return -1;
  }
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&bound), &len);
  int port = 0;
  address_text(bound, port);
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLET;
  ev.data.u64 = kListenId;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &ev);
  ev.events = EPOLLIN | EPOLLET;
  ev.data.u64 = kWakeId;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
  return port;
}

void HttpServer::stop() {
  stopping_ = true;
  if (wake_fd_ >= 0) {
    std::uint64_t one = 1;
    [[maybe_unused]] auto ignored = ::write(wake_fd_, &one, sizeof one);
  }
  work_ready_.notify_all();
}

bool HttpServer::run() {
  if (listen_fd_ < 0) return false;
  std::signal(SIGPIPE, SIG_IGN);  // a peer gone mid-answer is an error code, not the end of the process
  // Slow clients cost a descriptor each: allow as many as the system lets this process have.
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }
  for (int i = 0; i < options_.worker_threads; ++i) workers_.emplace_back([this] { worker_loop(); });

  std::vector<epoll_event> events(256);
  std::int64_t last_expiry = steady_ms();
  while (!stopping_) {
    int n = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), 100);
    std::int64_t now = steady_ms();
    for (int i = 0; i < n; ++i) {
      std::uint64_t id = events[static_cast<std::size_t>(i)].data.u64;
      // Nothing one connection does may end the loop: a failure (out of memory, say) closes it alone.
      Connection* current = nullptr;
      try {
        if (id == kListenId) {
          accept_all(now);
        } else if (id == kWakeId) {
          std::uint64_t count = 0;
          [[maybe_unused]] auto ignored = ::read(wake_fd_, &count, sizeof count);
          deliver_completions(now);
        } else {
          auto it = connections_.find(id);
          if (it != connections_.end() && !it->second->closed) pump(*(current = it->second.get()), now);
        }
      } catch (...) {
        if (current) close(*current);
      }
    }
    if (now - last_expiry >= 100) {
      try {
        expire(now);
      } catch (...) {}
      last_expiry = now;
    }
    for (auto id : to_close_) connections_.erase(id);
    to_close_.clear();
  }
  work_ready_.notify_all();
  for (auto& w : workers_)
    if (w.joinable()) w.join();
  workers_.clear();
  for (auto& [id, c] : connections_) close(*c);
  connections_.clear();
  return true;
}

void HttpServer::worker_loop() {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    Completion done{job.id, {}, job.request.keep_alive, false, nullptr};
    try {
      const bool head_only = job.request.method == "HEAD";
      const bool http10 = job.request.version == "HTTP/1.0";
      httplib::Request req = to_route_request(std::move(job.request), job.peer);
      httplib::Response res;
      router_.dispatch(req, res);
      if (res.content_provider_ && res.is_chunked_content_provider_) {
        stream_answer(job.id, res, head_only, done.keep_alive && !http10, http10);
        continue;
      }
      done.bytes = serialize_response(res, head_only, done.keep_alive, http10);
    } catch (...) {
      done.keep_alive = false;
      done.bytes = protocol_error_response(500, "The server failed while handling this request.", options_.tls);
    }
    complete(std::move(done));
  }
}

void HttpServer::complete(Completion done) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    completions_.push_back(std::move(done));
  }
  std::uint64_t one = 1;
  [[maybe_unused]] auto ignored = ::write(wake_fd_, &one, sizeof one);
}

void HttpServer::stream_answer(std::uint64_t id, httplib::Response& res, bool head_only, bool keep_alive, bool http10) {
  auto gate = std::make_shared<StreamGate>();
  std::string piece = serialize_stream_head(res, keep_alive, http10);
  bool finished = head_only, failed = false;
  // Hands `piece` over once the client has taken enough of what went before; false once it is gone.
  auto flush = [&](bool more) {
    std::unique_lock<std::mutex> lock(gate->mutex);
    while (!gate->closed && !stopping_ && gate->unsent >= kMaxUnsentStream)
      gate->writable.wait_for(lock, std::chrono::milliseconds(200));
    if (gate->closed || stopping_) return false;
    gate->unsent += piece.size();
    lock.unlock();
    complete({id, std::move(piece), keep_alive && !failed, more, gate});
    piece.clear();
    return true;
  };
  httplib::DataSink sink;
  sink.write = [&](const char* data, std::size_t size) {
    if (size) append_chunk(piece, data, size, http10);
    return piece.size() < kStreamPiece || flush(true);
  };
  sink.done = [&] { finished = true; };
  sink.is_writable = [&] {
    std::lock_guard<std::mutex> lock(gate->mutex);
    return !gate->closed;
  };
  std::size_t offset = 0;
  try {
    while (!finished && sink.is_writable()) {
      if (!res.content_provider_(offset, 0, sink)) {
        failed = true;  // the body is cut short: the connection closes, the client sees no last chunk
        break;
      }
      offset += 1;
    }
  } catch (...) {
    failed = true;
  }
  res.content_provider_success_ = finished && !failed;
  if (finished && !failed && !head_only) append_chunk(piece, nullptr, 0, http10);
  flush(false);
}

bool HttpServer::make_room(const std::string& address, bool force) {
  auto held = per_address_.find(address);  // `address` is a client_address_key()
  const bool over_address =
      !force && held != per_address_.end() && held->second >= options_.max_connections_per_address;
  const bool over_total = force || connections_.size() - to_close_.size() >= options_.max_connections;
  if (!over_address && !over_total) return true;
  // The oldest connection that is not being answered: draining first, then idle, then half-sent.
  Connection* victim = nullptr;
  // An answer being read counts from when its writing began: a slow reader is the last to go.
  auto rank = [](const Connection& c) {
    if (c.state == Connection::State::Draining) return 0;
    if (c.state == Connection::State::Reading && !c.parser.started()) return 1;
    if (c.state == Connection::State::Writing) return 3;
    return 2;
  };
  for (auto& [id, c] : connections_) {
    if (c->closed || c->state == Connection::State::Handling) continue;
    if (over_address && c->address_key != address) continue;
    auto started = [](const Connection& x) {
      return x.state == Connection::State::Writing ? x.answer_started_ms : x.since_ms;
    };
    auto older = [&](const Connection& a, const Connection& b) {  // ids break ties within a millisecond
      return started(a) != started(b) ? started(a) < started(b) : a.id < b.id;
    };
    if (!victim || rank(*c) < rank(*victim) || (rank(*c) == rank(*victim) && older(*c, *victim))) victim = c.get();
  }
  if (!victim) return false;
  close(*victim);
  return true;
}

void HttpServer::accept_all(std::int64_t now) {
  for (;;) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    int fd = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      // Out of descriptors: free one and try again (the pending ones would wait for a new edge).
      if ((errno == EMFILE || errno == ENFILE) && make_room("", true)) continue;
      return;
    }
    auto c = std::make_unique<Connection>(options_.limits);  // owns fd from here on, whatever fails
    c->fd = fd;
    c->peer.remote_addr = address_text(addr, c->peer.remote_port);
    sockaddr_storage local{};
    socklen_t local_len = sizeof local;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) == 0)
      c->peer.local_addr = address_text(local, c->peer.local_port);
    c->address_key = client_address_key(c->peer.remote_addr);
    if (!make_room(c->address_key, false)) {
      // Every connection that could make room is being answered: refuse this one, in words where
      // the connection is plain HTTP (a TLS client would not read them).
      if (!options_.tls) {
        auto held = per_address_.find(c->address_key);
        bool address_full = held != per_address_.end() && held->second >= options_.max_connections_per_address;
        std::string busy =
            protocol_error_response(503, address_full ? "Too many connections from this address."
                                                      : "The server has too many connections; try again shortly.");
        [[maybe_unused]] auto ignored = ::send(fd, busy.data(), busy.size(), MSG_NOSIGNAL);
      }
      continue;
    }
    int yes = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    c->id = next_id_++;
    c->since_ms = now;
    if (options_.tls) {
      c->ssl = SSL_new(options_.tls);
      if (!c->ssl || SSL_set_fd(c->ssl, fd) != 1) continue;
      SSL_set_accept_state(c->ssl);
      c->state = Connection::State::Handshake;
    }
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    ev.data.u64 = c->id;
    if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev) != 0) continue;
    ++per_address_[c->address_key];
    ++open_connections_;
    connections_.emplace(c->id, std::move(c));
  }
}

void HttpServer::pump(Connection& c, std::int64_t now) {
  switch (c.state) {
    case Connection::State::Handshake: handshake(c, now); break;
    case Connection::State::Writing: write_output(c, now); break;
    case Connection::State::Reading:
      if (c.out_pos < c.out.size()) write_output(c, now);  // an interim 100 Continue
      if (!c.closed) read_input(c, now);
      break;
    case Connection::State::Handling:
    case Connection::State::Draining: read_input(c, now); break;
  }
}

void HttpServer::handshake(Connection& c, std::int64_t now) {
  ERR_clear_error();
  int r = SSL_accept(c.ssl);
  if (r == 1) {
    c.state = Connection::State::Reading;
    c.since_ms = now;
    read_input(c, now);
    return;
  }
  int err = SSL_get_error(c.ssl, r);
  if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) close(c);
}

void HttpServer::read_input(Connection& c, std::int64_t now) {
  char buf[kReadChunk];
  while (!c.closed) {
    const bool busy = c.state == Connection::State::Handling || c.state == Connection::State::Writing;
    if (busy && c.in.size() >= kMaxReadAhead) return;  // resumed by finish_answer()
    long n = c.read(buf, sizeof buf);
    if (n == HttpConnection::kWouldBlock) return;
    if (n == HttpConnection::kBroken) return close(c);
    if (n == 0) {
      c.peer_closed = true;
      if (!busy) close(c);  // a half-sent request is dropped; a request in hand is still answered
      return;
    }
    if (c.state == Connection::State::Draining) {
      c.drained += static_cast<std::size_t>(n);
      if (c.drained > kMaxDrainBytes) return close(c);
      continue;
    }
    c.in.append(buf, static_cast<std::size_t>(n));
    if (c.state == Connection::State::Reading) parse_input(c, now);
  }
}

void HttpServer::parse_input(Connection& c, std::int64_t now) {
  while (!c.closed && c.state == Connection::State::Reading && !c.in.empty()) {
    const bool was_started = c.parser.started();
    std::size_t consumed = 0;
    auto status = c.parser.feed(c.in.data(), c.in.size(), consumed);
    c.in.erase(0, consumed);
    if (!was_started && c.parser.started()) c.request_started_ms = now;
    if (status != HttpRequestParser::Status::Failed && !account_body(c)) {
      release_body(c);
      c.in.clear();
      c.lingering = true;
      answer_now(c,
                 protocol_error_response(503, "The server is receiving too many request bodies; try again shortly.",
                                         options_.tls),
                 false, now);
      return;
    }
    if (status == HttpRequestParser::Status::Failed) {
      release_body(c);
      c.in.clear();
      c.lingering = true;
      answer_now(c, protocol_error_response(c.parser.error_status(), c.parser.error_message(), options_.tls), false,
                 now);
      return;
    }
    if (status == HttpRequestParser::Status::NeedMore) {
      if (c.parser.wants_continue() && !c.continue_sent) {
        c.continue_sent = true;
        c.out += kContinue;
        write_output(c, now);
      }
      return;
    }
    c.continue_sent = false;
    // The body stays counted until its answer is delivered: the job holds it until then.
    Job job{c.id, c.parser.take(), c.peer};
    bool queued = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (jobs_.size() < options_.max_queued_requests) {
        jobs_.push_back(std::move(job));
        queued = true;
      }
    }
    if (!queued) {
      release_body(c);
      c.lingering = true;  // pipelined bytes may follow: let the client read the answer first
      answer_now(c, protocol_error_response(503, "The server is busy; try again in a moment.", options_.tls), false,
                 now);
      return;
    }
    work_ready_.notify_one();
    c.state = Connection::State::Handling;
    return;
  }
}

void HttpServer::answer_now(Connection& c, std::string bytes, bool keep_alive, std::int64_t now) {
  c.out.erase(0, c.out_pos);
  c.out_pos = 0;
  c.out += bytes;
  pending_output_bytes_ += bytes.size();
  c.counted_output += bytes.size();
  c.keep_alive_after = keep_alive;
  c.state = Connection::State::Writing;
  c.since_ms = c.answer_started_ms = now;
  write_output(c, now);
}

void HttpServer::write_output(Connection& c, std::int64_t now) {
  while (!c.closed && c.out_pos < c.out.size()) {
    long n = c.write(c.out.data() + c.out_pos, c.out.size() - c.out_pos);
    if (n == HttpConnection::kWouldBlock) return;
    if (n == HttpConnection::kBroken) return close(c);
    c.out_pos += static_cast<std::size_t>(n);
    if (c.state == Connection::State::Writing) c.since_ms = now;
  }
  if (c.closed) return;
  c.out.clear();
  c.out_pos = 0;
  if (c.gate && c.gate_bytes) {  // the client took the stream's pieces: the worker may send more
    std::lock_guard<std::mutex> lock(c.gate->mutex);
    c.gate->unsent -= std::min(c.gate->unsent, c.gate_bytes);
    c.gate->writable.notify_all();
    // Written out: no longer part of the answers held for slow readers.
    pending_output_bytes_ -= std::min(pending_output_bytes_, c.gate_bytes);
    c.counted_output -= std::min(c.counted_output, c.gate_bytes);
    c.gate_bytes = 0;
  }
  if (c.state == Connection::State::Writing && c.streaming) return;  // more pieces are coming
  if (c.state == Connection::State::Writing) finish_answer(c, now);
}

void HttpServer::finish_answer(Connection& c, std::int64_t now) {
  pending_output_bytes_ -= c.counted_output;
  c.counted_output = 0;
  c.gate.reset();
  if (c.keep_alive_after && c.peer_closed) {
    // The client has finished sending: answer what it pipelined before that, then close.
    c.state = Connection::State::Reading;
    parse_input(c, now);
    if (!c.closed && c.state == Connection::State::Reading) close(c);  // the rest can never complete
    return;
  }
  if (!c.keep_alive_after) {
    if (c.lingering && !c.peer_closed) {
      if (c.ssl && !c.tls_broken) SSL_shutdown(c.ssl);  // close_notify before the TCP half-close
      ::shutdown(c.fd, SHUT_WR);
      c.state = Connection::State::Draining;
      c.since_ms = now;
      read_input(c, now);
      return;
    }
    return close(c);
  }
  c.state = Connection::State::Reading;
  c.since_ms = now;
  parse_input(c, now);                                                         // a pipelined request already read
  if (!c.closed && c.state == Connection::State::Reading) read_input(c, now);  // reading may have paused
}

void HttpServer::deliver_completions(std::int64_t now) {
  std::vector<Completion> done;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done.swap(completions_);
  }
  for (auto& d : done) {
    auto it = connections_.find(d.id);
    if (it == connections_.end() || it->second->closed) {  // the client left meanwhile
      if (d.gate) {
        std::lock_guard<std::mutex> lock(d.gate->mutex);
        d.gate->closed = true;
        d.gate->writable.notify_all();
      }
      continue;
    }
    Connection& c = *it->second;
    try {
      if (d.gate && c.streaming && c.state == Connection::State::Writing) {  // the next piece of a stream
        c.out += d.bytes;
        c.gate_bytes += d.bytes.size();
        pending_output_bytes_ += d.bytes.size();
        c.counted_output += d.bytes.size();
        c.keep_alive_after = d.keep_alive;
        c.streaming = d.more;
        c.since_ms = now;
        write_output(c, now);
        continue;
      }
      release_body(c);  // its job is done with the body
      c.streaming = d.more;
      c.gate = d.gate;
      c.gate_bytes = d.gate ? d.bytes.size() : 0;
      answer_now(c, std::move(d.bytes), d.keep_alive, now);
    } catch (...) {
      close(c);
    }
  }
  shed_output(now);
}

std::int64_t HttpServer::deadline_of(const Connection& c) const {
  switch (c.state) {
    case Connection::State::Handshake: return c.since_ms + options_.head_timeout_ms;
    case Connection::State::Reading:
      if (!c.parser.started()) return c.since_ms + options_.idle_timeout_ms;
      if (!c.parser.head_complete()) return c.request_started_ms + options_.head_timeout_ms;
      return c.request_started_ms + options_.request_timeout_ms;
    case Connection::State::Handling: return std::numeric_limits<std::int64_t>::max();
    case Connection::State::Writing:
      return std::min<std::int64_t>(c.since_ms + options_.write_timeout_ms,
                                    c.answer_started_ms + options_.answer_timeout_ms);
    case Connection::State::Draining: return c.since_ms + kLingerMs;
  }
  return std::numeric_limits<std::int64_t>::max();
}

void HttpServer::expire(std::int64_t now) {
  for (auto& [id, c] : connections_) {
    if (c->closed || now < deadline_of(*c)) continue;
    if (c->state == Connection::State::Reading && c->parser.started()) {
      // Say why before closing; one attempt, the client may not be reading either.
      c->lingering = false;
      answer_now(*c, protocol_error_response(408, "The request did not arrive in time.", options_.tls), false, now);
    }
    if (!c->closed) close(*c);
  }
}

void HttpServer::release_body(Connection& c) {
  buffered_body_bytes_ -= c.counted_body;
  c.counted_body = 0;
}

void HttpServer::shed_output(std::int64_t now) {
  // Answers waiting for slow readers, over the budget: the one that has made no progress for
  // longest goes first (each one is a whole page or file in memory).
  while (pending_output_bytes_ > options_.max_pending_output_bytes) {
    Connection* slowest = nullptr;
    for (auto& [id, c] : connections_)
      if (!c->closed && c->state == Connection::State::Writing && (!slowest || c->since_ms < slowest->since_ms))
        slowest = c.get();
    if (!slowest || now - slowest->since_ms < 1000) return;  // nobody is slow: the budget is only a guard
    close(*slowest);
  }
}

bool HttpServer::account_body(Connection& c) {
  std::size_t now_held = c.parser.body_bytes();
  // A Content-Length body is counted whole as soon as it is announced: it will arrive.
  now_held = std::max<std::size_t>(now_held, static_cast<std::size_t>(c.parser.announced_length()));
  buffered_body_bytes_ += now_held - c.counted_body;
  c.counted_body = now_held;
  return buffered_body_bytes_ <= options_.max_buffered_body_bytes;
}

void HttpServer::close(Connection& c) {
  if (c.closed) return;
  c.closed = true;
  if (c.gate) {  // a worker streaming to this connection stops
    std::lock_guard<std::mutex> lock(c.gate->mutex);
    c.gate->closed = true;
    c.gate->writable.notify_all();
  }
  if (c.ssl) {
    if (c.state != Connection::State::Handshake && !c.tls_broken) SSL_shutdown(c.ssl);  // close_notify
    SSL_free(c.ssl);
    c.ssl = nullptr;
  }
  if (c.fd >= 0) ::close(c.fd);  // also leaves the epoll set
  c.fd = -1;
  auto it = per_address_.find(c.address_key);
  if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
  release_body(c);
  pending_output_bytes_ -= c.counted_output;
  c.counted_output = 0;
  --open_connections_;
  to_close_.push_back(c.id);
}

}  // namespace roster::server
