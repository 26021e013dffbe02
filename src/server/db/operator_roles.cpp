#include "server/db/operator_roles.h"

#include <algorithm>

namespace roster::server::proxy {

std::optional<OperatorRole> parse_operator_role(const std::string& text) {
  if (text == "viewer") return OperatorRole::Viewer;
  if (text == "staff") return OperatorRole::Staff;
  if (text == "admin") return OperatorRole::Admin;
  return std::nullopt;
}

const char* operator_role_name(OperatorRole role) {
  switch (role) {
    case OperatorRole::Admin: return "admin";
    case OperatorRole::Staff: return "staff";
    case OperatorRole::Viewer: break;
  }
  return "viewer";
}

const char* operator_role_label(OperatorRole role) {
  switch (role) {
    case OperatorRole::Admin: return "Admin";
    case OperatorRole::Staff: return "Staff";
    case OperatorRole::Viewer: break;
  }
  return "Viewer";
}

int operator_role_id(OperatorRole role) {
  switch (role) {
    case OperatorRole::Admin: return 1;
    case OperatorRole::Staff: return 2;
    case OperatorRole::Viewer: break;
  }
  return 3;
}

std::vector<std::string> operator_permissions(OperatorRole role) {
  std::vector<std::string> out = {"users.view", "orgs.view"};
  if (role != OperatorRole::Viewer) out.push_back("devices.view");
  if (role == OperatorRole::Admin) {
    out.push_back("users.edit");
    out.push_back("users.invite");
  }
  return out;
}

bool operator_may(OperatorRole role, const std::string& permission) {
  auto all = operator_permissions(role);
  return std::find(all.begin(), all.end(), permission) != all.end();
}

}  // namespace roster::server::proxy
