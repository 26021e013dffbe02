// Prints the administration figures of issue 18 against a running roster-server (figures only, no
// assertion): bulk changes over query selections, each with the latency of the searches that another
// connection makes every --read-every-ms meanwhile, then the users CSV of the whole tree with its wall
// time and the server's resident memory before, at its peak (sampled every 5 ms) and after.
//
// Signs in as a person (POST /api/session), as the console does. The steps, in order:
//   setRole User over every user of the tree ({"query": {"includeSubOrgUsers": true}})
//   addTags (a tag of the caller's organization) over the same: other organizations' users are
//     `failed` entries (a user carries only their own organization's tags)
//   addTags (a tag of the largest organization) over that organization's users: every user changes
//   setRole Staff over that organization's users: every user changes
//   setRole Staff over every user of the tree: nearly every user changes (all but the caller and
//     each organization's last Admin)
//   users/export.csv?includeSubOrgUsers=true
// Searches at rest are measured first, for comparison.
//
//   admin_bench --port PORT --server-pid PID [--email E] [--password P] [--read-every-ms 30]
//               [--label TEXT]
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct Options {
  int port = 0;
  int server_pid = 0;
  std::string email = "admin@roster.demo", password = "roster-demo";
  int read_every_ms = 30;
  std::string label;
};

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// The server's resident memory in kB (VmRSS or VmHWM of /proc/PID/status), 0 when unreadable.
long proc_kb(int pid, const char* field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  const std::string key = std::string(field) + ":";
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(key.size()));
  return 0;
}

// Samples the server's RSS every 5 ms on its own thread; peak() since the last reset().
class RssSampler {
 public:
  explicit RssSampler(int pid) : pid_(pid), thread_([this] { loop(); }) {}
  ~RssSampler() {
    stop_ = true;
    thread_.join();
  }
  void reset() { peak_ = proc_kb(pid_, "VmRSS"); }
  long peak() const { return peak_; }

 private:
  void loop() {
    while (!stop_) {
      const long kb = proc_kb(pid_, "VmRSS");
      long seen = peak_;
      while (kb > seen && !peak_.compare_exchange_weak(seen, kb)) {}
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  int pid_;
  std::atomic<bool> stop_{false};
  std::atomic<long> peak_{0};
  std::thread thread_;
};

std::unique_ptr<httplib::Client> connect(int port) {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port);
  c->set_keep_alive(true);
  c->set_tcp_nodelay(true);
  c->set_read_timeout(900, 0);
  c->set_write_timeout(60, 0);
  return c;
}

struct Latencies {
  std::vector<double> ms;
  int errors = 0;
  double at(double q) const {  // nearest rank
    if (ms.empty()) return 0;
    auto sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = static_cast<std::size_t>(std::max(1.0, q * static_cast<double>(sorted.size()) + 0.999999));
    return sorted[std::min(sorted.size(), rank) - 1];
  }
  double max() const { return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};

// Searches as the console makes them (a page of 50), one every `every_ms` from a connection of its
// own, from start() until stop(); a search slower than the interval is followed by the next at once.
class Reader {
 public:
  Reader(int port, httplib::Headers headers, int every_ms)
      : port_(port), headers_(std::move(headers)), every_ms_(every_ms) {}
  void start() {
    stop_ = false;
    result_ = {};
    thread_ = std::thread([this] { loop(); });
  }
  Latencies stop() {
    stop_ = true;
    thread_.join();
    return result_;
  }

 private:
  void loop() {
    static const char* const kQueries[] = {"an", "mar", "son", "lee", "ol", "ann", "ri", "tin", "el", "kov"};
    auto http = connect(port_);
    std::size_t i = 0;
    auto next = Clock::now();
    while (!stop_) {
      const std::string path =
          std::string("/api/v1/organization/search/users?size=50&query=") + kQueries[i++ % std::size(kQueries)];
      const auto t0 = Clock::now();
      auto r = http->Get(path.c_str(), headers_);
      const double ms = ms_since(t0);
      if (!r || r->status != 200)
        ++result_.errors;
      else
        result_.ms.push_back(ms);
      next += std::chrono::milliseconds(every_ms_);
      if (next > Clock::now())
        std::this_thread::sleep_until(next);
      else
        next = Clock::now();
    }
  }
  int port_;
  httplib::Headers headers_;
  int every_ms_;
  std::atomic<bool> stop_{false};
  Latencies result_;
  std::thread thread_;
};

struct Row {
  std::string step;
  std::string outcome;  // matched / changed / failed, or rows and bytes
  double seconds = 0;
  Latencies reads;
  long rss_before = 0, rss_peak = 0, rss_after = 0;  // kB
};

std::string grouped(long long n) {
  std::string s = std::to_string(n), out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return out;
}

void print_table(const Options& o, const std::vector<Row>& rows) {
  std::printf("\n| %s | what | answer | wall | reads (n) | p50 | p95 | p99 | max | RSS before / peak / after |\n",
              o.label.empty() ? "step" : o.label.c_str());
  std::printf("|---|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& r : rows) {
    char wall[32] = "";
    if (r.seconds > 0) std::snprintf(wall, sizeof wall, "%.2f s", r.seconds);
    std::printf("| %s | %s | %s | %s | %zu%s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %ld / %ld / %ld MB (%+ld) |\n",
                o.label.c_str(), r.step.c_str(), r.outcome.c_str(), wall, r.reads.ms.size(),
                r.reads.errors ? (" +" + std::to_string(r.reads.errors) + " errors").c_str() : "", r.reads.at(0.50),
                r.reads.at(0.95), r.reads.at(0.99), r.reads.max(), r.rss_before / 1024, r.rss_peak / 1024,
                r.rss_after / 1024, (r.rss_peak - r.rss_before) / 1024);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--port")
      o.port = std::stoi(v);
    else if (k == "--server-pid")
      o.server_pid = std::stoi(v);
    else if (k == "--email")
      o.email = v;
    else if (k == "--password")
      o.password = v;
    else if (k == "--read-every-ms")
      o.read_every_ms = std::stoi(v);
    else if (k == "--label")
      o.label = v;
    else {
      std::fprintf(stderr, "unknown argument %s\n", k.c_str());
      return 2;
    }
  }
  if (!o.port || !o.server_pid) {
    std::fprintf(stderr, "usage: admin_bench --port PORT --server-pid PID [--email E --password P]\n");
    return 2;
  }
  auto http = connect(o.port);
  auto signed_in =
      http->Post("/api/session", json{{"email", o.email}, {"password", o.password}}.dump(), "application/json");
  if (!signed_in || signed_in->status != 200) {
    std::fprintf(stderr, "cannot sign in as %s on 127.0.0.1:%d\n", o.email.c_str(), o.port);
    return 1;
  }
  const auto set_cookie = signed_in->get_header_value("Set-Cookie");
  const httplib::Headers read_headers = {{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};
  httplib::Headers write_headers = read_headers;
  write_headers.emplace("X-Requested-With", "admin-bench");
  const int own_org = json::parse(signed_in->body)["organization"]["id"].get<int>();

  auto get_json = [&](const std::string& path) {
    auto r = http->Get(path.c_str(), read_headers);
    if (!r || r->status != 200) {
      std::fprintf(stderr, "GET %s -> %d\n", path.c_str(), r ? r->status : -1);
      std::exit(1);
    }
    return json::parse(r->body);
  };
  const std::string api = "/api/v1/organization";
  // Every organization of the tree, and the one with the most users of its own.
  std::vector<int> orgs = {own_org};
  for (std::size_t i = 0; i < orgs.size(); ++i)
    for (const auto& sub : get_json(api + "/sub-organizations?orgId=" + std::to_string(orgs[i])))
      orgs.push_back(sub["id"].get<int>());
  int big = own_org;
  long long big_users = -1;
  for (int org : orgs) {
    const auto n = get_json(api + "/users?size=1&orgId=" + std::to_string(org))["totalElements"].get<long long>();
    if (n > big_users) big = org, big_users = n;
  }
  const auto all_users = get_json(api + "/users?size=1&includeSubOrgUsers=true")["totalElements"].get<long long>();
  std::printf("admin_bench: signed in as %s (organization %d); %s users in %zu organizations, the largest %d with %s\n",
              o.email.c_str(), own_org, grouped(all_users).c_str(), orgs.size(), big, grouped(big_users).c_str());

  const std::string stamp = std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1000000007);
  auto new_tag = [&](int org) {
    auto r = http->Post((api + "/tags?orgId=" + std::to_string(org)).c_str(), write_headers,
                        json{{"name", "Bench " + stamp + " " + std::to_string(org)}, {"color", "#3366CC"}}.dump(),
                        "application/json");
    if (!r || r->status != 201) {
      std::fprintf(stderr, "cannot create a tag in organization %d: %d %s\n", org, r ? r->status : -1,
                   r ? r->body.c_str() : "");
      std::exit(1);
    }
    return json::parse(r->body)["id"].get<int>();
  };
  const int own_tag = new_tag(own_org), big_tag = new_tag(big);

  RssSampler rss(o.server_pid);
  Reader reader(o.port, read_headers, o.read_every_ms);
  std::vector<Row> rows;
  {
    Row rest{"searches at rest, 3 s", "", 0, {}, 0, 0, 0};
    rss.reset();
    rest.rss_before = proc_kb(o.server_pid, "VmRSS");
    reader.start();
    std::this_thread::sleep_for(std::chrono::seconds(3));
    rest.reads = reader.stop();
    rest.rss_peak = rss.peak();
    rest.rss_after = proc_kb(o.server_pid, "VmRSS");
    rows.push_back(rest);
  }
  auto bulk = [&](const std::string& step, json body) {
    Row row{step, "", 0, {}, 0, 0, 0};
    rss.reset();
    row.rss_before = proc_kb(o.server_pid, "VmRSS");
    reader.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the reader is under way
    const auto t0 = Clock::now();
    auto r = http->Post((api + "/users/bulk").c_str(), write_headers, body.dump(), "application/json");
    row.seconds = ms_since(t0) / 1000;
    row.reads = reader.stop();
    row.rss_peak = rss.peak();
    row.rss_after = proc_kb(o.server_pid, "VmRSS");
    if (!r || r->status != 200) {
      row.outcome = "HTTP " + std::to_string(r ? r->status : -1) + (r ? " " + r->body.substr(0, 200) : "");
    } else {
      auto j = json::parse(r->body);
      row.outcome = "matched " + grouped(j["matched"].get<long long>()) + ", changed " +
                    grouped(j["changed"].get<long long>()) + ", failed " +
                    grouped(static_cast<long long>(j["failed"].size())) + " (answer " +
                    std::to_string(r->body.size() / 1024) + " KB)";
    }
    std::printf("%s: %.2f s, %s\n", step.c_str(), row.seconds, row.outcome.c_str());
    std::fflush(stdout);
    rows.push_back(row);
  };
  const json all = {{"query", {{"includeSubOrgUsers", true}}}, {"except", json::array()}};
  const json one = {{"query", {{"orgId", big}}}, {"except", json::array()}};
  bulk("setRole User, every user", {{"action", "setRole"}, {"roleId", 3}, {"selection", all}});
  bulk("addTags (own org's tag), every user", {{"action", "addTags"}, {"tagIds", {own_tag}}, {"selection", all}});
  bulk("addTags, largest org " + std::to_string(big),
       {{"action", "addTags"}, {"tagIds", {big_tag}}, {"selection", one}});
  bulk("setRole Staff, largest org " + std::to_string(big), {{"action", "setRole"}, {"roleId", 2}, {"selection", one}});
  bulk("setRole Staff, every user", {{"action", "setRole"}, {"roleId", 2}, {"selection", all}});

  {
    Row row{"export.csv, every user", "", 0, {}, 0, 0, 0};
    std::this_thread::sleep_for(std::chrono::seconds(1));
    rss.reset();
    row.rss_before = proc_kb(o.server_pid, "VmRSS");
    reader.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    long long bytes = 0, lines = 0;
    double first_byte = -1;
    const auto t0 = Clock::now();
    auto csv = connect(o.port);
    auto r = csv->Get((api + "/users/export.csv?includeSubOrgUsers=true").c_str(), read_headers,
                      [&](const char* data, std::size_t n) {
                        if (first_byte < 0) first_byte = ms_since(t0);
                        bytes += static_cast<long long>(n);
                        lines += std::count(data, data + n, '\n');
                        return true;
                      });
    row.seconds = ms_since(t0) / 1000;
    row.reads = reader.stop();
    row.rss_peak = rss.peak();
    row.rss_after = proc_kb(o.server_pid, "VmRSS");
    char outcome[160];
    std::snprintf(outcome, sizeof outcome, "HTTP %d, %s rows, %.1f MB, first byte %.0f ms", r ? r->status : -1,
                  grouped(lines - 1).c_str(), static_cast<double>(bytes) / 1e6, first_byte);
    row.outcome = outcome;
    std::printf("export: %.2f s, %s\n", row.seconds, outcome);
    rows.push_back(row);
  }
  print_table(o, rows);
  std::printf(
      "(reads: a search of 50 rows every %d ms from another connection during the step; RSS sampled every "
      "5 ms; server VmHWM at the end %ld MB)\n",
      o.read_every_ms, proc_kb(o.server_pid, "VmHWM") / 1024);
  return 0;
}
