// The message catalog: every word a person reads, by key (Msg, generated from assets/locales/en.json),
// in the language in force. Placeholders are named ("{count} users", "{name} was saved"); a message
// with plural forms picks the one CLDR's rules give for its count. A message a translation lacks
// reads in English (the model suite fails while any is missing).
#pragma once

#include "model/locale/locale_data.h"
#include "model/locale/msg_keys.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace roster {

// A placeholder's value: text, or a number written with the locale's grouping ("100 000").
struct MsgArg {
  MsgArg(std::string_view name, std::string value) : name(name), value(std::move(value)) {}
  MsgArg(std::string_view name, const char* value) : name(name), value(value) {}
  MsgArg(std::string_view name, std::int64_t number);
  MsgArg(std::string_view name, int number) : MsgArg(name, static_cast<std::int64_t>(number)) {}
  std::string_view name;
  std::string value;
};

// A plain message (no placeholders): its text, which lives as long as the program.
const char* tr(Msg key);
// A message with placeholders filled.
std::string tr(Msg key, std::initializer_list<MsgArg> args);
// A message with plural forms for `count` ({count} is filled, grouped), and any other placeholders.
std::string tr_count(Msg key, std::int64_t count, std::initializer_list<MsgArg> args = {});

// The raw form, for the tests and the formatting code: null when the locale lacks it.
const char* message_form(const LocaleData& locale, Msg key, PluralCategory category);
// Fills `{name}` placeholders of `pattern` (unknown ones are left as they are).
std::string fill_placeholders(std::string_view pattern, std::initializer_list<MsgArg> args);

}  // namespace roster
