// The delay between ending a session on one proxy instance and the last other instance refusing it
// (bench/proxy_ha_bench.sh starts the set-up). Each round signs in through the balancer, sends the
// sign-out to the first instance and, the moment its answer arrives, asks every other instance with
// the same cookie until each refuses it; it prints how many requests the others still accepted after
// the sign-out had answered (the store is read at every request: none should) and the time from the
// sign-out's answer to the last refusal (the length of one request to each).
// Usage: proxy_ha_probe BALANCER_PORT EMAIL PASSWORD INSTANCE_PORT... [--rounds N]
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: proxy_ha_probe BALANCER_PORT EMAIL PASSWORD INSTANCE_PORT... [--rounds N]\n");
    return 2;
  }
  const int balancer = std::atoi(argv[1]);
  const std::string email = argv[2], password = argv[3];
  std::vector<int> instances;
  int rounds = 200;
  for (int i = 4; i < argc; ++i) {
    if (std::string(argv[i]) == "--rounds" && i + 1 < argc)
      rounds = std::atoi(argv[++i]);
    else
      instances.push_back(std::atoi(argv[i]));
  }
  std::vector<std::unique_ptr<httplib::Client>> clients;
  for (int port : instances) {
    clients.push_back(std::make_unique<httplib::Client>("127.0.0.1", port));
    clients.back()->set_keep_alive(true);
  }
  httplib::Client front("127.0.0.1", balancer);
  const std::string body = nlohmann::json{{"email", email}, {"password", password}}.dump();
  std::vector<double> delays;
  long accepted_after = 0;
  for (int r = 0; r < rounds; ++r) {
    auto in = front.Post("/api/session", body, "application/json");
    if (!in || in->status != 200) {
      std::fprintf(stderr, "proxy_ha_probe: sign-in failed (%d)\n", in ? in->status : 0);
      return 1;
    }
    std::string cookie = in->get_header_value("Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    const httplib::Headers headers = {{"Cookie", cookie}, {"X-Requested-With", "bench"}};
    for (auto& c : clients) c->Get("/api/session", headers);  // warm: each instance knows the session
    auto out = clients[0]->Delete("/api/session", headers);
    if (!out || out->status != 204) {
      std::fprintf(stderr, "proxy_ha_probe: sign-out failed\n");
      return 1;
    }
    const auto answered = std::chrono::steady_clock::now();
    for (std::size_t i = 1; i < clients.size(); ++i)
      for (;;) {
        auto r2 = clients[i]->Get("/api/session", headers);
        if (r2 && r2->status == 401) break;
        ++accepted_after;
      }
    delays.push_back(ms_since(answered));
  }
  std::sort(delays.begin(), delays.end());
  auto at = [&](double q) { return delays[std::min(delays.size() - 1, static_cast<std::size_t>(q * delays.size()))]; };
  std::printf(
      "session ended on one instance, %zu others asked: %d rounds, %ld requests accepted after the sign-out "
      "answered; last refusal after p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
      clients.size() - 1, rounds, accepted_after, at(0.5), at(0.99), delays.back());
  return 0;
}
