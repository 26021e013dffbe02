// The devices held in memory for list and search, as the users are (user_index.h): per device its
// organisation, owner and every sortBy key, loaded at start and re-read after each committed
// write that touches devices (db/index_loader.h reads them from SQLite) (a transfer moves an owner's devices; an edit
// renames their owner). Names repeat, so each distinct name is held once, and a search tests each distinct folded name
// once (one SSE2 pass over all of them packed together), then per device looks up one flag. Matches are a bitmap
// (popcount: the exact total); a page in a sortBy order walks that key's permutation, kept sorted on every write (a
// device moved only in the orders whose key changed). Devices per organisation are counted in place. SQLite stays the
// source of truth: the page's rows are read from it.
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
#include <string>
#include <unordered_map>
#include <vector>

namespace roster::server {

// What a devices sortBy label sorts by; every order ends with the device id, in the same direction.
enum class DeviceSortKey {
  kId,
  kName,
  kTemplate,
  kOwner,  // the owner's user id
  kActivatedAt,
  kLastReceivedEventAt,  // "Last Reported At" and "Last Updated"
  kStatus,               // offline first
  kOwnerName,            // the owner's name, case-folded; no owner (or a gone one) sorts as ""
  kModel,                // the template's name ("" for an unknown template)
  kOrgName,              // the organisation's name ("" for an unknown one)
};
constexpr int kDeviceSortKeys = 10;

// One device's indexed fields as read from SQLite (also what the unit tests build an index from).
struct DeviceIndexRow {
  std::int64_t id = 0, owner_user_id = 0, activated_at = 0, last_event_at = 0;
  std::int32_t template_id = 0, org_id = 0;
  bool online = false;
  std::string name, owner_name_fold, model, org_name;
};

// Which devices a find covers; the search text already folded (roster_fold), empty for none.
struct DeviceIndexQuery {
  std::string folded_query;
  std::vector<std::int32_t> org_ids;  // empty: any
  std::int64_t owner_user_id = 0;     // 0: any
  DeviceSortKey sort = DeviceSortKey::kId;
  bool descending = false;
  std::int64_t offset = 0, size = 50;
};

class DeviceIndex {
 public:
  // Fills `row` with the next device (its owner's name may stay empty) and says true, or says false
  // at the end. The index knows no SQL: db/index_loader.h reads the rows.
  using RowSource = std::function<bool(DeviceIndexRow& row)>;
  // Every device, in two steps so that the first can run beside the user index's load: read() takes
  // the rows `next` gives (`devices` and `max_id` size the arrays first), then finish_load() takes the
  // owners' names from `owner_name` (the user index, loaded by then) rather than a join, and sorts.
  using OwnerName = std::function<std::string(std::int64_t user_id)>;
  void read(std::size_t devices, std::int64_t max_id, const RowSource& next);
  void finish_load(const OwnerName& owner_name);
  void load(std::vector<DeviceIndexRow> rows);  // unit tests
  void upsert(const DeviceIndexRow& row);
  void erase(std::int64_t device_id);

  void find(const DeviceIndexQuery& q, std::int64_t& total, std::vector<std::int64_t>& ids) const;

  std::size_t devices() const;
  std::unordered_map<std::int32_t, std::int64_t> per_org() const;
  const std::string& load_report() const { return load_report_; }
  std::size_t memory_bytes() const;

 private:
  using Matches = IndexMatches;
  bool alive(std::uint32_t id) const { return id < alive_.size() && alive_[id]; }
  void reset(std::size_t devices, std::int64_t max_id);
  void put(std::uint32_t id, const DeviceIndexRow& row);  // the fields, not the orders
  std::uint32_t intern_name(const std::string& name);     // also packs a new name's fold for search
  std::string_view fold_of(std::uint32_t name) const { return fold_texts_.slot_text(name); }
  // Sorts the orders of the keys in `keys` (bit i: key i) from the fields, on one thread or two.
  void sort_orders(std::uint32_t keys, bool two_threads);
  static constexpr std::uint32_t kAllKeys = ((1u << kDeviceSortKeys) - 1) & ~1u;
  static constexpr std::uint32_t kOwnerNameKey = 1u << static_cast<int>(DeviceSortKey::kOwnerName);
  int compare_key(int key, std::uint32_t a, std::uint32_t b) const;
  bool less(int key, std::uint32_t a, std::uint32_t b) const;
  void place(int key, std::uint32_t id);
  void remove(int key, std::uint32_t id);
  std::shared_ptr<const Matches> matches(const DeviceIndexQuery& q) const;
  std::size_t memory_unlocked() const;

  mutable IndexLock lock_;
  std::vector<std::uint8_t> alive_, online_;
  std::vector<std::int32_t> org_, template_;
  std::vector<std::int64_t> owner_, activated_, last_event_;
  std::vector<std::uint32_t> name_, owner_name_, model_, org_name_;
  // Distinct names as stored (their byte order is the Name order); each one's folded form is packed in
  // fold_texts_, in the slot of the same number (its owner: the name's id).
  ValuePool names_, owner_names_, models_, org_names_;
  PackedTexts fold_texts_;
  std::vector<std::uint32_t> order_[kDeviceSortKeys];  // ids sorted by (key, id); kId unused
  std::unordered_map<std::int32_t, std::int64_t> per_org_;
  std::size_t count_ = 0;
  std::uint64_t generation_ = 0;  // bumped by every load (the contents replaced), under the write lock
  std::string load_report_;
  double read_ms_ = 0, sort_ms_ = 0;

  // The last few queries' matches. A write does not drop them: it tests its one changed row against
  // each (member()) and sets or clears that bit, so the next request after it costs no more than the
  // one before.
  bool member(const DeviceIndexQuery& q, std::uint32_t id) const;
  void recheck_cached(std::uint32_t id);  // with the write lock held
  MatchCache<DeviceIndexQuery> cache_;
};

}  // namespace roster::server
