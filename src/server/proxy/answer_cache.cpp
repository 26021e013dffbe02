#include "server/proxy/answer_cache.h"

namespace roster::server::proxy {

std::optional<CachedAnswer> AnswerCache::find(const std::string& key, std::int64_t now_ms, std::int64_t generation) {
  if (ttl_ms_ <= 0) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (now_ms >= it->second.expires_at || it->second.generation < generation) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.answer;
}

void AnswerCache::put(const std::string& key, CachedAnswer answer, std::int64_t now_ms, std::int64_t generation) {
  if (ttl_ms_ <= 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.size() >= kMaxEntries) {
    for (auto it = entries_.begin(); it != entries_.end();)
      it = now_ms >= it->second.expires_at ? entries_.erase(it) : std::next(it);
    if (entries_.size() >= kMaxEntries) entries_.clear();
  }
  entries_[key] = Entry{std::move(answer), now_ms + ttl_ms_, generation};
}

void AnswerCache::erase(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.erase(key);
}

}  // namespace roster::server::proxy
