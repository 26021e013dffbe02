// Validation rules, time formatting, time zones and the password hash of the contract.
#include "model/actions_query.h"
#include "model/password_hash.h"
#include "model/phone_format.h"
#include "model/text_match.h"
#include "model/sha256.h"
#include "model/time_format.h"
#include "model/time_zone.h"
#include "model/user.h"
#include "model/utf8.h"
#include "model/validation.h"

#include <doctest/doctest.h>

#include <limits>

using namespace roster;

TEST_CASE("password hash matches the contract's check vector") {
  CHECK(blynk_password_hash("email@example.com", "mySuperSecretPassword") ==
        "p0sB//HIWVH2MMOYAFN9JtHHvOtOlcoBpYAgcgKXpkQ=");
  // The email is lower-cased before hashing.
  CHECK(blynk_password_hash("Email@Example.COM", "mySuperSecretPassword") ==
        "p0sB//HIWVH2MMOYAFN9JtHHvOtOlcoBpYAgcgKXpkQ=");
  CHECK(blynk_password_hash("email@example.com", "other") !=
        blynk_password_hash("email@example.com", "mySuperSecretPassword"));
}

TEST_CASE("name: letters of any script, spaces, dots, hyphens, apostrophes; at most 50") {
  CHECK(validate_name("Olena Koval").empty());
  CHECK(validate_name("Олена Коваль-Шевченко").empty());
  CHECK(validate_name("Γιώργος Παπαδόπουλος").empty());
  CHECK(validate_name("Zoë O'Neil Jr.").empty());
  CHECK(validate_name("Łukasz Żółć").empty());
  CHECK(validate_name(std::string(50, 'a')).empty());
  CHECK_FALSE(validate_name(std::string(51, 'a')).empty());
  // 50 Cyrillic letters are 100 bytes but 50 characters.
  std::string fifty_cyrillic;
  for (int i = 0; i < 50; ++i) fifty_cyrillic += "ж";
  CHECK(validate_name(fifty_cyrillic).empty());
  CHECK_FALSE(validate_name("").empty());
  CHECK_FALSE(validate_name("Robert'); DROP TABLE users;--").empty());
  CHECK_FALSE(validate_name("Ann2").empty());
  CHECK_FALSE(validate_name("...").empty());
  CHECK_FALSE(validate_name("bad\xC3").empty());  // truncated UTF-8
}

TEST_CASE("nickname: letters, digits, hyphens, spaces") {
  CHECK(validate_nick_name("olena-k 2").empty());
  CHECK(validate_nick_name("").empty());
  CHECK_FALSE(validate_nick_name("olena_k").empty());
  CHECK_FALSE(validate_nick_name(std::string(51, 'x')).empty());
}

TEST_CASE("phone: + and at most 15 digits") {
  CHECK(validate_phone_number("+380441234567").empty());
  CHECK(validate_phone_number("+123456789012345").empty());
  CHECK(validate_phone_number("").empty());
  CHECK_FALSE(validate_phone_number("+1234567890123456").empty());
  CHECK_FALSE(validate_phone_number("380441234567").empty());
  CHECK_FALSE(validate_phone_number("+38 044 123").empty());
  CHECK_FALSE(validate_phone_number("+12").empty());
}

TEST_CASE("query: 1..255 characters; page and size ranges") {
  CHECK(validate_query("a").empty());
  CHECK(validate_query(std::string(255, 'q')).empty());
  CHECK_FALSE(validate_query(std::string(256, 'q')).empty());
  CHECK(validate_query(std::string("ann\0x", 5)) == "Query must not contain control characters.");  // found by fuzzing
  CHECK_FALSE(validate_query("a\tb").empty());
  CHECK(validate_query("ann lee").empty());
  CHECK_FALSE(validate_query("").empty());
  CHECK(validate_page(0).empty());
  CHECK_FALSE(validate_page(-1).empty());
  CHECK(validate_page_size(1).empty());
  CHECK(validate_page_size(1000).empty());
  CHECK_FALSE(validate_page_size(0).empty());
  CHECK_FALSE(validate_page_size(1001).empty());
  CHECK(validate_tag_count(5).empty());
  CHECK_FALSE(validate_tag_count(6).empty());
}

TEST_CASE("email shape") {
  CHECK(validate_email("a@b.co").empty());
  CHECK_FALSE(validate_email("a@b").empty());
  CHECK_FALSE(validate_email("@b.co").empty());
  CHECK_FALSE(validate_email("a b@c.de").empty());
  CHECK_FALSE(validate_email("a@@b.co").empty());
}

TEST_CASE("strict integer parameters") {
  std::int64_t v = 0;
  CHECK(parse_int64("42", v));
  CHECK(v == 42);
  CHECK(parse_int64("-3", v));
  CHECK(v == -3);
  CHECK_FALSE(parse_int64("", v));
  CHECK_FALSE(parse_int64("1x", v));
  CHECK_FALSE(parse_int64("99999999999999999999", v));
  CHECK_FALSE(parse_int64(" 1", v));
  CHECK_FALSE(parse_int64("-", v));
}

TEST_CASE("UTF-8 decoding rejects malformed text and folds case across scripts") {
  std::vector<char32_t> cps;
  CHECK(utf8::decode("Ωж€😀", cps));
  CHECK(cps.size() == 4);
  CHECK_FALSE(utf8::decode("\xC0\xAF", cps));      // overlong '/'
  CHECK_FALSE(utf8::decode("\xED\xA0\x80", cps));  // surrogate
  CHECK_FALSE(utf8::decode("\xE2\x82", cps));      // truncated
  CHECK(utf8::to_lower("ОЛЕНА Ωmega ÉLODIE ŁUKASZ Ї") == "олена ωmega élodie łukasz ї");
}

TEST_CASE("console time format: HH:mm MMM D, year only when not the current year") {
  std::int64_t now = epoch_ms_from_civil(2026, 11, 28, 12, 0, 0);
  CHECK(format_console_time(epoch_ms_from_civil(2026, 3, 5, 9, 7, 0), now, 0) == "09:07 Mar 5");
  CHECK(format_console_time(epoch_ms_from_civil(2025, 12, 31, 23, 59, 0), now, 0) == "23:59 Dec 31, 2025");
  // The offset moves the clock and can move the date (and year) too.
  CHECK(format_console_time(epoch_ms_from_civil(2025, 12, 31, 23, 30, 0), now, 120) == "01:30 Jan 1");
  CHECK(format_console_time(0, now, 0) == "Never");
}

TEST_CASE("relative durations") {
  std::int64_t now = 1'800'000'000'000;
  const std::int64_t s = 1000, m = 60 * s, h = 60 * m, d = 24 * h;
  CHECK(format_relative_time(now - 10 * s, now) == "just now");
  CHECK(format_relative_time(now - 70 * s, now) == "1 minute ago");
  CHECK(format_relative_time(now - 5 * m, now) == "5 minutes ago");
  CHECK(format_relative_time(now - 3 * h, now) == "3 hours ago");
  CHECK(format_relative_time(now - 3 * d, now) == "3 days ago");
  CHECK(format_relative_time(now - 60 * d, now) == "2 months ago");
  CHECK(format_relative_time(now - 800 * d, now) == "2 years ago");
  CHECK(format_relative_time(now + 2 * h, now) == "in 2 hours");
  CHECK(format_relative_time(0, now) == "never");
}

TEST_CASE("time zones: standard and daylight offsets with the right transition instants") {
  // Kyiv: EET (+2) in winter, EEST (+3) from the last Sunday of March 01:00 UTC.
  CHECK(utc_offset_minutes("Europe/Kyiv", epoch_ms_from_civil(2026, 1, 15, 12, 0, 0)) == 120);
  CHECK(utc_offset_minutes("Europe/Kyiv", epoch_ms_from_civil(2026, 7, 15, 12, 0, 0)) == 180);
  // 2026-03-29 is the last Sunday of March.
  CHECK(utc_offset_minutes("Europe/Berlin", epoch_ms_from_civil(2026, 3, 29, 0, 59, 0)) == 60);
  CHECK(utc_offset_minutes("Europe/Berlin", epoch_ms_from_civil(2026, 3, 29, 1, 0, 0)) == 120);
  // New York: 2026-03-08 02:00 EST = 07:00 UTC; 2026-11-01 02:00 EDT = 06:00 UTC.
  CHECK(utc_offset_minutes("America/New_York", epoch_ms_from_civil(2026, 3, 8, 6, 59, 0)) == -300);
  CHECK(utc_offset_minutes("America/New_York", epoch_ms_from_civil(2026, 3, 8, 7, 0, 0)) == -240);
  CHECK(utc_offset_minutes("America/New_York", epoch_ms_from_civil(2026, 11, 1, 5, 59, 0)) == -240);
  CHECK(utc_offset_minutes("America/New_York", epoch_ms_from_civil(2026, 11, 1, 6, 0, 0)) == -300);
  // Southern hemisphere: Sydney is on daylight time in January.
  CHECK(utc_offset_minutes("Australia/Sydney", epoch_ms_from_civil(2026, 1, 15, 0, 0, 0)) == 660);
  CHECK(utc_offset_minutes("Australia/Sydney", epoch_ms_from_civil(2026, 7, 15, 0, 0, 0)) == 600);
  CHECK(utc_offset_minutes("Pacific/Auckland", epoch_ms_from_civil(2026, 12, 1, 0, 0, 0)) == 780);
  CHECK(utc_offset_minutes("Asia/Kolkata", epoch_ms_from_civil(2026, 7, 1, 0, 0, 0)) == 330);
  CHECK_FALSE(utc_offset_minutes("Mars/Olympus_Mons", 0).has_value());
  CHECK(format_utc_offset(330) == "UTC+05:30");
  CHECK(format_utc_offset(-300) == "UTC-05:00");
  CHECK(format_utc_offset(0) == "UTC");
}

TEST_CASE("base64 decodes what it encodes and rejects junk") {
  std::string out;
  for (std::string s : {"", "a", "ab", "abc", "abcd", "client:secret"}) {
    REQUIRE(base64_decode(base64_encode(s), out));
    CHECK(out == s);
  }
  CHECK(base64_decode("Y2xpZW50OnNlY3JldA==", out));
  CHECK(out == "client:secret");
  CHECK_FALSE(base64_decode("Y2xp!W50", out));
  CHECK_FALSE(base64_decode("abc", out));
  CHECK_FALSE(base64_decode("ab=c", out));
}

TEST_CASE("upper case mirrors lower case across scripts") {
  for (char32_t c : {U'a', U'é', U'ł', U'ж', U'ї', U'ω', U'ά', U'ź'}) CHECK(utf8::to_lower(utf8::to_upper(c)) == c);
  CHECK(utf8::to_upper(U'ł') == U'Ł');
  CHECK(utf8::to_upper(U'ї') == U'Ї');
  CHECK(utf8::to_upper(U'γ') == U'Γ');
  CHECK(utf8::to_upper(U'1') == U'1');
}

TEST_CASE("search matches: byte ranges of the first case-folded occurrence, none when absent") {
  auto m = find_match("Olena Koval", "kov");
  CHECK(m.found());
  CHECK(m.begin == 6);
  CHECK(m.end == 9);
  m = find_match("Ólafur Þór", "ÞÓ");  // folded across Latin-1, offsets in bytes
  CHECK(m.found());
  CHECK(m.begin == 8);
  CHECK(m.end == 12);
  m = find_match("Γιώργος Παπαδόπουλος", "παπα");
  CHECK(m.found());
  CHECK(std::string("Γιώργος Παπαδόπουλος").substr(m.begin, m.end - m.begin) == "Παπα");
  CHECK_FALSE(find_match("Olena", "").found());
  CHECK_FALSE(find_match("Olena", "x").found());
  CHECK_FALSE(find_match("Olena", "Olena Koval").found());
  CHECK_FALSE(find_match("bad \xff utf8", "bad").found());
  CHECK(location_text(User{}) == "");
}

TEST_CASE("actions intervals: presets end now, custom ranges are checked in words, buckets fit the span") {
  const std::int64_t now = 1'800'000'000'000, hour = 3'600'000, day = 24 * hour;
  ActionsQuery q;
  q.range = ActionsRange::ThreeMonths;
  auto i = resolve_interval(q, now);
  CHECK(i.to_ms == now);
  CHECK(i.length() == 90 * day);
  for (auto r : kActionsRanges) CHECK(parse_range(range_key(r)) == r);
  CHECK_FALSE(parse_range("2w").has_value());
  CHECK(validate_custom_range(now - hour, now - 2 * hour, now) == "The start must be before the end.");
  CHECK(validate_custom_range(now - hour, now + day, now) == "The end cannot be in the future.");
  CHECK(validate_custom_range(now - 91 * day, now, now) == "Actions are kept for 90 days: choose a later start.");
  CHECK(validate_custom_range(now - 89 * day, now - day, now).empty());
  CHECK(histogram_buckets({0, hour}).bucket_ms == 60'000);
  CHECK(histogram_buckets({0, 6 * hour}).count == 360);
  CHECK(histogram_buckets({0, 6 * hour + 1}).bucket_ms == hour);
  CHECK(histogram_buckets({0, 7 * day}).count == 168);
  CHECK(histogram_buckets({0, 90 * day}).count == 90);
  auto wide = histogram_buckets({0, 5000 * day});  // never more than 500 buckets
  CHECK(wide.count <= 500);
  CHECK(wide.bucket_ms * wide.count >= 5000 * day);
  CHECK(is_action_sort_label("Action Code"));
  CHECK_FALSE(is_action_sort_label("Shoe"));
}

TEST_CASE("phone numbers are shown grouped by country code and national part") {
  CHECK(format_phone("+380441234567") == "+380 44 123 4567");
  CHECK(format_phone("+14155550123") == "+1 415 555 0123");
  CHECK(format_phone("+442071234567") == "+44 207 123 4567");
  CHECK(format_phone("+4930123456") == "+49 3012 3456");
  CHECK(format_phone("+8613812345678") == "+86 138 1234 5678");
  CHECK(format_phone("+302101234567") == "+30 210 123 4567");
  CHECK(format_phone("+3531234") == "+353 1234");
  CHECK(format_phone("0441234567") == "0441234567");  // not international: as it was
  CHECK(format_phone("+38044x") == "+38044x");
  CHECK(format_phone("") == "");
  CHECK(std::string(status_meaning("Suspended")) == "Blocked by an administrator.");
  CHECK(std::string(status_meaning("Sleeping")).empty());
}

TEST_CASE("a wall-clock time becomes an instant with the offset in force then, across daylight saving") {
  auto kyiv = [](std::int64_t ms) { return *utc_offset_minutes("Europe/Kyiv", ms); };
  auto new_york = [](std::int64_t ms) { return *utc_offset_minutes("America/New_York", ms); };
  // Summer and winter in Kyiv: UTC+3 and UTC+2, whatever the season now.
  CHECK(epoch_ms_from_local(2026, 7, 1, 12, 0, kyiv) == epoch_ms_from_civil(2026, 7, 1, 9, 0, 0));
  CHECK(epoch_ms_from_local(2026, 1, 15, 12, 0, kyiv) == epoch_ms_from_civil(2026, 1, 15, 10, 0, 0));
  // The hour before and after the spring change (last Sunday of March, 03:00 local becomes 04:00).
  CHECK(epoch_ms_from_local(2026, 3, 29, 2, 30, kyiv) == epoch_ms_from_civil(2026, 3, 29, 0, 30, 0));
  CHECK(epoch_ms_from_local(2026, 3, 29, 4, 30, kyiv) == epoch_ms_from_civil(2026, 3, 29, 1, 30, 0));
  // New York, both sides of the November change (02:00 local becomes 01:00).
  CHECK(epoch_ms_from_local(2026, 11, 1, 0, 30, new_york) == epoch_ms_from_civil(2026, 11, 1, 4, 30, 0));
  CHECK(epoch_ms_from_local(2026, 11, 2, 0, 30, new_york) == epoch_ms_from_civil(2026, 11, 2, 5, 30, 0));
  // The repeated hour resolves to its first pass, still in daylight time.
  CHECK(epoch_ms_from_local(2026, 11, 1, 1, 30, new_york) == epoch_ms_from_civil(2026, 11, 1, 5, 30, 0));
  // A round trip through the console's format at the offset of each instant.
  for (std::int64_t ms : {epoch_ms_from_civil(2026, 3, 29, 6, 0, 0), epoch_ms_from_civil(2026, 10, 25, 6, 0, 0)}) {
    auto c = civil_from_epoch_ms(ms, kyiv(ms));
    CHECK(epoch_ms_from_local(c.year, c.month, c.day, c.hour, c.minute, kyiv) == ms);
  }
}

TEST_CASE("histogram buckets of any range a deep link can name stay whole and at most 500") {
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  for (Interval i : {Interval{0, max}, Interval{max - 1, max}, Interval{-max, max}, Interval{5, 5}}) {
    auto b = histogram_buckets(i);
    CHECK(b.count >= 1);
    CHECK(b.count <= 500);
    CHECK(b.bucket_ms >= 1);
  }
  auto widest = histogram_buckets({0, max});
  CHECK(static_cast<std::uint64_t>(widest.bucket_ms) * static_cast<std::uint64_t>(widest.count) >=
        static_cast<std::uint64_t>(max));
}
