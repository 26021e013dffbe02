#include "scripted_upstream.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace roster::test {

namespace {

// The head, then as many body bytes as its Content-Length says (a second at most for each read).
std::string read_request(int fd) {
  std::string in;
  char buf[4096];
  auto more = [&] {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 1000) <= 0) return false;
    auto n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    in.append(buf, static_cast<std::size_t>(n));
    return true;
  };
  while (in.find("\r\n\r\n") == std::string::npos)
    if (!more()) return in;
  const auto head_end = in.find("\r\n\r\n") + 4;
  std::size_t length = 0;
  for (const char* name : {"Content-Length: ", "content-length: "}) {
    auto at = in.find(name);
    if (at != std::string::npos && at < head_end) length = std::strtoul(in.c_str() + at + 16, nullptr, 10);
  }
  while (in.size() < head_end + length)
    if (!more()) break;
  return in;
}

}  // namespace

ScriptedUpstream::ScriptedUpstream(Script api_script, Script token_script)
    : api_script_(std::move(api_script)), token_script_(std::move(token_script)) {
  if (!token_script_)
    token_script_ = [](int fd, const std::string&) {
      write_all(fd, answer(200, std::string("{\"access_token\":\"") + kToken +
                                    "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":null}"));
    };
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(listen_fd_, 64) != 0)
    throw std::runtime_error("scripted upstream: cannot listen");
  socklen_t len = sizeof a;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  acceptor_ = std::thread([this] {
    while (!stopping_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      int fd = accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      std::lock_guard<std::mutex> lock(mutex_);
      connections_.emplace_back([this, fd] { serve(fd); });
    }
  });
}

ScriptedUpstream::~ScriptedUpstream() {
  stopping_ = true;
  acceptor_.join();
  close(listen_fd_);
  std::vector<std::thread> connections;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    connections.swap(connections_);
  }
  for (auto& t : connections) t.join();
}

void ScriptedUpstream::serve(int fd) {
  // One request a connection: the proxy opens a new one for the next.
  std::string request = read_request(fd);
  if (!request.empty()) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(request);
    }
    if (request.find(" /oauth2/token") != std::string::npos)
      token_script_(fd, request);
    else
      api_script_(fd, request);
  }
  shutdown(fd, SHUT_RDWR);
  close(fd);
}

std::vector<std::string> ScriptedUpstream::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

bool ScriptedUpstream::write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    auto n = send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::string ScriptedUpstream::answer(int status, const std::string& body, const std::string& extra_headers) {
  return "HTTP/1.1 " + std::to_string(status) +
         " X\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n" + extra_headers + "\r\n" + body;
}

}  // namespace roster::test
