// Organization tags ({id, name, color}) and their JSON codec. Shared by server and console.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace roster {

struct Tag {
  std::int32_t id = 0;
  std::string name;
  std::string color;  // "#RRGGBB"
  bool operator==(const Tag& o) const { return id == o.id && name == o.name && color == o.color; }
};

nlohmann::json encode(const Tag& tag);
bool read_value(const nlohmann::json& v, Tag& out);  // for lists of tags inside other objects
bool decode(const nlohmann::json& v, Tag& out, std::string& error);

}  // namespace roster
