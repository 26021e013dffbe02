// Prints p50/p95/p99 latency of roster-server's search and list calls, one client over keep-alive
// HTTP on 127.0.0.1, the way the console calls them. Queries are substrings of real users' names,
// emails and cities, sampled from the database under test, so they match like a person's typing does.
//
//   api_latency_bench --port 8080 --client-id ID --client-secret SECRET [--requests 400] [--seed 1]
#include "model/utf8.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace {

struct Options {
  int port = 8080;
  std::string client_id, client_secret;
  int requests = 400;
  unsigned seed = 1;
};

std::string url_encode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.')
      out += static_cast<char>(c);
    else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

struct Series {
  explicit Series(std::string n) : name(std::move(n)) {}
  std::string name;
  std::vector<double> ms;
  long long rows = 0;
  void print() {
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
    std::printf("%-44s n=%-5zu p50=%7.2f ms  p95=%7.2f ms  p99=%7.2f ms  max=%7.2f ms  avg rows=%lld\n", name.c_str(),
                ms.size(), at(0.50), at(0.95), at(0.99), ms.back(), rows / static_cast<long long>(ms.size()));
  }
};

// A substring of 3..6 characters (code points) of `text`, lower-cased as a person might type it.
std::string fragment(const std::string& text, std::mt19937& rng) {
  std::vector<char32_t> cps;
  if (!roster::utf8::decode(roster::utf8::to_lower(text), cps) || cps.size() < 3) return "";
  std::size_t len = std::min<std::size_t>(cps.size(), 3 + rng() % 4);
  std::size_t start = rng() % (cps.size() - len + 1);
  std::string out;
  for (std::size_t i = start; i < start + len; ++i) roster::utf8::append(out, cps[i]);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--port")
      o.port = std::stoi(v);
    else if (k == "--client-id")
      o.client_id = v;
    else if (k == "--client-secret")
      o.client_secret = v;
    else if (k == "--requests")
      o.requests = std::stoi(v);
    else if (k == "--seed")
      o.seed = static_cast<unsigned>(std::stoul(v));
    else {
      std::fprintf(stderr, "unknown argument %s\n", k.c_str());
      return 2;
    }
  }
  httplib::Client http("127.0.0.1", o.port);
  http.set_keep_alive(true);
  http.set_tcp_nodelay(true);
  http.set_read_timeout(60, 0);
  auto token = http.Post(
      ("/oauth2/token?grant_type=client_credentials&client_id=" + o.client_id + "&client_secret=" + o.client_secret)
          .c_str(),
      "", "text/plain");
  if (!token || token->status != 200) {
    std::fprintf(stderr, "cannot get a token from 127.0.0.1:%d\n", o.port);
    return 1;
  }
  httplib::Headers auth = {
      {"Authorization", "Bearer " + nlohmann::json::parse(token->body)["access_token"].get<std::string>()}};

  std::mt19937 rng(o.seed);
  auto get = [&](const std::string& path, Series& series) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = http.Get(path.c_str(), auth);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!r || r->status != 200) {
      std::fprintf(stderr, "%s -> %d\n", path.c_str(), r ? r->status : -1);
      std::exit(1);
    }
    series.ms.push_back(ms);
    auto j = nlohmann::json::parse(r->body, nullptr, false);
    return j;
  };

  // Sample people to build queries from.
  Series warmup{"(sampling)"};
  auto first = get("/api/v1/organization/users?includeSubOrgUsers=true&size=1", warmup);
  long long total = first["totalElements"].get<long long>();
  std::vector<std::string> texts;
  for (int i = 0; i < 40; ++i) {
    auto page = get("/api/v1/organization/users?includeSubOrgUsers=true&size=20&page=" +
                        std::to_string(rng() % std::max(1LL, total / 20)),
                    warmup);
    for (const auto& u : page["content"]) {
      texts.push_back(u["name"]);
      texts.push_back(u["email"].get<std::string>().substr(0, u["email"].get<std::string>().find('@')));
      texts.push_back(u["city"]);
    }
  }
  std::vector<std::string> queries;
  while (static_cast<int>(queries.size()) < o.requests) {
    auto q = fragment(texts[rng() % texts.size()], rng);
    if (!q.empty()) queries.push_back(q);
  }
  std::printf("roster-server at 127.0.0.1:%d, %lld users, %d requests per series (distinct queries, cold counts)\n",
              o.port, total, o.requests);

  Series search{"search, 50 rows, default order"}, search_name{"search, 50 rows, sortBy=Name"};
  Series list{"list all users, page of 50 at random offset"}, list_name{"list all users, page of 50, sortBy=Name"};
  Series list_head{"list own organization, first pages of 50"};
  for (int i = 0; i < o.requests; ++i) {
    auto r = get("/api/v1/organization/search/users?size=50&query=" + url_encode(queries[i]), search);
    search.rows += static_cast<long long>(r["content"].size());
  }
  std::shuffle(queries.begin(), queries.end(), rng);
  for (int i = 0; i < o.requests; ++i) {
    auto r = get("/api/v1/organization/search/users?size=50&sortBy=Name&query=" + url_encode(queries[i]), search_name);
    search_name.rows += static_cast<long long>(r["content"].size());
  }
  for (int i = 0; i < o.requests; ++i) {
    auto r =
        get("/api/v1/organization/users?includeSubOrgUsers=true&size=50&page=" + std::to_string(rng() % (total / 50)),
            list);
    list.rows += static_cast<long long>(r["content"].size());
  }
  for (int i = 0; i < o.requests; ++i) {
    auto r = get(
        "/api/v1/organization/users?includeSubOrgUsers=true&size=50&sortBy=Name&page=" + std::to_string(rng() % 200),
        list_name);
    list_name.rows += static_cast<long long>(r["content"].size());
  }
  for (int i = 0; i < o.requests; ++i) {
    auto r = get("/api/v1/organization/users?size=50&page=" + std::to_string(i % 20), list_head);
    list_head.rows += static_cast<long long>(r["content"].size());
  }
  search.print();
  search_name.print();
  list.print();
  list_name.print();
  list_head.print();
  return 0;
}
