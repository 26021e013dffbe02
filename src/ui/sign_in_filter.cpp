#include "ui/sign_in_filter.h"

#include "ui/filter_popup.h"
#include "ui/theme.h"
#include "ui/widgets.h"

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace roster::ui {

namespace {

constexpr const char* kLabel = "Last sign-in";

std::string days_text(int days) { return std::to_string(days) + "+ days"; }  // on the button: "90+ days"

std::vector<std::pair<std::string, std::string>> choices() {
  std::vector<std::pair<std::string, std::string>> out = {{"0", "Any"}};
  for (int days : kNotSignedInChoices)
    out.push_back({std::to_string(days), "Not in " + std::to_string(days) + " days"});
  return out;
}

}  // namespace

void last_sign_in_filter(UiContext& ctx) {
  const int days = ctx.store.route().users.not_signed_in_days;
  auto options = choices();
  // A deep link may carry other days than the menu's: the menu shows them too, chosen.
  bool listed = days == 0;
  for (int d : kNotSignedInChoices) listed = listed || d == days;
  if (!listed) options.push_back({std::to_string(days), "Not in " + std::to_string(days) + " days"});
  if (auto key = choice_filter(ctx, kLabel, "signin", options, std::to_string(days), days_text(days)))
    ctx.emit(store::intent::SetNotSignedInFilter{std::atoi(key->c_str())});
}

float last_sign_in_filter_width(const UiContext& ctx) {
  const int days = ctx.store.route().users.not_signed_in_days;
  std::string text = days ? std::string(kLabel) + " \xC2\xB7 " + days_text(days) : std::string(kLabel);
  text += std::string("  ") + icon::kCaretDown;
  return framed_width(text.c_str());
}

}  // namespace roster::ui
