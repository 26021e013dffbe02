// Requests and decoders for the Platform API calls the console makes: the wire format of each call.
// Pure functions: no state, no I/O. Every decoder turns a response into a value or an error a person
// can read, with its kind; none can abort. PlatformClient (platform_client.h) pairs them with sending.
#pragma once

#include "api/http.h"
#include "api/result.h"
#include "api/url.h"
#include "model/actions_histogram.h"
#include "model/actions_query.h"
#include "model/device.h"
#include "model/devices_query.h"
#include "model/organization.h"
#include "model/page.h"
#include "model/session.h"
#include "model/user.h"
#include "model/users_query.h"

#include <optional>
#include <string>
#include <vector>

namespace roster::api {

// The list's own parameters (search, sort, scope, filters): its pages, the bulk call's query and the
// CSV export all ask with exactly these; a page's number and size go after the search text (the
// order every cached URL has had).
struct UsersPage {
  long long page = 0;
  int size = 0;
};
void add_users_params(Query& query, const UsersQuery& users, const UsersPage* page = nullptr);
HttpRequest users_page_request(const UsersQuery& query, long long page, int size);
Result<Page<User>> decode_users_page(const HttpResponse& response);

HttpRequest user_request(long long user_id);
Result<User> decode_user(const HttpResponse& response);

HttpRequest session_request();
HttpRequest sign_out_request();
Result<SessionInfo> decode_session(const HttpResponse& response);

HttpRequest org_profile_request();
HttpRequest sub_orgs_request(int org_id);
// "Organization info" (public): one organization by id; decoded with decode_org.
HttpRequest org_info_request(int org_id);
Result<OrgNode> decode_org(const HttpResponse& response);
Result<std::vector<OrgNode>> decode_orgs(const HttpResponse& response);
// "Search organizations" (public): the caller's organization and those under it whose name has
// `query` (case-insensitive, part or whole), sorted by name: {content:[org...], totalElements}.
HttpRequest search_orgs_request(const std::string& query, long long page, int size);
Result<Page<OrgNode>> decode_orgs_page(const HttpResponse& response);

// The actions log extension: one user's entries in `interval`, with the query's clients, search and
// sort; and its histogram in `buckets` buckets over the same interval and filters.
HttpRequest actions_log_request(long long user_id, const Interval& interval, const ActionsQuery& query, long long page,
                                int size);
// The same log as CSV, for the browser to download (extension).
std::string actions_export_url(long long user_id, const Interval& interval, const ActionsQuery& query);
Result<Page<ActionLogEntry>> decode_actions_page(const HttpResponse& response);
HttpRequest actions_histogram_request(long long user_id, const Interval& interval, const ActionsQuery& query,
                                      int buckets);
Result<ActionsHistogram> decode_actions_histogram(const HttpResponse& response);

// Devices: the organization's (with sub-organizations), a search, or one owner's ("Devices by owner
// email"); sorted by an extension label when the query has one.
HttpRequest devices_page_request(const DevicesQuery& query, long long page, int size);
Result<Page<Device>> decode_devices_page(const HttpResponse& response);

HttpRequest roles_request();
Result<std::vector<Role>> decode_roles(const HttpResponse& response);

// Turns any non-2xx (or undecodable 2xx) response into an error value.
ApiError error_of(const HttpResponse& response);
ErrorKind error_kind_of(const HttpResponse& response);  // Timeout for a timed-out answer

}  // namespace roster::api
