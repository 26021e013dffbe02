// Test support: HTTP as raw bytes on a socket, for attacks a client library would normalise away
// (half-sent requests, odd framing, many headers), from a chosen loopback address (127.0.0.2 is
// another client address on the same machine); and a process's resident memory.
#pragma once

#include <cstdint>
#include <string>

namespace roster::test {

class RawConnection {
 public:
  // Connects to 127.0.0.1:`port` from `from` (any 127.x.y.z address), or to [::1]:`port` when `from`
  // is an IPv6 address (::1, the only one a loopback has).
  explicit RawConnection(int port, const std::string& from = "127.0.0.1");
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool send(const std::string& bytes);  // false once the server has closed or reset the connection
  void shutdown_write();
  // One answer: its head and Content-Length body (empty when nothing came in `timeout_ms`).
  std::string read_answer(int timeout_ms);
  // One head as it is (an interim 100 Continue included), up to its blank line; what follows stays.
  std::string read_head(int timeout_ms);
  // Everything until the server closes the connection, or `timeout_ms` passes.
  std::string read_until_closed(int timeout_ms);
  // True when the server has closed (or reset) the connection within `timeout_ms`.
  bool closed_by_server(int timeout_ms);

 private:
  enum class Arrival { Bytes, Closed, TimedOut };
  // Waits for bytes until `deadline_ms` (steady clock) and appends them to buffered_.
  Arrival receive(std::int64_t deadline_ms);

  int fd_ = -1;
  std::string buffered_;
};

// One request, its answer, the connection closed.
std::string raw_exchange(int port, const std::string& bytes, int timeout_ms = 5000);
int status_of(const std::string& answer);  // 0 when it is not an HTTP answer
std::string body_of(const std::string& answer);
std::string header_of(const std::string& answer, const std::string& name);
long resident_kb(int pid);

}  // namespace roster::test
