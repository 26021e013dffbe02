// CSV as the exports write it (contract section 7), shared with the console: RFC 4180 fields (quoted
// when they hold a comma, a quote, CR or LF; quotes doubled), rows ended by CRLF, and the
// spreadsheet-formula guard (a field that begins with =, +, -, @, TAB or CR gets a leading ').
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace roster {

// One field, guarded and quoted as needed.
std::string csv_field(std::string_view value);
// The same appended to `out` (a row is its fields joined by ',' and ended by CRLF): what an export
// of a million rows uses, with no string made per field.
void append_csv_field(std::string& out, std::string_view value);
// The fields joined by commas, then CRLF.
void append_csv_row(std::string& out, const std::vector<std::string>& fields);
// "2026-03-14T09:26:53Z" (UTC, to the second); "" for 0, which means never.
std::string csv_time(std::int64_t epoch_ms);
void append_csv_time(std::string& out, std::int64_t epoch_ms);  // the same appended (never quoted)

}  // namespace roster
