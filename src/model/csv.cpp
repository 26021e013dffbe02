#include "model/csv.h"

#include "model/time_format.h"

#include <cstdio>

namespace roster {

void append_csv_field(std::string& out, std::string_view value) {
  // A spreadsheet would run such a cell as a formula ("=HYPERLINK(...)" in a user's name).
  const bool guard = !value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                                        value[0] == '\t' || value[0] == '\r');
  bool plain = true;  // a loop, not find_first_of (a memchr over the four characters for every byte)
  for (char c : value) plain = plain && c != ',' && c != '"' && c != '\r' && c != '\n';
  if (plain) {
    if (guard) out += '\'';
    out.append(value);
    return;
  }
  out += '"';
  if (guard) out += '\'';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csv_field(std::string_view value) {
  std::string out;
  append_csv_field(out, value);
  return out;
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    append_csv_field(out, fields[i]);
  }
  out += "\r\n";
}

void append_csv_time(std::string& out, std::int64_t epoch_ms) {
  if (epoch_ms == 0) return;
  const CivilTime t = civil_from_epoch_ms(epoch_ms, 0);
  if (t.year < 0 || t.year > 9999) {  // far outside what a user's times are: the general path
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day, t.hour, t.minute,
                  t.second);
    out += buf;
    return;
  }
  char buf[20];  // YYYY-MM-DDTHH:MM:SSZ
  auto two = [&](int at, int v) {
    buf[at] = static_cast<char>('0' + v / 10 % 10);
    buf[at + 1] = static_cast<char>('0' + v % 10);
  };
  two(0, t.year / 100);
  two(2, t.year % 100);
  buf[4] = '-';
  two(5, t.month);
  buf[7] = '-';
  two(8, t.day);
  buf[10] = 'T';
  two(11, t.hour);
  buf[13] = ':';
  two(14, t.minute);
  buf[16] = ':';
  two(17, t.second);
  buf[19] = 'Z';
  out.append(buf, sizeof buf);
}

std::string csv_time(std::int64_t epoch_ms) {
  std::string out;
  append_csv_time(out, epoch_ms);
  return out;
}

}  // namespace roster
