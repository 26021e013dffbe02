// The user profile screen (#/users/<id>): the user's avatar, name, email and status. The header,
// Information, Actions Log and Devices tabs are the profile work's (issue 9).
#pragma once

#include "ui/ui_context.h"

namespace roster::ui {

void draw_profile_view(UiContext& ctx);

}  // namespace roster::ui
