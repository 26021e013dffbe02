// Prints p50/p95/p99 latency of roster-server's search and list calls, one client over keep-alive
// HTTP on 127.0.0.1, the way the console calls them. Queries are substrings of real users' names,
// emails and cities, sampled from the database under test, so they match like a person's typing does.
// Then the Devices screen's calls (a page of 100 of every device at a random depth, by each sortBy
// label; one organisation's subtree; searches of device names) and the profile's actions log and
// histogram for busy users (found through the API: the users with the longest logs among the first
// users of a few organisations), with a quarter as many requests per series.
//
// Then user search by query shape (see search_shapes), the device list and device search by shape
// (see device_shapes), and the first sorted requests right after each kind of write (see
// after_writes). With --server-pid, the server's resident memory at the end.
//
//   api_latency_bench --port 8080 --client-id ID --client-secret SECRET [--requests 400] [--seed 1]
//                     [--shapes N] [--shapes-only 1] [--devices-only 1] [--server-pid PID]
#include "model/password_hash.h"
#include "model/utf8.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
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
  bool devices_only = false;
  int server_pid = 0;
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
    if (ms.empty()) return;
    std::printf("%-58s n=%-5zu p50=%7.2f ms  p95=%7.2f ms  p99=%7.2f ms  max=%7.2f ms  avg rows=%lld\n", name.c_str(),
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
// POSTs a JSON body; the status (`expect` or the run stops) and the answer.
using Post = std::function<nlohmann::json(const std::string&, const std::string&, int expect)>;

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

// The device list and device search by shape, pages of 100: the whole tree, one subtree and one
// organisation alone, first, middle and last pages, and searches of one and two characters, a
// character nearly every name holds (the space between words), no match, Cyrillic, fragments of real
// names, in a subtree, and by owner; each series takes every sortBy label in turn (and none).
void device_shapes(const Options& o, std::mt19937& rng, const Get& get) {
  const int n = o.shapes > 0 ? o.shapes : std::max(10, o.requests / 8);
  const std::string base = "/api/v1/organization";
  Series sampling{"(sampling)"};
  auto order = [&] { return std::string(rng() % 2 ? "ASC" : "DESC"); };
  auto label = [&](int i) {
    return i % 12 == 11 ? std::string() : "&sortBy=" + url_encode(kDeviceLabels[i % 12]) + "&sortOrder=" + order();
  };
  auto pages_of = [&](const std::string& path, const std::string& name) {
    const long long total = get(path + "&size=1", sampling)["totalElements"].get<long long>();
    const long long pages = std::max(1LL, (total + 99) / 100);
    Series first{name + " (" + std::to_string(total) + "), first page"};
    Series middle{name + ", middle page"}, last{name + ", last page"};
    for (int i = 0; i < n; ++i) {
      first.rows += static_cast<long long>(get(path + "&size=100" + label(i), first)["content"].size());
      if (pages > 2)
        middle.rows += static_cast<long long>(
            get(path + "&size=100&page=" + std::to_string(pages / 2) + label(i + 5), middle)["content"].size());
      if (pages > 1)
        last.rows += static_cast<long long>(
            get(path + "&size=100&page=" + std::to_string(pages - 1) + label(i + 7), last)["content"].size());
    }
    first.print();
    middle.print();
    last.print();
  };
  std::printf("devices by shape: %d requests per series, pages of 100, each sortBy in turn (and none)\n", n);
  pages_of(base + "/devices?includeSubOrgDevices=true", "devices, all");
  auto subs = get(base + "/sub-organizations?orgId=1", sampling);
  int org = 0;
  if (subs.is_array() && !subs.empty()) {
    org = subs[0]["id"].get<int>();
    pages_of(base + "/devices?includeSubOrgDevices=true&orgId=" + std::to_string(org),
             "devices, subtree of org " + std::to_string(org));
    pages_of(base + "/devices?includeSubOrgDevices=false&orgId=" + std::to_string(org),
             "devices, org " + std::to_string(org) + " alone");
  }
  std::vector<std::string> names;
  const long long total = get(base + "/devices?includeSubOrgDevices=true&size=1", sampling)["totalElements"];
  for (int i = 0; i < 10; ++i) {
    const auto page = get(
        base + "/devices?includeSubOrgDevices=true&size=20&page=" + std::to_string(rng() % std::max(1LL, total / 20)),
        sampling);
    for (const auto& d : page["content"]) names.push_back(d["name"]);
  }
  std::vector<std::string> fragments;
  for (int i = 0; i < 40; ++i)
    if (auto f = fragment(names[rng() % names.size()], rng); !f.empty()) fragments.push_back(f);
  struct Shape {
    const char* name;
    std::vector<std::string> queries;
  };
  const std::vector<Shape> shapes = {{"1 char (a, o, cyr. o)", {"a", "o", "\xD0\xBE"}},
                                     {"2 chars (pl, ht, ro)", {"pl", "ht", "ro"}},
                                     {"nearly all (space, e)", {" ", "e"}},
                                     {"no match (zzqx, qqq)", {"zzqx", "qqq"}},
                                     {"Cyrillic (ka, vit)", {"\xD0\xBA\xD0\xB0", "\xD0\xB2\xD1\x96\xD1\x82"}},
                                     {"3-6 char fragments", fragments}};
  const std::string search = base + "/search/devices?size=100&query=";
  for (const auto& shape : shapes) {
    if (shape.queries.empty()) continue;
    Series first{std::string("device search, ") + shape.name + ", first page"};
    Series p100{std::string("device search, ") + shape.name + ", page 100"};
    Series last{std::string("device search, ") + shape.name + ", last page"};
    for (int i = 0; i < n; ++i) {
      const std::string q = url_encode(shape.queries[static_cast<std::size_t>(i) % shape.queries.size()]);
      auto r = get(search + q + label(i), first);
      first.rows += static_cast<long long>(r["content"].size());
      const long long pages = (r["totalElements"].get<long long>() + 99) / 100;
      if (pages > 100)
        p100.rows += static_cast<long long>(get(search + q + "&page=100" + label(i + 3), p100)["content"].size());
      if (pages > 1)
        last.rows += static_cast<long long>(
            get(search + q + "&page=" + std::to_string(pages - 1) + label(i + 5), last)["content"].size());
    }
    first.print();
    p100.print();
    last.print();
  }
  if (org) {
    Series sub{"device search in subtree of org " + std::to_string(org) + ", 1-6 chars, random page"};
    for (int i = 0; i < n; ++i) {
      const auto& shape = shapes[static_cast<std::size_t>(i) % shapes.size()];
      if (shape.queries.empty()) continue;
      const std::string q = search + url_encode(shape.queries[rng() % shape.queries.size()]) +
                            "&includeSubOrgDevices=true&orgId=" + std::to_string(org);
      const long long pages = (get(q + "&size=1", sampling)["totalElements"].get<long long>() + 99) / 100;
      sub.rows += static_cast<long long>(
          get(q + "&page=" + std::to_string(rng() % std::max(1LL, pages)) + label(i), sub)["content"].size());
    }
    sub.print();
  }
  Series owner{"devices by owner (profile), each sortBy"};
  for (int i = 0; i < n; ++i) {
    auto u = get(base + "/users?includeSubOrgUsers=true&size=1&page=" + std::to_string(rng() % 900000), sampling);
    const std::string email = u["content"][0]["email"];
    owner.rows += static_cast<long long>(
        get(base + "/device/by-owner?size=20&ownerEmail=" + url_encode(email) + label(i), owner)["content"].size());
  }
  owner.print();
}

// The first request after each kind of write (a user's edit, a role change, an invitation, a
// transfer with the user's devices, a first sign-in), each sorted by a label in turn at a random
// page: user search (1-2 characters), the users list, and the device list (by the owner's name after
// an edit, by organisation after a transfer, any label otherwise).
void after_writes(const Options& o, std::mt19937& rng, const Get& get, const Put& put, const Post& post,
                  httplib::Client& http) {
  const int n = o.shapes > 0 ? o.shapes : std::max(10, o.requests / 8);
  const std::string base = "/api/v1/organization";
  auto order = [&] { return std::string(rng() % 2 ? "ASC" : "DESC"); };
  auto letters = [&] {
    std::string out;
    for (int i = 0; i < 6; ++i) out += static_cast<char>('a' + rng() % 26);
    return out;
  };
  const char* const kQueries[] = {"a", "o", "an", "ma", "\xD0\xBE\xD0\xBB"};
  const char* const kWrites[] = {"an edit", "a role change", "an invitation", "a transfer", "a first sign-in"};
  std::printf("right after a write: %d writes of each kind, each followed by one request per row\n", n);
  const unsigned salt = static_cast<unsigned>(rng());
  // Organisations to invite into and transfer to: those of users sampled at random (invitations are
  // limited per organisation and day).
  Series sampling{"(sampling)"};
  std::vector<int> orgs;
  for (int i = 0; i < 6; ++i) {
    const auto page =
        get(base + "/users?includeSubOrgUsers=true&size=50&page=" + std::to_string(rng() % 19000), sampling);
    for (const auto& u : page["content"]) orgs.push_back(u["orgId"].get<int>());
  }
  // Each query asked once before: these rows measure what a write costs the next request, not a
  // query's first time (the shape rows above measure that).
  for (const char* q : kQueries) get(base + "/search/users?size=50&query=" + url_encode(q), sampling);
  get(base + "/users?includeSubOrgUsers=true&size=50", sampling);
  get(base + "/devices?includeSubOrgDevices=true&size=100", sampling);
  for (int kind = 0; kind < 5; ++kind) {
    Series search{std::string("after ") + kWrites[kind] + ": user search 1-2 chars, each sortBy"};
    Series list{std::string("after ") + kWrites[kind] + ": users list, each sortBy, random page"};
    Series devices{std::string("after ") + kWrites[kind] +
                   (kind == 0   ? ": devices by Owner Name, random page"
                    : kind == 3 ? ": devices by Organization Name, random page"
                                : ": devices, each sortBy, random page")};
    for (int i = 0; i < n; ++i) {
      const std::int64_t user = 1000 + kind * 10000 + i * 7 + static_cast<std::int64_t>(salt % 5000);
      const int target = orgs[rng() % orgs.size()];
      switch (kind) {
        case 0: put(base + "/user?userId=" + std::to_string(user), "{\"name\":\"Bench " + letters() + "\"}"); break;
        case 1:
          put(base + "/users/role?userId=" + std::to_string(user) + "&roleId=" + std::to_string(1 + i % 3), "");
          break;
        case 2:
          post(base + "/users/invite",
               nlohmann::json{{"email", "bench." + letters() + std::to_string(salt) + "@invite.example"},
                              {"name", "Bench Invitee " + letters()},
                              {"roleId", 3},
                              {"orgId", orgs[static_cast<std::size_t>(i) % orgs.size()]}}
                   .dump(),
               201);
          break;
        case 3:
          post(base + "/users/transfer",
               nlohmann::json{{"userId", user}, {"targetOrgId", target}, {"roleId", 3}}.dump(), 201);
          break;
        default: {
          const std::string email = "bench.signin." + letters() + std::to_string(salt) + "@signin.example";
          post(base + "/users/create-in-org",
               nlohmann::json{{"email", email},
                              {"passwordHash", roster::blynk_password_hash(email, "Bench-pass-1")},
                              {"name", "Bench Signin " + letters()},
                              {"orgId", 1},
                              {"roleId", 3}}
                   .dump(),
               201);
          auto r = http.Post("/api/session", nlohmann::json{{"email", email}, {"password", "Bench-pass-1"}}.dump(),
                             "application/json");
          if (!r || r->status != 200) {
            std::fprintf(stderr, "sign-in -> %d\n", r ? r->status : -1);
            std::exit(1);
          }
        }
      }
      const std::string sort = "&sortBy=" + url_encode(kUserLabels[i % 10]) + "&sortOrder=" + order();
      search.rows += static_cast<long long>(
          get(base + "/search/users?size=50&query=" + url_encode(kQueries[i % 5]) + sort, search)["content"].size());
      list.rows += static_cast<long long>(
          get(base + "/users?includeSubOrgUsers=true&size=50&page=" + std::to_string(rng() % 20000) + sort,
              list)["content"]
              .size());
      const std::string device_label = kind == 0   ? "Owner Name"
                                       : kind == 3 ? "Organization Name"
                                                   : kDeviceLabels[i % 11];
      devices.rows += static_cast<long long>(
          get(base + "/devices?includeSubOrgDevices=true&size=100&page=" + std::to_string(rng() % 13000) +
                  "&sortBy=" + url_encode(device_label) + "&sortOrder=" + order(),
              devices)["content"]
              .size());
    }
    search.print();
    list.print();
    devices.print();
  }
}

void print_rss(const Options& o, const char* when) {
  if (!o.server_pid) return;
  std::ifstream status("/proc/" + std::to_string(o.server_pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0 || line.rfind("RssAnon:", 0) == 0 || line.rfind("RssFile:", 0) == 0)
      std::printf("server %s %s\n", when, line.c_str());
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
    else if (k == "--devices-only")
      o.devices_only = v == "1";
    else if (k == "--server-pid")
      o.server_pid = std::stoi(v);
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
  auto post = [&](const std::string& path, const std::string& body, int expect) {
    auto r = http.Post(path.c_str(), auth, body, "application/json");
    if (!r || r->status != expect) {
      std::fprintf(stderr, "POST %s -> %d %s\n", path.c_str(), r ? r->status : -1, r ? r->body.c_str() : "");
      std::exit(1);
    }
    return nlohmann::json::parse(r->body, nullptr, false);
  };
  if (o.shapes_only || o.devices_only) {
    if (o.shapes_only) search_shapes(o, rng, get, put, queries, non_latin);
    device_shapes(o, rng, get);
    after_writes(o, rng, get, put, post, http);
    print_rss(o, "after the run:");
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
  device_shapes(o, rng, get);
  after_writes(o, rng, get, put, post, http);
  print_rss(o, "after the run:");
  return 0;
}
