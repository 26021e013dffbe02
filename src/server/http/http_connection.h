// One client connection of roster-server's HTTP server: its socket (and TLS state), where it is in
// the request-answer cycle, the bytes read and to write, and its deadlines' starting points. Only the
// server's I/O thread touches it (http_server.cpp); read() and write() never block.
#pragma once

#include "server/http/http_request_parser.h"
#include "server/http/http_wire.h"

#include <openssl/ssl.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace roster::server {

// A streamed answer's flow control, shared by the worker that produces it and the I/O thread that
// writes it: the worker waits while `unsent` is over its cap, so an export of a million rows holds
// a few pieces in memory, never the whole; `closed` tells it the client has gone.
struct StreamGate {
  std::mutex mutex;
  std::condition_variable writable;
  std::size_t unsent = 0;
  bool closed = false;
};

struct HttpConnection {
  enum class State { Handshake, Reading, Handling, Writing, Draining };
  // Results of read() and write() besides a byte count (0 from read(): the peer ended the stream).
  static constexpr long kWouldBlock = -1, kBroken = -2;

  std::uint64_t id = 0;
  int fd = -1;
  SSL* ssl = nullptr;
  PeerInfo peer;
  State state = State::Reading;
  HttpRequestParser parser;
  std::string in;   // read, not yet given to the parser
  std::string out;  // to write (an interim 100 Continue, then the answer)
  std::size_t out_pos = 0;
  bool keep_alive_after = true;  // of the answer being written
  bool lingering = false;        // drain the client's remaining bytes before closing
  bool peer_closed = false;
  bool continue_sent = false;
  bool closed = false;
  bool tls_broken = false;         // a fatal TLS or socket error: no close_notify may follow
  std::string address_key;         // what the per-address cap counts
  std::size_t counted_body = 0;    // of the server's buffered-body budget
  std::size_t counted_output = 0;  // of the server's pending-output budget
  std::int64_t answer_started_ms = 0;
  std::int64_t since_ms = 0;  // start of the phase (accept, idle, last write progress, drain)
  std::int64_t request_started_ms = 0;
  std::size_t drained = 0;
  // A streamed answer: more pieces are coming from the worker (`gate`); `gate_bytes` of `out` are
  // the stream's, not yet reported written.
  bool streaming = false;
  std::shared_ptr<StreamGate> gate;
  std::size_t gate_bytes = 0;

  explicit HttpConnection(const HttpLimits& limits) : parser(limits) {}
  // Until the server's close() has taken them, the descriptor and the TLS state are the connection's.
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  long read(char* buf, std::size_t size);
  long write(const char* data, std::size_t size);
};

}  // namespace roster::server
