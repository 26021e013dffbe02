// Organizations ({id, name, ..., address{...}}) and roles ({id, name, permissions[]}) with their
// JSON codecs. Organizations form a tree through parentOrganizationId (0 for the root).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roster {

struct Address {
  std::string fullAddress, city, country, state, zip;
};

struct Organization {
  std::int32_t id = 0;
  std::string name;
  std::string description;
  std::int32_t parentOrganizationId = 0;  // 0: a root organization
  std::string tz;
  std::string unitSystem = "METRIC";  // IMPERIAL | METRIC
  std::string phoneNumber;
  Address address;
  std::int64_t lastModifiedTs = 0;
};

// An organization with the counts the reference server adds to it (absent on the public API).
struct OrgNode {
  Organization org;
  std::optional<std::int64_t> users_count, devices_count, sub_orgs_count;
};

struct Role {
  std::int32_t id = 0;
  std::string name;
  std::vector<std::string> permissions;
};

nlohmann::json encode(const Organization& org);
bool decode(const nlohmann::json& v, Organization& out, std::string& error);
bool read_value(const nlohmann::json& v, Organization& out);

nlohmann::json encode(const Role& role);
bool decode(const nlohmann::json& v, Role& out, std::string& error);
bool read_value(const nlohmann::json& v, Role& out);

}  // namespace roster
