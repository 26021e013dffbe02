#include "model/tag.h"

#include "model/json_read.h"

namespace roster {

nlohmann::json encode(const Tag& tag) { return {{"id", tag.id}, {"name", tag.name}, {"color", tag.color}}; }

bool decode(const nlohmann::json& v, Tag& out, std::string& error) {
  json_read::FieldReader r(v, error, "tag");
  r.required("id", out.id).required("name", out.name).optional("color", out.color);
  return r.ok();
}

bool read_value(const nlohmann::json& v, Tag& out) {
  std::string error;
  return decode(v, out, error);
}

}  // namespace roster
