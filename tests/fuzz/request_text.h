// Shared by the request fuzz targets: fuzz bytes made into a request line's query text.
#pragma once

#include <string>

// Bytes that would break the request line are percent-encoded; the query's own structure stays.
inline std::string query_text(const std::string& raw) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : raw) {
    if (c > 0x20 && c < 0x7F && c != '#')
      out += static_cast<char>(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}
