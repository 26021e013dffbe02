#include "model/organization.h"

#include "model/json_read.h"

namespace roster {

nlohmann::json encode(const Organization& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"description", o.description},
          {"parentOrganizationId", o.parentOrganizationId},
          {"tz", o.tz},
          {"unitSystem", o.unitSystem},
          {"phoneNumber", o.phoneNumber},
          {"address",
           {{"fullAddress", o.address.fullAddress},
            {"city", o.address.city},
            {"country", o.address.country},
            {"state", o.address.state},
            {"zip", o.address.zip}}},
          {"lastModifiedTs", o.lastModifiedTs}};
}

bool decode(const nlohmann::json& v, Organization& out, std::string& error) {
  Organization o;
  json_read::FieldReader r(v, error, "organization");
  r.required("id", o.id)
      .required("name", o.name)
      .optional("description", o.description)
      .optional("parentOrganizationId", o.parentOrganizationId)
      .optional("tz", o.tz)
      .optional("unitSystem", o.unitSystem)
      .optional("phoneNumber", o.phoneNumber)
      .optional("lastModifiedTs", o.lastModifiedTs);
  if (!r.ok()) return false;
  auto it = v.find("address");
  if (it != v.end() && !it->is_null()) {
    json_read::FieldReader a(*it, error, "address");
    a.optional("fullAddress", o.address.fullAddress)
        .optional("city", o.address.city)
        .optional("country", o.address.country)
        .optional("state", o.address.state)
        .optional("zip", o.address.zip);
    if (!a.ok()) return false;
  }
  out = std::move(o);
  return true;
}

bool read_value(const nlohmann::json& v, Organization& out) {
  std::string error;
  return decode(v, out, error);
}

nlohmann::json encode(const Role& role) {
  return {{"id", role.id}, {"name", role.name}, {"permissions", role.permissions}};
}

bool decode(const nlohmann::json& v, Role& out, std::string& error) {
  Role role;
  json_read::FieldReader r(v, error, "role");
  r.required("id", role.id).required("name", role.name).optional("permissions", role.permissions);
  if (!r.ok()) return false;
  out = std::move(role);
  return true;
}

bool read_value(const nlohmann::json& v, Role& out) {
  std::string error;
  return decode(v, out, error);
}

}  // namespace roster
