// Holds N slow sockets open against roster-server for D seconds, from a loopback address of its own
// (127.0.0.2 by default): each sends half a request line and then nothing, the way a slowloris does;
// when the server closes one (its head timeout), it is opened again at once. Prints how many were
// open on average and how many times the server closed one. Bounded: N <= 4096, D <= 600 s, and
// 127.0.0.0/8 only. Usage: slow_sockets --port P [--sockets 256] [--seconds 30] [--from 127.0.0.2]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

int open_slow(int port, const std::string& from) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in local{}, remote{};
  local.sin_family = remote.sin_family = AF_INET;
  inet_pton(AF_INET, from.c_str(), &local.sin_addr);
  inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
  remote.sin_port = htons(static_cast<std::uint16_t>(port));
  static const char kHalf[] = "GET /api/v1/organization/users?page=0&size=50 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0 ||
      ::send(fd, kHalf, sizeof kHalf - 1, MSG_NOSIGNAL) <= 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0, sockets = 256, seconds = 30;
  std::string from = "127.0.0.2";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--port")
      port = std::atoi(argv[i + 1]);
    else if (flag == "--sockets")
      sockets = std::atoi(argv[i + 1]);
    else if (flag == "--seconds")
      seconds = std::atoi(argv[i + 1]);
    else if (flag == "--from")
      from = argv[i + 1];
  }
  if (port <= 0 || sockets < 1 || sockets > 4096 || seconds < 1 || seconds > 600 || from.rfind("127.", 0) != 0) {
    std::fprintf(stderr, "usage: slow_sockets --port P [--sockets 1..4096] [--seconds 1..600] [--from 127.x.y.z]\n");
    return 2;
  }
  std::vector<int> fds(static_cast<std::size_t>(sockets), -1);
  auto start = std::chrono::steady_clock::now();
  long closed_by_server = 0, samples = 0, open_sum = 0;
  for (;;) {
    auto elapsed = std::chrono::steady_clock::now() - start;
    if (elapsed >= std::chrono::seconds(seconds)) break;
    int open = 0;
    for (auto& fd : fds) {
      if (fd < 0) fd = open_slow(port, from);
      if (fd >= 0) ++open;
    }
    open_sum += open;
    ++samples;
    // Wait for the server to close some (readable: its 408 or the end), at most 100 ms.
    std::vector<pollfd> polls;
    for (int fd : fds)
      if (fd >= 0) polls.push_back({fd, POLLIN, 0});
    ::poll(polls.data(), polls.size(), 100);
    for (auto& p : polls) {
      if (!(p.revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[512];
      if (::recv(p.fd, buf, sizeof buf, MSG_DONTWAIT) > 0) continue;  // its 408; the close follows
      for (auto& fd : fds)
        if (fd == p.fd) {
          ::close(fd);
          fd = -1;
          ++closed_by_server;
        }
    }
  }
  for (int fd : fds)
    if (fd >= 0) ::close(fd);
  std::printf(
      "slow sockets from %s: %d wanted, %.0f open on average over %d s, %ld closed by the server (and reopened)\n",
      from.c_str(), sockets, samples ? static_cast<double>(open_sum) / static_cast<double>(samples) : 0.0, seconds,
      closed_by_server);
  return 0;
}
