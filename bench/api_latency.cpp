// Prints p50/p95/p99 latency of roster-server's search and list calls, one client over keep-alive
// HTTP on 127.0.0.1, the way the console calls them. Queries are substrings of real users' names,
// emails and cities, sampled from the database under test, so they match like a person's typing does.
// Then the Devices screen's calls (a page of 100 of every device at a random depth, by each sortBy
// label; one organisation's subtree; searches of device names) and the profile's actions log and
// histogram for busy users (found through the API: the users with the longest logs among the first
// users of a few organisations), with a quarter as many requests per series.
//
// Then user search by query shape (see search_shapes).
//
//   api_latency_bench --port 8080 --client-id ID --client-secret SECRET [--requests 400] [--seed 1]
//                     [--shapes N] [--shapes-only 1]
#include "model/utf8.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace {

struct Options {
  int port = 8080;
  std::string client_id, client_secret;
  int requests = 400;
  unsigned seed = 1;
  int shapes = -1;  // requests per search-shape series; -1: requests / 8
  bool shapes_only = false;
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

const char* const kDeviceLabels[] = {"Device Id",        "Name",   "Template",   "Owner", "Activated At",
                                     "Last Reported At", "Status", "Owner Name", "Model", "Organization Name",
                                     "Last Updated"};

using Get = std::function<nlohmann::json(const std::string&, Series&)>;
using Put = std::function<void(const std::string&, const std::string&)>;

const char* const kUserLabels[] = {"User Id",           "Name",          "Email",   "Status",        "Role",
                                   "Organization Name", "Devices Count", "Country", "Registered At", "Phone Number"};

// User search by query shape: one and two characters, all and no matches, Cyrillic and Greek, the
// sampled 3-6 character fragments; each unsorted, by every sortBy label in turn, on page 100 and
// page 5,000 (where the result has one), with the list filters, and right after a write (an edit of
// another user between requests, which drops whatever was cached).
void search_shapes(const Options& o, std::mt19937& rng, const Get& get, const Put& put,
                   const std::vector<std::string>& fragments, const std::vector<std::string>& non_latin) {
  const int n = o.shapes > 0 ? o.shapes : std::max(10, o.requests / 8);
  const std::string base = "/api/v1/organization/search/users?size=50&query=";
  struct Shape {
    const char* name;
    std::vector<std::string> queries;
  };
  const std::vector<Shape> shapes = {
      {"1 char (a, o, cyr. o)", {"a", "o", "\xD0\xBE"}},
      {"2 chars (an ma lo jo ол γι)", {"an", "ma", "lo", "jo", "\xD0\xBE\xD0\xBB", "\xCE\xB3\xCE\xB9"}},
      {"all match (@, example)", {"@", "example"}},
      {"no match (zzqx, qqq)", {"zzqx", "qqq"}},
      {"Cyrillic/Greek fragments", non_latin},
      {"3-6 char fragments", fragments}};
  std::printf("user search by query shape: %d requests per series, pages of 50, ASC or DESC at random\n", n);
  auto order = [&] { return std::string(rng() % 2 ? "ASC" : "DESC"); };
  for (const auto& shape : shapes) {
    if (shape.queries.empty()) continue;
    Series plain{std::string(shape.name) + ", unsorted"}, sorted{std::string(shape.name) + ", each sortBy"};
    Series p100{std::string(shape.name) + ", each sortBy, page 100"};
    Series p5000{std::string(shape.name) + ", each sortBy, page 5000"};
    for (int i = 0; i < n; ++i) {
      const std::string q = url_encode(shape.queries[static_cast<std::size_t>(i) % shape.queries.size()]);
      const std::string label = "&sortBy=" + url_encode(kUserLabels[i % 10]) + "&sortOrder=" + order();
      plain.rows += static_cast<long long>(get(base + q, plain)["content"].size());
      sorted.rows += static_cast<long long>(get(base + q + label, sorted)["content"].size());
      auto r = get(base + q + label + "&page=100", p100);
      p100.rows += static_cast<long long>(r["content"].size());
      if (r["totalElements"].get<long long>() > 5000 * 50)
        p5000.rows += static_cast<long long>(get(base + q + label + "&page=5000", p5000)["content"].size());
    }
    plain.print();
    sorted.print();
    p100.print();
    if (!p5000.ms.empty()) p5000.print();
  }
  const char* const kFilters[] = {"&roleId=3",
                                  "&status=Active",
                                  "&withNoDevices=true",
                                  "&status=Pending,Suspended&roleId=2",
                                  "&orgId=2&includeSubOrgUsers=true",
                                  "&orgId=2&includeSubOrgUsers=false"};
  Series filtered{"filters (role/status/no devices/org), 1-6 chars"}, deep{"filters, each sortBy, page 100"};
  for (int i = 0; i < n; ++i) {
    const auto& shape = shapes[static_cast<std::size_t>(i) % shapes.size()];
    if (shape.queries.empty()) continue;
    const std::string q = url_encode(shape.queries[rng() % shape.queries.size()]) + kFilters[i % 6];
    filtered.rows += static_cast<long long>(
        get(base + q + "&sortBy=" + url_encode(kUserLabels[i % 10]), filtered)["content"].size());
    deep.rows += static_cast<long long>(
        get(base + q + "&page=100&sortBy=" + url_encode(kUserLabels[(i + 3) % 10]), deep)["content"].size());
  }
  filtered.print();
  deep.print();
  // After a write: edit another user's name (a sort key and search text), then search.
  auto letters = [&] {
    std::string out;
    for (int i = 0; i < 6; ++i) out += static_cast<char>('a' + rng() % 26);
    return out;
  };
  Series after{"right after an edit: 1-2 chars, each sortBy"},
      after_frag{"right after an edit: fragments, each sortBy"};
  for (int i = 0; i < n; ++i) {
    put("/api/v1/organization/user?userId=" + std::to_string(100 + i), "{\"name\":\"Bench " + letters() + "\"}");
    const auto& shape = shapes[static_cast<std::size_t>(i) % 2];
    after.rows += static_cast<long long>(get(base + url_encode(shape.queries[rng() % shape.queries.size()]) +
                                                 "&sortBy=" + url_encode(kUserLabels[i % 10]) + "&sortOrder=" + order(),
                                             after)["content"]
                                             .size());
    put("/api/v1/organization/user?userId=" + std::to_string(200 + i), "{\"name\":\"Bench " + letters() + "\"}");
    after_frag.rows += static_cast<long long>(
        get(base + url_encode(fragments[rng() % fragments.size()]) + "&sortBy=" + url_encode(kUserLabels[i % 10]),
            after_frag)["content"]
            .size());
  }
  after.print();
  after_frag.print();
}

void devices_and_actions(const Options& o, std::mt19937& rng, const Get& get) {
  const int n = std::max(1, o.requests / 4);
  const std::string base = "/api/v1/organization";
  Series sampling{"(sampling)"};
  auto first = get(base + "/devices?includeSubOrgDevices=true&size=1", sampling);
  const long long total = first["totalElements"].get<long long>();
  std::printf("devices: %lld, %d requests per series, pages of 100, ASC or DESC at random\n", total, n);
  auto order = [&] { return std::string(rng() % 2 ? "ASC" : "DESC"); };

  // The first request of a label after start builds its order when the key is in another table:
  // see max.
  for (const char* label : kDeviceLabels) {
    Series series{std::string("devices, all, random depth, ") + label};
    for (int i = 0; i < n; ++i) {
      auto r = get(base + "/devices?includeSubOrgDevices=true&size=100&page=" + std::to_string(rng() % (total / 100)) +
                       "&sortBy=" + url_encode(label) + "&sortOrder=" + order(),
                   series);
      series.rows += static_cast<long long>(r["content"].size());
    }
    series.print();
  }

  // A level-2 organisation's subtree (an organisation's administrator), every label in turn.
  auto subs = get(base + "/sub-organizations?orgId=1", sampling);
  if (subs.is_array() && !subs.empty()) {
    const int org = subs[0]["id"].get<int>();
    auto one = get(base + "/devices?includeSubOrgDevices=true&size=1&orgId=" + std::to_string(org), sampling);
    const long long in_org = std::max(1LL, one["totalElements"].get<long long>());
    Series series{"devices, one subtree (" + std::to_string(in_org) + "), any label"};
    for (int i = 0; i < n; ++i) {
      auto r = get(base + "/devices?includeSubOrgDevices=true&size=100&orgId=" + std::to_string(org) +
                       "&page=" + std::to_string(rng() % std::max(1LL, in_org / 100)) +
                       "&sortBy=" + url_encode(kDeviceLabels[i % 11]) + "&sortOrder=" + order(),
                   series);
      series.rows += static_cast<long long>(r["content"].size());
    }
    series.print();
  }

  // Searches: fragments of real device names.
  std::vector<std::string> names;
  for (int i = 0; i < 10; ++i) {
    auto page =
        get(base + "/devices?includeSubOrgDevices=true&size=20&page=" + std::to_string(rng() % (total / 20)), sampling);
    for (const auto& d : page["content"]) names.push_back(d["name"]);
  }
  Series search{"device search, first page, any label"}, deep{"device search, page 10, any label"};
  for (int i = 0; i < n; ++i) {
    auto q = fragment(names[rng() % names.size()], rng);
    if (q.empty()) q = "plug";
    auto r = get(base + "/search/devices?size=100&query=" + url_encode(q) +
                     "&sortBy=" + url_encode(kDeviceLabels[i % 11]) + "&sortOrder=" + order(),
                 search);
    search.rows += static_cast<long long>(r["content"].size());
    r = get(base + "/search/devices?size=100&page=10&query=" + url_encode(q) +
                "&sortBy=" + url_encode(kDeviceLabels[(i + 5) % 11]) + "&sortOrder=" + order(),
            deep);
    deep.rows += static_cast<long long>(r["content"].size());
  }
  search.print();
  deep.print();

  // Busy users: the longest logs among the first ten users of ten organisations.
  const long long now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  const std::string window = "&from=" + std::to_string(now - 90LL * 86'400'000) + "&to=" + std::to_string(now);
  std::vector<std::pair<long long, long long>> candidates;  // (entries, user id)
  auto orgs = get(base + "/search?query=a&size=10&sortBy=User%20Count&sortOrder=DESC", sampling);
  for (const auto& org : orgs["content"]) {
    auto users = get(base + "/users?size=10&orgId=" + std::to_string(org["id"].get<int>()), sampling);
    for (const auto& u : users["content"]) {
      auto id = u["id"].get<long long>();
      auto log = get(base + "/user/actions-log?size=1&userId=" + std::to_string(id) + window, sampling);
      candidates.push_back({log["totalElements"].get<long long>(), id});
    }
  }
  std::sort(candidates.rbegin(), candidates.rend());
  candidates.resize(std::min<std::size_t>(candidates.size(), 8));
  if (candidates.empty()) return;
  std::printf("busy users: %zu, %lld..%lld actions in 90 days\n", candidates.size(), candidates.back().first,
              candidates.front().first);
  Series log{"actions log, busy user, 90 days, first 50"}, sorted{"actions log, busy user, sortBy=Client, page 20"};
  Series histogram{"histogram, busy user, 90 days, 90 buckets"}, fine{"histogram, busy user, 500 buckets"};
  Series filtered{"histogram, busy user, 2 clients + query"};
  for (int i = 0; i < n; ++i) {
    const std::string user = "&userId=" + std::to_string(candidates[i % candidates.size()].second) + window;
    log.rows += static_cast<long long>(get(base + "/user/actions-log?size=50" + user, log)["content"].size());
    sorted.rows += static_cast<long long>(
        get(base + "/user/actions-log?size=50&page=20&sortBy=Client" + user, sorted)["content"].size());
    histogram.rows += static_cast<long long>(
        get(base + "/user/actions-log/histogram?buckets=90" + user, histogram)["buckets"].size());
    fine.rows +=
        static_cast<long long>(get(base + "/user/actions-log/histogram?buckets=500" + user, fine)["buckets"].size());
    filtered.rows += static_cast<long long>(
        get(base + "/user/actions-log/histogram?buckets=90&client=HTTPS%20API&client=Automation&query=device" + user,
            filtered)["buckets"]
            .size());
  }
  log.print();
  sorted.print();
  histogram.print();
  fine.print();
  filtered.print();
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
    else if (k == "--shapes")
      o.shapes = std::stoi(v);
    else if (k == "--shapes-only")
      o.shapes_only = v == "1";
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
  std::vector<std::string> queries, non_latin;
  while (static_cast<int>(queries.size()) < o.requests) {
    auto q = fragment(texts[rng() % texts.size()], rng);
    if (!q.empty()) queries.push_back(q);
  }
  for (const auto& t : texts)  // names in Cyrillic or Greek: their first byte is a lead byte of U+0370..U+04FF
    if (!t.empty() && static_cast<unsigned char>(t[0]) >= 0xCD && static_cast<unsigned char>(t[0]) <= 0xD3)
      if (auto q = fragment(t, rng); !q.empty()) non_latin.push_back(q);
  auto put = [&](const std::string& path, const std::string& body) {
    auto r = http.Put(path.c_str(), auth, body, "application/json");
    if (!r || r->status != 200) {
      std::fprintf(stderr, "PUT %s -> %d\n", path.c_str(), r ? r->status : -1);
      std::exit(1);
    }
  };
  if (o.shapes_only) {
    search_shapes(o, rng, get, put, queries, non_latin);
    return 0;
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
  search_shapes(o, rng, get, put, queries, non_latin);
  devices_and_actions(o, rng, get);
  return 0;
}
