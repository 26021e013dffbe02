#include "model/csv.h"

#include "model/time_format.h"

#include <cstdio>

namespace roster {

std::string csv_field(std::string_view value) {
  std::string v;
  // A spreadsheet would run such a cell as a formula ("=HYPERLINK(...)" in a user's name).
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t' ||
                         value[0] == '\r'))
    v += '\'';
  v += value;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string quoted = "\"";
  for (char c : v) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
}

std::string csv_time(std::int64_t epoch_ms) {
  if (epoch_ms == 0) return {};
  const CivilTime t = civil_from_epoch_ms(epoch_ms, 0);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day, t.hour, t.minute, t.second);
  return buf;
}

}  // namespace roster
