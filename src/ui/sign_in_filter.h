// The users toolbar's "Last sign-in" filter (section 7's notSignedInForDays): Any, or not signed in
// for 30, 90 or 365 days (last sign-in older than that, or never). A single-choice filter beside Role
// and Status; layout names filter.signin, filter.signin.<choice text>, filter.signin.popup.
#pragma once

#include "ui/ui_context.h"

namespace roster::ui {

void last_sign_in_filter(UiContext& ctx);
// The width its button takes now (the toolbar keeps room for it).
float last_sign_in_filter_width(const UiContext& ctx);

}  // namespace roster::ui
