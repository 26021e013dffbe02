#include "model/locale/messages.h"

#include "model/locale/locale.h"
#include "model/number_format.h"

namespace roster {

namespace {

// The locale's form for `count`, else its Other form, else English's, else the key itself.
const char* form_for(Msg key, std::int64_t count) {
  for (const LocaleData* l : {&current_locale(), &english_locale()}) {
    if (const char* s = message_form(*l, key, l->plural(count))) return s;
    if (const char* s = message_form(*l, key, PluralCategory::Other)) return s;
  }
  return kMsgKeyNames[static_cast<std::size_t>(key)];
}

}  // namespace

MsgArg::MsgArg(std::string_view name, std::int64_t number) : name(name), value(group_digits(number)) {}

const char* message_form(const LocaleData& locale, Msg key, PluralCategory category) {
  return locale.messages[static_cast<std::size_t>(key) * kPluralCategoryCount + static_cast<std::size_t>(category)];
}

namespace {

// One pass over the pattern: a value is copied as it is, never read for placeholders itself (a
// searched text of "{count}" stays that text).
std::string fill(std::string_view pattern, std::initializer_list<MsgArg> args, const MsgArg* extra) {
  std::string out;
  out.reserve(pattern.size() + 16);
  std::size_t i = 0;
  while (i < pattern.size()) {
    const std::size_t open = pattern.find('{', i);
    if (open == std::string_view::npos) break;
    const std::size_t close = pattern.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(pattern.substr(i, open - i));
    const std::string_view name = pattern.substr(open + 1, close - open - 1);
    const MsgArg* found = extra && extra->name == name ? extra : nullptr;
    for (const auto& a : args)
      if (a.name == name) found = &a;
    if (found)
      out += found->value;
    else
      out.append(pattern.substr(open, close - open + 1));
    i = close + 1;
  }
  out.append(pattern.substr(i));
  return out;
}

}  // namespace

std::string fill_placeholders(std::string_view pattern, std::initializer_list<MsgArg> args) {
  return fill(pattern, args, nullptr);
}

const char* tr(Msg key) { return form_for(key, 0); }

std::string tr(Msg key, std::initializer_list<MsgArg> args) { return fill_placeholders(tr(key), args); }

std::string tr_count(Msg key, std::int64_t count, std::initializer_list<MsgArg> args) {
  const MsgArg counted("count", count);
  return fill(form_for(key, count), args, &counted);
}

}  // namespace roster
