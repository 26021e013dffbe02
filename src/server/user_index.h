// The users held in memory for list and search: per user the folded search text (name, email, role
// name, "city, country", exactly what the trigram index holds) and every sortBy key, loaded from
// SQLite at start and refreshed from SQLite after each committed write of a user. Names, role names,
// locations and email domains repeat, so each is held once in a pool and a user holds its ids: a
// search tests each distinct value once, then per user looks up four flags and scans only the email's
// local part (an SSE2 substring test). The matches are a bitmap, whose popcount is the exact total; a
// page in a sortBy order walks that column's permutation (kept sorted on every write, one user moved,
// only in the columns whose key changed), testing the bitmap and stopping once the page is full.
// SQLite stays the source of truth: the page's rows are read from it.
#pragma once

#include "server/sqlite_db.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace roster::server {

// The sortBy columns held in memory, in the order of kUserSortLabels. kId needs no permutation.
enum UserSortKey : int {
  kSortId,
  kSortName,
  kSortEmail,
  kSortStatus,
  kSortRole,
  kSortOrgName,
  kSortDevices,
  kSortCountry,
  kSortRegistered,
  kSortPhone,
  kSortKeys
};

// Which users a find covers; the search text already folded (roster_fold), empty for none.
struct UserIndexQuery {
  std::string folded_query;
  std::vector<std::int32_t> org_ids, role_ids;  // empty: any
  std::vector<std::string> statuses;            // empty: any
  bool no_devices = false;
  std::int64_t only_user_id = 0;
  int sort = kSortId;
  bool descending = false;
  std::int64_t offset = 0, size = 50;
};

// One user's indexed fields as read from SQLite (also what the unit tests build an index from).
struct UserIndexRow {
  std::int64_t id = 0;
  std::string name_fold, email, role_fold, location_fold, status, org_name, country, phone;
  std::int32_t role_id = 0, org_id = 0, devices_count = 0;
  std::int64_t registered_at = 0;
};

// Does `hay[0, n)` contain `needle`? Reads up to 16 bytes past `hay + n` (the caller pads).
bool contains_padded(const char* hay, std::size_t n, const std::string& needle);

class UserIndex {
 public:
  // Replaces the contents with every user of the database (one scan; the permutations are sorted
  // on two threads). False with `error` when the users cannot be read.
  bool load(Database& db, std::string& error);
  // The same from rows (unit tests).
  void load(std::vector<UserIndexRow> rows);
  // Re-reads one user from SQLite (after a committed write) and moves it in the orders whose key
  // changed; a user with no row is dropped.
  bool refresh(Database& db, std::int64_t user_id, std::string& error);
  void upsert(const UserIndexRow& row);
  void erase(std::int64_t user_id);

  // The total and the ids of the page asked for.
  void find(const UserIndexQuery& q, std::int64_t& total, std::vector<std::int64_t>& ids) const;

  std::size_t users() const;
  // "N users indexed in T ms (read R ms, sort S ms), M MB" after load(Database&), for the log.
  const std::string& load_report() const { return load_report_; }
  std::size_t memory_bytes() const;

 private:
  // Where a user's strings are: the email's local part (before the first '@') in local_, the
  // phone in text_. The email's rest (from its first '@', or "" without one) is domains_[dom_].
  struct Rec {
    std::uint32_t local_off = 0, phone_off = 0, local_slot = 0;
    std::uint16_t local_len = 0, phone_len = 0;
  };
  // A writer-preferring reader/writer lock: a writer waiting at the turnstile stops new readers, so a
  // stream of searches cannot starve a write.
  struct Lock {
    std::mutex turnstile;
    std::shared_mutex rw;
  };
  class ReadGuard {
   public:
    explicit ReadGuard(Lock& l) : l_(l) {
      { std::lock_guard<std::mutex> pass(l_.turnstile); }
      l_.rw.lock_shared();
    }
    ~ReadGuard() { l_.rw.unlock_shared(); }

   private:
    Lock& l_;
  };
  class WriteGuard {
   public:
    explicit WriteGuard(Lock& l) : l_(l), pass_(l.turnstile) { l_.rw.lock(); }
    ~WriteGuard() { l_.rw.unlock(); }

   private:
    Lock& l_;
    std::lock_guard<std::mutex> pass_;
  };

  bool alive(std::uint32_t id) const { return id < alive_.size() && alive_[id]; }
  void put(std::uint32_t id, const UserIndexRow& row);  // the fields, not the orders
  std::string_view local(std::uint32_t id) const { return {local_.data() + rec_[id].local_off, rec_[id].local_len}; }
  std::string_view phone(std::uint32_t id) const { return {text_.data() + rec_[id].phone_off, rec_[id].phone_len}; }
  std::string email(std::uint32_t id) const { return std::string(local(id)) + domains_.values[dom_[id]]; }
  void compact_text();
  void reset(std::size_t users, std::int64_t max_id);  // empties, and reserves for a load
  void finish();                                       // after a load's rows: sorts the orders
  std::size_t memory_unlocked() const;
  void sort_all();
  bool less(int key, std::uint32_t a, std::uint32_t b) const;  // (key, id) ascending
  int compare_key(int key, std::uint32_t a, std::uint32_t b) const;
  void place(int key, std::uint32_t id);   // inserts id in order `key`
  void remove(int key, std::uint32_t id);  // takes id out of order `key`
  // The bitmap of matching users (bit per id) and its popcount; cached for the last few queries.
  struct Matches {
    std::vector<std::uint64_t> bits;
    std::int64_t total = 0;
  };
  std::shared_ptr<const Matches> matches(const UserIndexQuery& q) const;
  // Sets the bit of every user whose email's local part contains `needle` (one pass over local_).
  void scan_locals(const std::string& needle, std::vector<std::uint64_t>& hit) const;
  bool may_be_in_locals(const std::string& needle) const;
  static std::uint64_t pair_bits(std::string_view s);

  mutable Lock lock_;
  // Emails' local parts, each followed by a NUL, in the order users were added (one pass over all of
  // them is ~20 MB at 1M users), then 32 bytes of padding for the SIMD reads. Slot i starts at
  // local_starts_[i] and belongs to user local_owner_[i] (UINT32_MAX once replaced).
  std::vector<char> local_;
  std::vector<std::uint32_t> local_starts_, local_owner_;
  // Per user, a 64-bit signature of the byte pairs of the local part (pair_bit): a query whose
  // pairs' bits are not all in it is not in that local part, so most users skip the substring test.
  std::vector<std::uint64_t> local_sig_;
  // Every byte and byte pair that occurs in some local part (never cleared): a query with one that
  // does not, such as any Cyrillic or Greek text among ASCII addresses, skips the pass over local_.
  std::vector<std::uint64_t> local_bytes_ = std::vector<std::uint64_t>(4),
                             local_pairs_ = std::vector<std::uint64_t>(1024);
  std::vector<char> text_;  // phones (an edit appends; compacted when half is old)
  std::size_t live_text_ = 0;
  std::vector<Rec> rec_;  // by user id
  std::vector<std::uint8_t> alive_;
  std::vector<std::uint8_t> status_;
  std::vector<std::int32_t> role_, org_, devices_;
  std::vector<std::uint32_t> org_name_, country_, name_, role_text_, location_, dom_;
  std::vector<std::int64_t> registered_;
  struct Pool {
    std::vector<std::string> values;
    std::unordered_map<std::string, std::uint32_t> ids;
    std::uint32_t intern(const std::string& s);
  };
  // Interned values. A value no user holds any more stays (pools only grow, by edits' new names).
  Pool statuses_, org_names_, countries_, names_, role_texts_, locations_, domains_;
  std::vector<std::uint32_t> order_[kSortKeys];  // ids sorted by (key, id); order_[kSortId] unused
  std::size_t count_ = 0;
  std::uint64_t generation_ = 0;  // bumped by every change, under the write lock
  std::string load_report_;

  mutable std::mutex cache_mutex_;
  mutable std::vector<std::pair<std::string, std::shared_ptr<const Matches>>> cache_;
  mutable std::uint64_t cache_generation_ = 0;
};

}  // namespace roster::server
