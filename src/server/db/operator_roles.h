// The proxy's own accounts ("operators") and what each role may do. The proxy checks these before it
// forwards anything, so an upstream token that could do more never lets an operator do more: a
// viewer reads users and organizations, staff also reads devices, an admin may also invite users and
// change their roles. Permission names are those of roster-server's roles (and of its session body).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace roster::server::proxy {

enum class OperatorRole { Viewer, Staff, Admin };

std::optional<OperatorRole> parse_operator_role(const std::string& text);
const char* operator_role_name(OperatorRole role);   // "viewer", "staff", "admin"
const char* operator_role_label(OperatorRole role);  // "Viewer", "Staff", "Admin" (shown by the console)
// The role id the console is told (as roster-server's roles: 1 Admin, 2 Staff); 3 for a viewer.
int operator_role_id(OperatorRole role);
std::vector<std::string> operator_permissions(OperatorRole role);
bool operator_may(OperatorRole role, const std::string& permission);

struct OperatorAccount {
  std::int64_t id = 0;
  std::string email;  // folded to lower case
  OperatorRole role = OperatorRole::Viewer;
  std::string password_hash;
  std::int64_t created_at_ms = 0;
};

}  // namespace roster::server::proxy
