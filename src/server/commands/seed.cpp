#include "server/commands/seed.h"

#include "server/base/clock.h"

#include "model/device.h"
#include "model/password_hash.h"
#include "model/sha256.h"
#include "model/utf8.h"
#include "server/db/schema.h"
#include "server/commands/seed_pools.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <unordered_map>

namespace roster::server {

const char* const kDemoPassword = "roster-demo";

namespace {

using pools::Script;

// splitmix64: tiny, fast and the same on every platform, so a seed always gives the same data.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::int64_t range(std::int64_t lo, std::int64_t hi) {  // inclusive
    if (hi <= lo) return lo;
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
  bool chance(double p) { return unit() < p; }
  template <class T>
  const T& pick(const T* items, std::size_t count) {
    return items[next() % count];
  }
  std::string token(std::size_t length) {
    static const char* kChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string out(length, ' ');
    for (auto& c : out) c = kChars[next() % 62];
    return out;
  }

 private:
  std::uint64_t state_;
};

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kHour = 3'600'000;

struct OrgRow {
  std::int32_t id, parent;
  std::string name;
  const pools::Place* place;
  std::vector<std::int32_t> tag_ids;
};

const char* role_name(int role_id) { return role_id == 1 ? "Admin" : role_id == 2 ? "Staff" : "User"; }

struct UserPlan {
  std::string name, email, status, phone, nick, title, password_hash;
  int role_id = 3;
  const OrgRow* org = nullptr;
  const pools::Place* place = nullptr;
  const char* locale = nullptr;  // the person's own language, when not their place's
  std::int64_t registered = 0, last_login = 0;
  bool is_dev = false;
};

class Seeder {
 public:
  Seeder(Database& db, const SeedOptions& o, SeedResult& r) : db_(db), opt_(o), res_(r), rnd_(o.seed) {}

  bool run(std::string& error) {
    // Bulk writes and index builds want a larger page cache than a serving connection keeps.
    if (!db_.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536; BEGIN;") ||
        !create_tables(db_) || !write_meta() || !write_roles() || !write_templates() || !write_orgs() ||
        !write_users() || !db_.exec("COMMIT;") || !create_indexes(db_) || !db_.exec("PRAGMA journal_mode=WAL;")) {
      error = "seeding failed: " + db_.error();
      return false;
    }
    return true;
  }

 private:
  bool write_meta() {
    auto st = db_.prepare("INSERT INTO meta(key, value) VALUES (?, ?)");
    st.bind(1, std::string("schema_version")).bind(2, std::to_string(kSchemaVersion));
    if (!st.run()) return false;
    st.reset();
    st.bind(1, std::string("seeded_at")).bind(2, std::to_string(now_));
    return st.run();
  }

  bool write_roles() {
    return db_.exec(R"SQL(
      INSERT INTO roles(id, name, permissions) VALUES
        (1, 'Admin', '["users.view","users.edit","users.invite","devices.view","orgs.view"]'),
        (2, 'Staff', '["users.view","devices.view","orgs.view"]'),
        (3, 'User',  '["self.view"]');
    )SQL");
  }

  bool write_templates() {
    auto st = db_.prepare("INSERT INTO templates(id, name, board_type) VALUES (?, ?, ?)");
    for (std::size_t i = 0; i < pools::kTemplateCount; ++i) {
      st.reset();
      st.bind(1, static_cast<std::int64_t>(i + 1))
          .bind(2, std::string(pools::kTemplates[i].name))
          .bind(3, std::string(pools::kTemplates[i].board_type));
      if (!st.run()) return false;
    }
    return true;
  }

  // Root (level 1), about sqrt(M-1) level-2 organisations, the rest at level 3 under them.
  bool write_orgs() {
    const std::int32_t m = opt_.orgs;
    std::int32_t level2 = std::max<std::int32_t>(1, static_cast<std::int32_t>(std::lround(std::sqrt(m - 1.0))));
    level2 = std::min(level2, m - 2);
    auto st = db_.prepare(
        "INSERT INTO orgs(id, name, description, parent_id, tz, unit_system, phone, full_address, city, country,"
        " state, zip, last_modified_ts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    auto tag_st = db_.prepare("INSERT INTO tags(id, org_id, name, color) VALUES (?,?,?,?)");
    std::int32_t tag_id = 0;
    for (std::int32_t id = 1; id <= m; ++id) {
      OrgRow org;
      org.id = id;
      org.parent = id == 1 ? 0 : id <= 1 + level2 ? 1 : 2 + static_cast<std::int32_t>((id - 2 - level2) % level2);
      org.place = &pools::kPlaces[rnd_.next() % pools::kPlaceCount];
      if (id == 1) {
        org.name = "Roster Demo Corp";
        org.place = &pools::kPlaces[0];
      } else {
        org.name = std::string(rnd_.pick(pools::kOrgWords, pools::kOrgWordCount)) + " " +
                   rnd_.pick(pools::kOrgKinds, pools::kOrgKindCount) + " " + std::to_string(id);
      }
      std::string phone = "+" + std::string(org.place->phone_code) + std::to_string(rnd_.range(200000000, 999999999));
      std::string street = std::to_string(rnd_.range(1, 220)) + " Main Street";
      st.reset();
      st.bind(1, static_cast<std::int64_t>(id))
          .bind(2, org.name)
          .bind(3, std::string(id == 1 ? "Head office of the demo organisation tree" : "Customer organisation"))
          .bind(4, static_cast<std::int64_t>(org.parent))
          .bind(5, std::string(org.place->tz))
          .bind(6, std::string(std::string(org.place->country) == "United States" ? "IMPERIAL" : "METRIC"))
          .bind(7, phone)
          .bind(8, street + ", " + org.place->city + ", " + org.place->country)
          .bind(9, std::string(org.place->city))
          .bind(10, std::string(org.place->country))
          .bind(11, std::string(""))
          .bind(12, std::to_string(rnd_.range(10000, 99999)))
          .bind(13, now_ - rnd_.range(0, 400) * kDay);
      if (!st.run()) return false;
      // Five tags per organisation, from a shuffled start in the pool.
      std::size_t start = rnd_.next() % pools::kTagCount;
      for (std::size_t k = 0; k < 5; ++k) {
        const auto& t = pools::kTags[(start + k) % pools::kTagCount];
        tag_st.reset();
        tag_st.bind(1, static_cast<std::int64_t>(++tag_id))
            .bind(2, static_cast<std::int64_t>(id))
            .bind(3, std::string(t.name))
            .bind(4, std::string(t.color));
        if (!tag_st.run()) return false;
        org.tag_ids.push_back(tag_id);
      }
      orgs_.push_back(std::move(org));
    }
    res_.orgs = m;
    return true;
  }

  void plan_random_user(UserPlan& u, std::int64_t id) {
    u.org = &orgs_[rnd_.next() % orgs_.size()];
    // Most people live where their organisation is; a quarter elsewhere.
    u.place = rnd_.chance(0.75) ? u.org->place : &pools::kPlaces[rnd_.next() % pools::kPlaceCount];
    const auto& names = pools::names_for(u.place->script);
    const auto& first = names.first[rnd_.next() % names.first_count];
    const auto& last = names.last[rnd_.next() % names.last_count];
    u.name = std::string(first.native) + " " + last.native;
    u.email = std::string(first.latin) + "." + last.latin + "." + std::to_string(id) + "@example.com";
    double r = rnd_.unit();
    u.role_id = r < 0.03 ? 1 : r < 0.15 ? 2 : 3;
    double s = rnd_.unit();
    u.status = s < 0.62 ? "Active" : s < 0.82 ? "Inactive" : s < 0.94 ? "Pending" : "Suspended";
    u.is_dev = u.role_id == 1 && rnd_.chance(0.3);
    u.title = rnd_.pick(pools::kTitles, pools::kTitleCount);
    u.nick = rnd_.chance(0.5) ? std::string(first.latin) + "-" + std::to_string(rnd_.range(1, 99)) : "";
    u.phone = rnd_.chance(0.7)
                  ? "+" + std::string(u.place->phone_code) + std::to_string(rnd_.range(100000000, 999999999))
                  : "";
    // Times follow the status: Pending invited within 30 days and never signed in; Active signed in
    // within the last month; Inactive not for over a month; Suspended any time.
    if (u.status == "Pending") {
      u.registered = now_ - rnd_.range(0, 29 * 24) * kHour - rnd_.range(0, 3599) * 1000;
      u.last_login = 0;
    } else {
      u.registered = now_ - rnd_.range(35, 3 * 365) * kDay - rnd_.range(0, 86399) * 1000;
      std::int64_t oldest = u.status == "Active" ? std::max(u.registered, now_ - 30 * kDay) : u.registered;
      std::int64_t newest = u.status == "Inactive" ? now_ - 31 * kDay : now_;
      if (oldest > newest) oldest = newest - kDay;
      u.last_login = rnd_.range(oldest, newest);
      if (u.last_login < u.registered) u.last_login = u.registered + kHour;
    }
  }

  // The statements every user's rows go through (prepared once: a million users).
  struct UserStatements {
    Statement user, device, action;
    bool ok() const { return user.ok() && device.ok() && action.ok(); }
  };

  bool write_users() {
    UserStatements st{
        db_.prepare(
            "INSERT INTO users(id, email, name, name_fold, role_id, org_id, org_name, is_dev, title, nick_name, phone,"
            " tz, locale, status, last_modified_ts, last_logged_at, registered_at, country, city, devices_count,"
            " tag_ids, password_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        db_.prepare("INSERT INTO devices(id, template_id, org_id, name, token, activated_at, owner_user_id, fw_version,"
                    " online, first_connect_time, connect_time, disconnect_time, last_received_event_at,"
                    " lifecycle_event_id, lifecycle_name, lifecycle_color) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        db_.prepare(
            "INSERT INTO actions_log(user_id, ts, org_id, client, action_name, action_code) VALUES (?,?,?,?,?,?)")};
    if (!st.ok()) return false;
    for (std::int64_t id = 1; id <= opt_.users; ++id) {
      UserPlan u;
      const bool demo = id <= kDemoAccounts;
      if (demo)
        plan_demo_user(u, id);
      else
        plan_random_user(u, id);
      const int devices = device_count(u, demo);
      if (!insert_user(st.user, id, u, devices) || !write_devices(st.device, id, u, devices) ||
          !write_actions(st.action, id, u, demo))
        return false;
    }
    res_.users = opt_.users;
    return write_oauth_client();
  }

  // Admin and Staff in the root organisation; the User in a level-3 organisation.
  void plan_demo_user(UserPlan& u, std::int64_t id) {
    struct Demo {
      const char* email;
      const char* name;
      int role;
      std::size_t org_index;
      std::size_t place_index;
    };
    const Demo demos[kDemoAccounts] = {{"admin@roster.demo", "Olena Koval", 1, 0, 0},
                                       {"staff@roster.demo", "Γιώργος Παπαδόπουλος", 2, 0, 5},
                                       {"user@roster.demo", "Łukasz Nowak", 3, orgs_.size() - 1, 7}};
    const Demo& d = demos[id - 1];
    u.name = d.name;
    u.email = d.email;
    u.role_id = d.role;
    u.org = &orgs_[d.org_index];
    u.place = &pools::kPlaces[d.place_index];
    u.status = "Active";
    u.registered = now_ - 400 * kDay;
    u.last_login = now_ - (id + 1) * kHour;
    u.title = d.role == 1 ? "Administrator" : d.role == 2 ? "Support Specialist" : "Owner";
    u.nick = std::string(d.role == 1 ? "olena" : d.role == 2 ? "giorgos" : "lukasz");
    u.phone = "+" + std::string(u.place->phone_code) + "501234567";
    u.password_hash = blynk_password_hash(u.email, kDemoPassword);
    u.is_dev = d.role == 1;
    // The demo admin works in English (the console speaks a person's own language first: README,
    // "Languages"); the other two have languages the console does not ship, so their browser's decides.
    if (d.role == 1) u.locale = "en_US";
    res_.accounts.push_back({u.email, kDemoPassword, role_name(u.role_id), u.name, id, u.org->id});
  }

  // Invited people have none; others 0..6, most one or two; the demo accounts three.
  int device_count(const UserPlan& u, bool demo) {
    if (u.status == "Pending") return 0;
    const double d = rnd_.unit();
    const int n = d < 0.25 ? 0 : d < 0.60 ? 1 : d < 0.80 ? 2 : d < 0.90 ? 3 : static_cast<int>(rnd_.range(4, 6));
    return demo ? 3 : n;
  }

  bool insert_user(Statement& st, std::int64_t id, const UserPlan& u, int devices) {
    std::string tag_ids;
    const int tag_count = rnd_.chance(0.4) ? static_cast<int>(rnd_.range(1, 3)) : 0;
    for (int k = 0; k < tag_count; ++k) {
      std::int32_t t = u.org->tag_ids[(id + k) % u.org->tag_ids.size()];
      tag_ids += (k ? "," : "") + std::to_string(t);
    }
    st.reset();
    st.bind(1, id)
        .bind(2, u.email)
        .bind(3, u.name)
        .bind(4, utf8::to_lower(u.name))
        .bind(5, static_cast<std::int64_t>(u.role_id))
        .bind(6, static_cast<std::int64_t>(u.org->id))
        .bind(7, u.org->name)
        .bind(8, static_cast<std::int64_t>(u.is_dev))
        .bind(9, u.title)
        .bind(10, u.nick)
        .bind(11, u.phone)
        .bind(12, std::string(u.place->tz))
        .bind(13, std::string(u.locale ? u.locale : u.place->locale))
        .bind(14, u.status)
        .bind(15, std::max(u.registered, u.last_login))
        .bind(16, u.last_login)
        .bind(17, u.registered)
        .bind(18, std::string(u.place->country))
        .bind(19, std::string(u.place->city))
        .bind(20, static_cast<std::int64_t>(devices))
        .bind(21, tag_ids);
    if (u.password_hash.empty())
      st.bind_null(22);
    else
      st.bind(22, u.password_hash);
    return st.run();
  }

  // Names as fleets have them, nearly all distinct: a room, the kind of device, the place and a number
  // ("Kitchen Smart Plug, Lviv 12"), counted per room, kind and place.
  std::string device_name(const UserPlan& u, const pools::Template& tpl) {
    std::string name =
        std::string(rnd_.pick(pools::kRooms, pools::kRoomCount)) + " " + tpl.device_noun + ", " + u.place->city;
    return name + " " + std::to_string(++device_names_[name]);
  }

  bool write_devices(Statement& st, std::int64_t owner, const UserPlan& u, int devices) {
    for (int k = 0; k < devices; ++k) {
      const auto& tpl = pools::kTemplates[rnd_.next() % pools::kTemplateCount];
      bool online = rnd_.chance(u.status == "Active" ? 0.55 : 0.1);
      std::int64_t activated = rnd_.range(u.registered, std::max(u.registered, now_ - kDay));
      std::int64_t last_event = online ? now_ - rnd_.range(1, 40) * 1000 : rnd_.range(activated, now_ - kHour);
      std::int64_t connect = online ? last_event - rnd_.range(1, 72) * kHour : rnd_.range(activated, last_event);
      st.reset();
      st.bind(1, ++device_id_)
          .bind(2, static_cast<std::int64_t>((&tpl - pools::kTemplates) + 1))
          .bind(3, static_cast<std::int64_t>(u.org->id))
          .bind(4, device_name(u, tpl))
          .bind(5, rnd_.token(32))
          .bind(6, activated)
          .bind(7, owner)
          .bind(8, "1." + std::to_string(rnd_.range(0, 4)) + "." + std::to_string(rnd_.range(0, 12)))
          .bind(9, static_cast<std::int64_t>(online))
          .bind(10, activated + rnd_.range(1, 600) * 1000)
          .bind(11, std::max(connect, activated))
          .bind(12, online ? std::max(connect, activated) - rnd_.range(1, 48) * kHour : last_event + 1000)
          .bind(13, last_event)
          .bind(14, static_cast<std::int64_t>(online ? 2 : 1))
          .bind(15, std::string(online ? "Running" : "Installed"))
          .bind(16, std::string(online ? "#1FA37A" : "#868E96"));
      if (!st.run()) return false;
    }
    res_.devices += devices;
    return true;
  }

  // Actions log over the last 90 days; the demo accounts get entries from all eight clients, two
  // Active users per organisation thousands (write_busy_actions).
  bool write_actions(Statement& st, std::int64_t id, const UserPlan& u, bool demo) {
    int actions = 0;
    if (demo)
      actions = 40;
    else if (u.status != "Pending")
      actions = static_cast<int>(rnd_.range(0, 6));
    std::int64_t from = std::max(u.registered, now_ - 90 * kDay);
    for (int k = 0; k < actions; ++k) {
      std::size_t client = demo ? k % 8 : static_cast<std::size_t>(rnd_.next() % 8);
      const auto& action = client == 4                    ? pools::kActions[8]  // Automation
                           : (client == 5 || client == 6) ? pools::kActions[2]  // voice assistants
                                                          : pools::kActions[rnd_.next() % pools::kActionCount];
      if (!insert_action(st, id, rnd_.range(from, now_), u, client, action)) return false;
    }
    res_.actions += actions;
    if (!demo && u.status == "Active" && busy_per_org_[u.org->id] < kBusyPerOrg) {
      ++busy_per_org_[u.org->id];
      if (!write_busy_actions(st, id, u)) return false;
    }
    return true;
  }

  // The OAuth client of the root organisation: id and secret from the seed; only a hash is stored.
  bool write_oauth_client() {
    res_.client_id = "roster-" + hex_encode(rnd_.token(4));
    res_.client_secret = rnd_.token(40);
    auto sha = sha256(res_.client_secret);
    auto oc = db_.prepare("INSERT INTO oauth_clients(client_id, secret_hash, org_id) VALUES (?, ?, 1)");
    oc.bind(1, res_.client_id).bind(2, hex_encode(std::string(sha.begin(), sha.end())));
    return oc.run();
  }

  // One row of the actions log (the statement inserts user, ts, organization, client, name, code).
  bool insert_action(Statement& act_st, std::int64_t id, std::int64_t ts, const UserPlan& u, std::size_t client,
                     const pools::Action& action) {
    act_st.reset();
    act_st.bind(1, id)
        .bind(2, ts)
        .bind(3, static_cast<std::int64_t>(u.org->id))
        .bind(4, std::string(kActionClients[client]))
        .bind(5, std::string(action.name))
        .bind(6, std::string(action.code));
    return act_st.run();
  }

  // An integration or a shared account: thousands of actions over the last 90 days, mostly from the
  // HTTP API and automations. From a random stream of its own, so that every other row of the seed is
  // the same as without busy users.
  bool write_busy_actions(Statement& act_st, std::int64_t id, const UserPlan& u) {
    // Client weights (the order of kActionClients): Android, iOS, Web, HTTPS API, Automation, Alexa,
    // Google Home, Other.
    static const int kWeights[8] = {10, 10, 10, 35, 25, 4, 4, 2};
    const int actions = static_cast<int>(busy_rnd_.range(kBusyActionsMin, kBusyActionsMax));
    const std::int64_t from = std::max(u.registered, now_ - 90 * kDay);
    for (int k = 0; k < actions; ++k) {
      std::int64_t roll = busy_rnd_.range(0, 99);
      std::size_t client = 0;
      while (roll >= kWeights[client]) roll -= kWeights[client++];
      const auto& action = client == 4                    ? pools::kActions[8]  // Automation
                           : (client == 5 || client == 6) ? pools::kActions[2]  // voice assistants
                           : client == 3 && busy_rnd_.chance(0.7)
                               ? pools::kActions[2]  // an integration mostly controls devices
                               : pools::kActions[busy_rnd_.next() % pools::kActionCount];
      if (!insert_action(act_st, id, busy_rnd_.range(from, now_), u, client, action)) return false;
    }
    res_.actions += actions;
    res_.busy_users.push_back(id);
    return true;
  }

  static constexpr std::int64_t kDemoAccounts = 3;
  static constexpr int kBusyPerOrg = 2;
  // Above 5,000 with room to spare: counted from a later "now" (the seed rounds its time down to the hour,
  // and the database is read afterwards), a 90-day window leaves out the first hours.
  static constexpr std::int64_t kBusyActionsMin = 5200, kBusyActionsMax = 6200;

  Database& db_;
  const SeedOptions& opt_;
  SeedResult& res_;
  Random rnd_;
  Random busy_rnd_{opt_.seed ^ 0xB05E5EEDULL};
  std::unordered_map<std::int32_t, int> busy_per_org_;
  std::vector<OrgRow> orgs_;
  std::int64_t device_id_ = 0;
  std::unordered_map<std::string, int> device_names_;  // devices so far by room, kind and place
  std::int64_t now_ = opt_.now_ms;
};

}  // namespace

bool seed_database(const SeedOptions& options, SeedResult& result, std::string& error) {
  auto started = std::chrono::steady_clock::now();
  if (options.users < 3) {
    error = "--users must be at least 3 (the demo accounts)";
    return false;
  }
  if (options.orgs < 3) {
    error = "--orgs must be at least 3 (a three-level tree)";
    return false;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(options.db_path, ec)) {
    if (!options.force) {
      error = options.db_path + " already exists; pass --force to replace it";
      return false;
    }
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(options.db_path + suffix, ec);
  }
  SeedOptions opt = options;
  if (opt.now_ms == 0) {
    const std::int64_t now = now_ms();
    opt.now_ms = now - now % kHour;
  }
  Database db(opt.db_path, true);
  if (!db.ok()) {
    error = "cannot create " + opt.db_path + ": " + db.error();
    return false;
  }
  Seeder seeder(db, opt, result);
  if (!seeder.run(error)) return false;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return true;
}

}  // namespace roster::server
