// The users held in memory for list and search: per user the folded search text (name, email, role
// name, "city, country", exactly what a search matches) and every sortBy key, loaded at start
// and refreshed after each committed write of a user (db/index_loader.h reads them from SQLite). Names, role names,
// locations and email domains repeat, so each is held once in a pool and a user holds its ids: a
// search tests each distinct value once, then per user looks up four flags and scans only the email's
// local part (an SSE2 substring test). The matches are a bitmap, whose popcount is the exact total; a
// page in a sortBy order walks that column's permutation (kept sorted on every write, one user moved,
// only in the columns whose key changed), testing the bitmap and stopping once the page is full.
// SQLite stays the source of truth: the page's rows are read from it.
#pragma once

#include "server/index/index_lock.h"
#include "server/index/match_bits.h"
#include "server/index/match_cache.h"
#include "server/index/packed_texts.h"
#include "server/index/sort_order.h"
#include "server/index/value_pool.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace roster::server {

// What a users sortBy label sorts by (db/users_find.cpp maps the labels); every order ends with the
// user id, in the same direction. kId needs no permutation.
enum class UserSortKey {
  kId,
  kName,
  kEmail,
  kStatus,
  kRole,
  kOrgName,
  kDevices,
  kCountry,  // the country, then the city (the Location column: "Kyiv, Ukraine")
  kRegistered,
  kPhone,
  kLastLogin  // never signed in (0) sorts after every time, ascending
};
constexpr int kUserSortKeys = 11;

// Which users a find covers; the search text already folded (roster_fold), empty for none.
struct UserIndexQuery {
  std::string folded_query;
  std::vector<std::int32_t> org_ids, role_ids;  // empty: any
  std::vector<std::string> statuses;            // empty: any
  bool no_devices = false;
  // Not signed in since this time (ms): last login before it, or never. 0: no such filter.
  std::int64_t login_before = 0;
  std::int64_t only_user_id = 0;
  UserSortKey sort = UserSortKey::kId;
  bool descending = false;
  std::int64_t offset = 0, size = 50;
};

// One user's indexed fields as read from SQLite (also what the unit tests build an index from).
struct UserIndexRow {
  std::int64_t id = 0;
  std::string name_fold, email, role_fold, location_fold, status, org_name, country, city, phone;
  std::int32_t role_id = 0, org_id = 0, devices_count = 0;
  std::int64_t registered_at = 0, last_logged_at = 0;
};

class UserIndex {
 public:
  // Fills `row` with the next user and says true, or says false at the end. The index knows no SQL:
  // db/index_loader.h reads the rows (at start, and again for one user after each write).
  using RowSource = std::function<bool(UserIndexRow& row)>;
  // Replaces the contents with the rows `next` gives; `users` and `max_id` size the arrays first
  // (one pass; the permutations are then sorted on two threads).
  void load(std::size_t users, std::int64_t max_id, const RowSource& next);
  // The same from rows (unit tests).
  void load(std::vector<UserIndexRow> rows);
  void upsert(const UserIndexRow& row);
  void erase(std::int64_t user_id);
  // Many at once (a bulk change): one write lock for the whole batch, so that readers wait for one
  // batch at most; callers keep batches small enough (about a thousand users).
  void upsert_batch(const std::vector<UserIndexRow>& rows);
  void erase_batch(const std::vector<std::int64_t>& user_ids);
  // Per organisation, the users with `role_id` whose status is not `excluded_status` (the last-Admin
  // rule); one pass over the ids.
  std::unordered_map<std::int32_t, std::int64_t> count_by_org(std::int32_t role_id,
                                                              const std::string& excluded_status) const;

  // The total and the ids of the page asked for.
  void find(const UserIndexQuery& q, std::int64_t& total, std::vector<std::int64_t>& ids) const;

  std::size_t users() const;
  // The user's folded name, "" for no such user.
  std::string name_fold(std::int64_t user_id) const;
  // Users by organisation id (an organisation without users is absent), kept by every write.
  std::unordered_map<std::int32_t, std::int64_t> per_org() const;
  // "N users indexed in T ms (read R ms, sort S ms), M MB" after a load, for the log.
  const std::string& load_report() const { return load_report_; }
  std::size_t memory_bytes() const;

 private:
  // Where a user's strings are: the email's local part (before the first '@') in locals_, the
  // phone in text_. The email's rest (from its first '@', or "" without one) is domains_[dom_].
  struct Rec {
    std::uint32_t local_off = 0, phone_off = 0, local_slot = 0;
    std::uint16_t local_len = 0, phone_len = 0;
  };
  bool alive(std::uint32_t id) const { return id < alive_.size() && alive_[id]; }
  void put(std::uint32_t id, const UserIndexRow& row);  // the fields, not the orders
  std::string_view local(std::uint32_t id) const { return locals_.text(rec_[id].local_off, rec_[id].local_len); }
  std::string_view phone(std::uint32_t id) const { return {text_.data() + rec_[id].phone_off, rec_[id].phone_len}; }
  std::string email(std::uint32_t id) const { return std::string(local(id)).append(domains_.value(dom_[id])); }
  void compact_text();
  void upsert_unlocked(const UserIndexRow& row);
  // Whether `row` changes what the index holds of user `id`, and in which orders (all for a new user).
  bool changes(std::uint32_t id, const UserIndexRow& row, bool (&changed)[kUserSortKeys]) const;
  void erase_unlocked(std::uint32_t id);
  void forget(std::uint32_t id);                       // erase_unlocked but the orders
  void reset(std::size_t users, std::int64_t max_id);  // empties, and reserves for a load
  void finish();                                       // after a load's rows: sorts the orders
  std::size_t memory_unlocked() const;
  void sort_all();
  bool less(int key, std::uint32_t a, std::uint32_t b) const;  // (key, id) ascending
  int compare_key(int key, std::uint32_t a, std::uint32_t b) const;
  void place(int key, std::uint32_t id);   // inserts id in order `key`
  void remove(int key, std::uint32_t id);  // takes id out of order `key`
  // The bitmap of matching users (bit per id) and its popcount; cached for the last few queries.
  using Matches = IndexMatches;
  std::shared_ptr<const Matches> matches(const UserIndexQuery& q) const;

  mutable IndexLock lock_;
  std::vector<std::uint8_t> mark_;  // all zero between calls: order_remove_many's scratch
  // Emails' local parts, in the order users were added (one pass over all of them is ~20 MB at 1M
  // users); a slot's owner is its user.
  PackedTexts locals_;
  // Per user, the signature of the byte pairs of the local part (pair_signature): most users skip the
  // substring test.
  std::vector<std::uint64_t> local_sig_;
  std::vector<char> text_;  // phones (an edit appends; compacted when half is old)
  std::size_t live_text_ = 0;
  std::vector<Rec> rec_;  // by user id
  std::vector<std::uint8_t> alive_;
  std::vector<std::uint8_t> status_;
  std::vector<std::int32_t> role_, org_, devices_;
  std::unordered_map<std::int32_t, std::int64_t> per_org_;
  std::vector<std::uint32_t> org_name_, country_, city_, name_, role_text_, location_, dom_;
  std::vector<std::int64_t> registered_, last_login_;
  using Pool = ValuePool;
  Pool statuses_, org_names_, countries_, cities_, names_, role_texts_, locations_, domains_;
  std::vector<std::uint32_t> order_[kUserSortKeys];  // ids sorted by (key, id); kId unused
  std::size_t count_ = 0;
  std::uint64_t generation_ = 0;  // bumped by every load (the contents replaced), under the write lock
  std::string load_report_;

  // The last few queries' matches. A write does not drop them: it tests its one changed row against
  // each (member()) and sets or clears that bit, so the next request after it costs no more than the
  // one before.
  bool member(const UserIndexQuery& q, std::uint32_t id) const;
  void recheck_cached(std::uint32_t id);  // with the write lock held
  MatchCache<UserIndexQuery> cache_;
};

}  // namespace roster::server
