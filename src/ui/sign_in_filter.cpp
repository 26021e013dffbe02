#include "ui/sign_in_filter.h"

#include "model/locale/messages.h"

#include "ui/filter_popup.h"
#include "ui/theme.h"
#include "ui/widgets.h"

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace roster::ui {

namespace {

std::string days_text(int days) { return tr_count(Msg::signin_days_plus, days); }  // on the button: "90+ days"

std::vector<std::pair<std::string, std::string>> choices() {
  std::vector<std::pair<std::string, std::string>> out = {{"0", tr(Msg::signin_any)}};
  for (int days : kNotSignedInChoices) out.push_back({std::to_string(days), tr_count(Msg::signin_not_in, days)});
  return out;
}

}  // namespace

void last_sign_in_filter(UiContext& ctx) {
  const int days = ctx.store.route().users.not_signed_in_days;
  auto options = choices();
  // A deep link may carry other days than the menu's: the menu shows them too, chosen.
  bool listed = days == 0;
  for (int d : kNotSignedInChoices) listed = listed || d == days;
  if (!listed) options.push_back({std::to_string(days), tr_count(Msg::signin_not_in, days)});
  if (auto key = choice_filter(ctx, tr(Msg::signin_label), "signin", options, std::to_string(days), days_text(days)))
    ctx.emit(store::intent::SetNotSignedInFilter{std::atoi(key->c_str())});
}

float last_sign_in_filter_width(const UiContext& ctx) {
  const int days = ctx.store.route().users.not_signed_in_days;
  std::string text =
      days ? std::string(tr(Msg::signin_label)) + " \xC2\xB7 " + days_text(days) : std::string(tr(Msg::signin_label));
  text += std::string("  ") + icon::kCaretDown;
  return framed_width(text.c_str());
}

}  // namespace roster::ui
