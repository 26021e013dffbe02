// The lock of an in-memory index: many readers (searches), one writer (a committed change).
#pragma once

#include <mutex>
#include <shared_mutex>

namespace roster::server {

// A writer-preferring reader/writer lock: a writer waiting at the turnstile stops new readers, so a
// stream of searches cannot starve a write.
struct IndexLock {
  std::mutex turnstile;
  std::shared_mutex rw;
};

class IndexReadGuard {
 public:
  explicit IndexReadGuard(IndexLock& l) : l_(l) {
    { std::lock_guard<std::mutex> pass(l_.turnstile); }
    l_.rw.lock_shared();
  }
  ~IndexReadGuard() { l_.rw.unlock_shared(); }
  IndexReadGuard(const IndexReadGuard&) = delete;
  IndexReadGuard& operator=(const IndexReadGuard&) = delete;

 private:
  IndexLock& l_;
};

class IndexWriteGuard {
 public:
  explicit IndexWriteGuard(IndexLock& l) : l_(l), pass_(l.turnstile) { l_.rw.lock(); }
  ~IndexWriteGuard() { l_.rw.unlock(); }
  IndexWriteGuard(const IndexWriteGuard&) = delete;
  IndexWriteGuard& operator=(const IndexWriteGuard&) = delete;

 private:
  IndexLock& l_;
  std::lock_guard<std::mutex> pass_;
};

}  // namespace roster::server
