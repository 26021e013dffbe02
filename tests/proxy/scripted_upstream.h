// An upstream that misbehaves on purpose, for what a real roster-server never does: answers that
// trickle, are huge, compressed, nested without end, redirect elsewhere, echo the Authorization
// header, or tokens that claim to live for ever. Plain HTTP on 127.0.0.1 (the one upstream the
// proxy takes without TLS), one thread per connection, every request it read kept for the test.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace roster::test {

class ScriptedUpstream {
 public:
  // Writes the answer to `request` (its head and body as read) on `fd`; the connection is closed after.
  using Script = std::function<void(int fd, const std::string& request)>;
  // Token requests (/oauth2/token) get `token_script` (by default a valid token for an hour); every
  // other request `api_script`.
  explicit ScriptedUpstream(Script api_script, Script token_script = nullptr);
  ~ScriptedUpstream();
  ScriptedUpstream(const ScriptedUpstream&) = delete;
  ScriptedUpstream& operator=(const ScriptedUpstream&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> requests() const;  // every request read so far, token requests included

  static constexpr const char* kToken = "scripted-access-token-0123456789";
  // Writes all of `bytes` (false when the proxy has gone).
  static bool write_all(int fd, const std::string& bytes);
  // A whole answer: status line, Content-Type JSON, Content-Length, `extra_headers` (CRLF-ended lines).
  static std::string answer(int status, const std::string& body, const std::string& extra_headers = "");

 private:
  void serve(int fd);
  Script api_script_, token_script_;
  int listen_fd_ = -1, port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
  std::vector<std::thread> connections_;
  std::thread acceptor_;
};

}  // namespace roster::test
