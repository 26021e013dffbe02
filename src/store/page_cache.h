// A bounded cache of fetched pages of rows, keyed by page index, evicting the least recently used
// page. The users table keeps the pages around the visible rows; a million-row list never holds more
// than `capacity` pages.
#pragma once

#include <cstdint>
#include <list>
#include <unordered_map>
#include <vector>

namespace roster::store {

template <class Row>
class PageCache {
 public:
  explicit PageCache(std::size_t capacity) : capacity_(capacity) {}

  // The page, made the most recently used; mutable: rows may be filled in later (details).
  std::vector<Row>* find(std::int64_t page) {
    auto it = pages_.find(page);
    if (it == pages_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second.position);  // most recently used first
    return &it->second.rows;
  }
  // Reading without touching the order: what views do while drawing (the store touches the pages on
  // screen when it learns which rows are visible).
  const std::vector<Row>* peek(std::int64_t page) const {
    auto it = pages_.find(page);
    return it == pages_.end() ? nullptr : &it->second.rows;
  }
  void touch(std::int64_t page) { find(page); }
  // Every cached row, in no particular order (an administration change patches a user's rows).
  template <class Fn>
  void for_each_row(Fn fn) {
    for (auto& [page, entry] : pages_)
      for (auto& row : entry.rows) fn(row);
  }
  bool contains(std::int64_t page) const { return pages_.count(page) != 0; }

  void put(std::int64_t page, std::vector<Row> rows) {
    auto it = pages_.find(page);
    if (it != pages_.end()) {
      it->second.rows = std::move(rows);
      order_.splice(order_.begin(), order_, it->second.position);
      return;
    }
    order_.push_front(page);
    pages_.emplace(page, Entry{std::move(rows), order_.begin()});
    while (pages_.size() > capacity_) {
      pages_.erase(order_.back());
      order_.pop_back();
    }
  }

  // Keeps only the pages `keep(page)` accepts.
  template <class Keep>
  void retain(Keep keep) {
    for (auto it = order_.begin(); it != order_.end();) {
      if (keep(*it)) {
        ++it;
        continue;
      }
      pages_.erase(*it);
      it = order_.erase(it);
    }
  }

  void clear() {
    pages_.clear();
    order_.clear();
  }
  std::size_t size() const { return pages_.size(); }
  std::size_t capacity() const { return capacity_; }

 private:
  struct Entry {
    std::vector<Row> rows;
    std::list<std::int64_t>::iterator position;
  };
  std::size_t capacity_;
  std::unordered_map<std::int64_t, Entry> pages_;
  std::list<std::int64_t> order_;
};

}  // namespace roster::store
