// The CSV field rules of the exports (model/csv.h), case by case: RFC 4180 quoting and the
// spreadsheet-formula guard.
#include "model/csv.h"

#include <doctest/doctest.h>

using roster::append_csv_row;
using roster::csv_field;
using roster::csv_time;

TEST_CASE("csv_field quotes a comma, a quote, CR and LF, doubling quotes; plain text stays as it is") {
  CHECK(csv_field("Olena Koval") == "Olena Koval");
  CHECK(csv_field("Ärzte 東京") == "Ärzte 東京");
  CHECK(csv_field("") == "");
  CHECK(csv_field("Kyiv, Ukraine") == "\"Kyiv, Ukraine\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\r\nlines") == "\"two\r\nlines\"");
  CHECK(csv_field("lf\nonly") == "\"lf\nonly\"");
}

TEST_CASE("csv_field guards what a spreadsheet would run as a formula") {
  CHECK(csv_field("=1+2") == "'=1+2");
  CHECK(csv_field("+380501234567") == "'+380501234567");
  CHECK(csv_field("-minus") == "'-minus");
  CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_field("\tTab") == "'\tTab");
  CHECK(csv_field("\rCR") == "\"'\rCR\"");  // guarded, then quoted for the CR
  CHECK(csv_field("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
  CHECK(csv_field("a=b") == "a=b");  // only the first character counts
}

TEST_CASE("rows end with CRLF; times are ISO 8601 UTC, never is empty") {
  std::string out;
  append_csv_row(out, {"a", "b,c", ""});
  CHECK(out == "a,\"b,c\",\r\n");
  CHECK(csv_time(0) == "");
  CHECK(csv_time(1'700'000'000'123) == "2023-11-14T22:13:20Z");
  CHECK(csv_time(86'400'000) == "1970-01-02T00:00:00Z");
}

TEST_CASE("the appending forms write what csv_field and csv_time give") {
  for (const char* v : {"Olena Koval", "", "Kyiv, Ukraine", "say \"hi\"", "=1+2", "\rCR", "-a,b", "@x\ny", "a=b"}) {
    std::string out = "x";
    roster::append_csv_field(out, v);
    CHECK(out == "x" + csv_field(v));
  }
  std::string out;
  for (std::int64_t t : {std::int64_t{0}, std::int64_t{1}, std::int64_t{1'700'000'000'123},
                         std::int64_t{951'782'400'000}, std::int64_t{253'402'300'799'000}}) {
    out.clear();
    roster::append_csv_time(out, t);
    CHECK(out == csv_time(t));
  }
  CHECK(csv_time(951'782'400'000) == "2000-02-29T00:00:00Z");
  CHECK(csv_time(253'402'300'799'000) == "9999-12-31T23:59:59Z");
  CHECK(csv_time(1) == "1970-01-01T00:00:00Z");
}
