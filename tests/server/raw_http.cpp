#include "raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>

namespace roster::test {

namespace {

std::int64_t ms_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

RawConnection::RawConnection(int port, const std::string& from) {
  const bool v6 = from.find(':') != std::string::npos;
  fd_ = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  int bound = -1, connected = -1;
  if (v6) {
    sockaddr_in6 local{};
    local.sin6_family = AF_INET6;
    inet_pton(AF_INET6, from.c_str(), &local.sin6_addr);
    sockaddr_in6 remote{};
    remote.sin6_family = AF_INET6;
    remote.sin6_port = htons(static_cast<std::uint16_t>(port));
    inet_pton(AF_INET6, "::1", &remote.sin6_addr);
    bound = ::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local);
    if (bound == 0) connected = ::connect(fd_, reinterpret_cast<sockaddr*>(&remote), sizeof remote);
  } else {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    inet_pton(AF_INET, from.c_str(), &local.sin_addr);
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(static_cast<std::uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
    bound = ::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local);
    if (bound == 0) connected = ::connect(fd_, reinterpret_cast<sockaddr*>(&remote), sizeof remote);
  }
  if (bound != 0 || connected != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(const std::string& bytes) {
  std::size_t sent = 0;
  while (fd_ >= 0 && sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return fd_ >= 0;
}

void RawConnection::shutdown_write() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

RawConnection::Arrival RawConnection::receive(std::int64_t deadline_ms) {
  auto left = deadline_ms - ms_now();
  if (fd_ < 0 || left <= 0) return Arrival::TimedOut;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(left)) <= 0) return Arrival::TimedOut;
  char buf[65536];
  ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
  if (n <= 0) return Arrival::Closed;
  buffered_.append(buf, static_cast<std::size_t>(n));
  return Arrival::Bytes;
}

std::string RawConnection::read_until_closed(int timeout_ms) {
  auto deadline = ms_now() + timeout_ms;
  while (receive(deadline) == Arrival::Bytes) {}
  std::string out = std::move(buffered_);
  buffered_.clear();
  return out;
}

std::string RawConnection::read_answer(int timeout_ms) {
  auto deadline = ms_now() + timeout_ms;
  for (;;) {
    auto end = buffered_.find("\r\n\r\n");
    if (end != std::string::npos) {
      std::string head = buffered_.substr(0, end + 4);
      auto length_text = header_of(head, "Content-Length");
      std::size_t length = length_text.empty() ? 0 : std::stoul(length_text);
      if (status_of(head) == 100) {  // an interim answer: the real one follows
        buffered_.erase(0, end + 4);
        continue;
      }
      if (buffered_.size() >= end + 4 + length) {
        std::string answer = buffered_.substr(0, end + 4 + length);
        buffered_.erase(0, end + 4 + length);
        return answer;
      }
    }
    if (receive(deadline) != Arrival::Bytes) return {};
  }
}

std::string RawConnection::read_head(int timeout_ms) {
  auto deadline = ms_now() + timeout_ms;
  for (;;) {
    auto end = buffered_.find("\r\n\r\n");
    if (end != std::string::npos) {
      std::string head = buffered_.substr(0, end + 4);
      buffered_.erase(0, end + 4);
      return head;
    }
    if (receive(deadline) != Arrival::Bytes) return {};
  }
}

bool RawConnection::closed_by_server(int timeout_ms) {
  auto deadline = ms_now() + timeout_ms;
  for (;;) {
    switch (receive(deadline)) {
      case Arrival::Bytes: continue;  // an answer (a 408, say) before the close
      case Arrival::Closed: return true;
      case Arrival::TimedOut: return fd_ < 0;
    }
  }
}

std::string raw_exchange(int port, const std::string& bytes, int timeout_ms) {
  RawConnection c(port);
  c.send(bytes);
  return c.read_answer(timeout_ms);
}

int status_of(const std::string& answer) {
  if (answer.rfind("HTTP/1.", 0) != 0 || answer.size() < 12) return 0;
  return std::atoi(answer.c_str() + 9);
}

std::string body_of(const std::string& answer) {
  auto end = answer.find("\r\n\r\n");
  return end == std::string::npos ? std::string() : answer.substr(end + 4);
}

std::string header_of(const std::string& answer, const std::string& name) {
  std::string head = answer.substr(0, answer.find("\r\n\r\n"));
  std::string key = "\r\n" + lower(name) + ":";
  auto pos = lower(head).find(key);
  if (pos == std::string::npos) return {};
  auto start = pos + key.size();
  auto end = head.find("\r\n", start);
  std::string value = head.substr(start, end == std::string::npos ? std::string::npos : end - start);
  while (!value.empty() && value.front() == ' ') value.erase(value.begin());
  return value;
}

long resident_kb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

}  // namespace roster::test
