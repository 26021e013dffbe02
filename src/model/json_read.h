// Defensive JSON field reading for every decoder of outside input: the model's codecs, the API
// layer's response decoders and the server's request-body readers. Nothing here throws: the web
// build has no exceptions, so a wrong type is an error string, not an abort. Its own namespace,
// because its short names (read_value, type_name) would collide with the codecs' overloads.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace roster::json_read {

using nlohmann::json;

inline const char* type_name(const json& v) { return v.type_name(); }

inline bool read_value(const json& v, std::string& out) {
  if (!v.is_string()) return false;
  out = v.get_ref<const std::string&>();
  return true;
}

inline bool read_value(const json& v, bool& out) {
  if (!v.is_boolean()) return false;
  out = v.get<bool>();
  return true;
}

template <class Int>
bool read_integer(const json& v, Int& out) {
  if (v.is_number_unsigned()) {
    auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) return false;
    out = static_cast<Int>(u);
    return true;
  }
  if (v.is_number_integer()) {
    auto i = v.get<std::int64_t>();
    if (i < static_cast<std::int64_t>(std::numeric_limits<Int>::min()) ||
        i > static_cast<std::int64_t>(std::numeric_limits<Int>::max()))
      return false;
    out = static_cast<Int>(i);
    return true;
  }
  // JavaScript senders sometimes write 5.0 for 5; accept only exact integral values.
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (!(d >= static_cast<double>(std::numeric_limits<Int>::min()) &&
          d <= static_cast<double>(std::numeric_limits<Int>::max())))
      return false;
    auto i = static_cast<Int>(d);
    if (static_cast<double>(i) != d) return false;
    out = i;
    return true;
  }
  return false;
}

inline bool read_value(const json& v, std::int64_t& out) { return read_integer(v, out); }
inline bool read_value(const json& v, std::int32_t& out) { return read_integer(v, out); }

inline bool read_value(const json& v, double& out) {
  if (!v.is_number()) return false;
  out = v.get<double>();
  return true;
}

template <class T>
bool read_value(const json& v, std::vector<T>& out) {
  if (!v.is_array()) return false;
  std::vector<T> items;
  items.reserve(v.size());
  for (const auto& item : v) {
    T value{};
    if (!read_value(item, value)) return false;
    items.push_back(std::move(value));
  }
  out = std::move(items);
  return true;
}

// Reads fields of one JSON object, remembering the first problem in `error` with the field's name.
class FieldReader {
 public:
  FieldReader(const json& object, std::string& error, const char* what) : obj_(object), error_(error) {
    if (!obj_.is_object()) fail(std::string(what) + " must be an object, got " + type_name(obj_));
  }

  // A required field: absent or null is an error.
  template <class T>
  FieldReader& required(const char* key, T& out) {
    if (!error_.empty()) return *this;
    auto it = obj_.find(key);
    if (it == obj_.end() || it->is_null()) return fail(std::string("missing field '") + key + "'");
    if (!read_value(*it, out)) return wrong_type(key, *it);
    return *this;
  }

  // An optional field: absent or null leaves `out` as it was.
  template <class T>
  FieldReader& optional(const char* key, T& out) {
    if (!error_.empty()) return *this;
    auto it = obj_.find(key);
    if (it == obj_.end() || it->is_null()) return *this;
    if (!read_value(*it, out)) return wrong_type(key, *it);
    return *this;
  }

  // An optional field whose absence the caller needs to know about (extension fields).
  template <class T>
  FieldReader& optional(const char* key, std::optional<T>& out) {
    if (!error_.empty()) return *this;
    auto it = obj_.find(key);
    if (it == obj_.end() || it->is_null()) return *this;
    T value{};
    if (!read_value(*it, value)) return wrong_type(key, *it);
    out = std::move(value);
    return *this;
  }

  bool ok() const { return error_.empty(); }
  const json& object() const { return obj_; }

 private:
  FieldReader& fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return *this;
  }
  FieldReader& wrong_type(const char* key, const json& v) {
    return fail(std::string("field '") + key + "' has the wrong type (" + type_name(v) + ")");
  }

  const json& obj_;
  std::string& error_;
};

}  // namespace roster::json_read
