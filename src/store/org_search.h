// The organization picker's state (ui/org_picker.h): the text typed into its search field and what
// to show for it.
// - An empty field shows the tree: the caller's organization, then its sub-organizations a level at
//   a time, as the Organizations screen does (an OrgTree of its own, expanded apart from that
//   screen's).
// - Text searches with "Search organizations" (one page, by name), throttled as the users search is:
//   at once, then at most one every kThrottleMs (the latest text when the interval ends); one or two
//   characters wait for a pause in typing. An answer to text typed past is dropped (the older call is
//   cancelled and its generation is stale), and the previous results stay until the new ones arrive.
// - Every organization shown has its path, the names of its ancestors from the caller's organization
//   down ("Vltava Greenhouses › Brno" for "Lab 13"), so two of one name are told apart. It comes from
//   the parentOrganizationId of the organizations seen (the tree, the results) and, for ancestors not
//   seen, from "Organization info", each asked for once (at most kLookups at a time; a 404 is not
//   asked again, other failures after kRetryAfterMs).
// One instance serves every picker of the console: only one picker's popup is open at a time.
#pragma once

#include "api/platform_client.h"
#include "model/organization.h"
#include "store/org_tree.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace roster::store {

class OrgSearch {
 public:
  static constexpr std::int64_t kThrottleMs = 50;
  static constexpr std::int64_t kShortQueryPauseMs = 300;
  static constexpr int kPageSize = 50;
  static constexpr std::size_t kLookups = 4;
  static constexpr std::int64_t kRetryAfterMs = 10'000;

  explicit OrgSearch(api::PlatformClient& client) : client_(client), tree_(client) {}

  // A picker's popup opened: its field starts empty (the tree shows; it is fetched once).
  void open(std::int64_t now);
  // It closed: a search still due or out is dropped.
  void close();
  // Text typed into the field; false when it is what the field already held.
  bool type(const std::string& text, std::int64_t now);
  void toggle(int org_id, std::int64_t now);  // a branch of the tree
  // The caller's organization (from the session): the top of every path, named before the tree is in.
  void set_home(int org_id, const std::string& name);
  // A picker shows `org_id` and has no name for it: asks "Organization info" once.
  void look_up(int org_id, std::int64_t now);
  // Sends a search typing made due while the person paused, and the lookups paths still lack.
  void tick(std::int64_t now);

  bool is_open() const { return open_; }
  const std::string& text() const { return text_; }
  // The results and the text they answer (the previous text's while a newer search is out).
  const std::vector<OrgNode>& results() const { return results_; }
  const std::string& results_text() const { return results_text_; }
  std::optional<std::int64_t> total() const { return total_; }  // how many match results_text()
  bool searching() const { return due_.has_value() || call_ != 0; }
  const std::optional<ApiError>& error() const { return error_; }
  const OrgTree& tree() const { return tree_; }
  int home_id() const { return home_ ? home_ : tree_.root_id(); }

  std::optional<std::string> name(int org_id) const;
  // Whether a picker should ask for `org_id`'s name (look_up): not known, not asked, not refused.
  bool wants_name(int org_id) const;
  // The names of `org_id`'s ancestors, the caller's organization first; "…" for one still being
  // looked up. Empty for the caller's organization and one not seen at all.
  std::vector<std::string> path(int org_id) const;
  static std::string path_text(const std::vector<std::string>& path);  // "A › B"

  std::int64_t next_wake_at(std::int64_t now) const;  // -1 when nothing is due
  bool take_changed();

 private:
  struct Known {
    std::string name;
    int parent = 0;
  };
  const Known* find(int org_id) const;
  void learn(const Organization& org);
  void send_due(std::int64_t now);
  void forget_text();  // the typed text, its results and any search on its way
  void drop_search();
  // The first ancestor of `org_id` that is not known (0 when the path is whole or cannot be had).
  int missing_ancestor(int org_id) const;
  bool can_ask(int org_id, std::int64_t now) const;
  void ask(int org_id, std::int64_t now);
  void ask_missing(std::int64_t now);

  api::PlatformClient& client_;
  OrgTree tree_;
  bool open_ = false;
  std::string text_;
  std::optional<std::int64_t> due_;
  std::int64_t last_sent_ = -1'000'000;
  std::uint64_t generation_ = 0;
  api::CallId call_ = 0;
  std::vector<OrgNode> results_;
  std::string results_text_;
  std::optional<std::int64_t> total_;
  std::optional<ApiError> error_;

  int home_ = 0;
  std::map<int, Known> known_;
  std::set<int> asking_, hidden_, names_wanted_;
  std::map<int, std::int64_t> retry_at_;
  bool changed_ = false;
};

}  // namespace roster::store
