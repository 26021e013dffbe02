#include "store/org_search.h"

#include "model/utf8.h"

#include <algorithm>

namespace roster::store {

namespace {

constexpr int kMaxDepth = 16;  // a malformed tree (a loop of parents) must not hang a path

}  // namespace

void OrgSearch::open(std::int64_t now) {
  open_ = true;
  forget_text();
  tree_.load(now);  // once; again only after it failed
}

void OrgSearch::close() {
  if (!open_) return;
  open_ = false;
  forget_text();
}

void OrgSearch::forget_text() {
  drop_search();
  text_.clear();
  results_.clear();
  results_text_.clear();
  total_.reset();
  error_.reset();
  changed_ = true;
}

void OrgSearch::drop_search() {
  if (call_) client_.cancel(call_);
  call_ = 0;
  ++generation_;  // whatever is still out answers text typed past
  due_.reset();
}

bool OrgSearch::type(const std::string& text, std::int64_t now) {
  if (text == text_) return false;
  text_ = text;
  changed_ = true;
  // An answer to the text typed past is not drawn: the newer text goes out within the interval.
  drop_search();
  const std::size_t length = utf8::count_code_points(text);
  if (length == 0) {  // the tree again
    results_.clear();
    results_text_.clear();
    total_.reset();
    error_.reset();
    return true;
  }
  // One or two characters match much of a large tree: they wait for a pause in typing.
  due_ = length < 3 ? now + kShortQueryPauseMs : std::max(now, last_sent_ + kThrottleMs);
  send_due(now);
  return true;
}

void OrgSearch::send_due(std::int64_t now) {
  if (!due_ || *due_ > now) return;
  due_.reset();
  last_sent_ = now;
  const std::uint64_t generation = ++generation_;
  const std::string text = text_;
  call_ = client_.search_orgs(
      text, 0, kPageSize,
      [this, generation, text](api::Result<Page<OrgNode>> page) {
        if (generation != generation_) return;  // text typed past, or the popup closed
        call_ = 0;
        changed_ = true;
        if (!page.ok()) {
          error_ = page.error;
          return;
        }
        error_.reset();
        results_ = std::move(page.value->content);
        results_text_ = text;
        total_ = page.value->totalElements;
        for (const auto& node : results_) learn(node.org);
      },
      now);
}

void OrgSearch::toggle(int org_id, std::int64_t now) { tree_.toggle(org_id, now); }

void OrgSearch::set_home(int org_id, const std::string& name) {
  if (org_id <= 0) return;
  home_ = org_id;
  Known& k = known_[org_id];
  if (k.name.empty()) k.name = name;
  changed_ = true;
}

void OrgSearch::look_up(int org_id, std::int64_t now) {
  if (org_id <= 0 || find(org_id)) return;
  names_wanted_.insert(org_id);
  if (can_ask(org_id, now)) ask(org_id, now);
}

void OrgSearch::learn(const Organization& org) {
  Known& k = known_[org.id];
  k.name = org.name;
  k.parent = org.parentOrganizationId;
}

const OrgSearch::Known* OrgSearch::find(int org_id) const {
  auto it = known_.find(org_id);
  if (it != known_.end()) return &it->second;
  return nullptr;
}

std::optional<std::string> OrgSearch::name(int org_id) const {
  if (const Known* k = find(org_id)) return k->name;
  if (const OrgTree::Node* n = tree_.find(org_id)) return n->data.org.name;
  return std::nullopt;
}

bool OrgSearch::wants_name(int org_id) const {
  return org_id > 0 && !name(org_id) && !names_wanted_.count(org_id) && !hidden_.count(org_id);
}

std::vector<std::string> OrgSearch::path(int org_id) const {
  std::vector<std::string> out;
  const int home = home_id();
  // Parents come from what was learned, else from the tree's nodes.
  auto parent_of = [this](int id) -> std::optional<int> {
    if (const OrgTree::Node* n = tree_.find(id)) return n->data.org.parentOrganizationId;
    if (const Known* k = find(id)) return k->parent;
    return std::nullopt;
  };
  if (org_id == home) return out;
  auto parent = parent_of(org_id);
  if (!parent) return out;
  int id = *parent;
  for (int depth = 0; id != 0 && depth < kMaxDepth; ++depth) {
    auto n = name(id);
    if (!n) {
      if (!hidden_.count(id)) out.push_back("\xE2\x80\xA6");  // "…": being looked up
      break;
    }
    out.push_back(*n);
    if (id == home) break;
    auto up = parent_of(id);
    if (!up) break;
    id = *up;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::string OrgSearch::path_text(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& name : path) {
    if (!out.empty()) out += " \xE2\x80\xBA ";  // " › "
    out += name;
  }
  return out;
}

int OrgSearch::missing_ancestor(int org_id) const {
  const int home = home_id();
  int id = org_id;
  for (int depth = 0; id > 0 && depth < kMaxDepth; ++depth) {
    if (!name(id)) return hidden_.count(id) ? 0 : id;
    if (id == home) return 0;
    const OrgTree::Node* n = tree_.find(id);
    const Known* k = find(id);
    id = n ? n->data.org.parentOrganizationId : k ? k->parent : 0;
  }
  return 0;
}

bool OrgSearch::can_ask(int org_id, std::int64_t now) const {
  if (asking_.size() >= kLookups || asking_.count(org_id) || hidden_.count(org_id)) return false;
  auto retry = retry_at_.find(org_id);
  return retry == retry_at_.end() || retry->second <= now;
}

void OrgSearch::ask(int org_id, std::int64_t now) {
  asking_.insert(org_id);
  client_.org_info(
      org_id,
      [this, org_id, now](api::Result<OrgNode> info) {
        asking_.erase(org_id);
        changed_ = true;
        if (info.ok()) {
          learn(info.value->org);
          retry_at_.erase(org_id);
          names_wanted_.erase(org_id);
        } else if (info.kind == api::ErrorKind::NotFound || info.kind == api::ErrorKind::Forbidden) {
          hidden_.insert(org_id);  // not the caller's to see: never asked again
          names_wanted_.erase(org_id);
        } else {
          retry_at_[org_id] = now + kRetryAfterMs;
        }
      },
      now);
}

void OrgSearch::ask_missing(std::int64_t now) {
  auto consider = [this, now](int org_id) {
    int missing = missing_ancestor(org_id);
    if (missing && can_ask(missing, now)) ask(missing, now);
  };
  for (const auto& node : results_) consider(node.org.id);
  for (int id : std::vector<int>(names_wanted_.begin(), names_wanted_.end())) consider(id);
}

void OrgSearch::tick(std::int64_t now) {
  send_due(now);
  ask_missing(now);
}

std::int64_t OrgSearch::next_wake_at(std::int64_t now) const { return due_ && *due_ > now ? *due_ : -1; }

bool OrgSearch::take_changed() {
  bool c = tree_.take_changed();
  c = changed_ || c;
  changed_ = false;
  return c;
}

}  // namespace roster::store
