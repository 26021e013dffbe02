// The Organizations screen: the organization tree (expand a branch to fetch its sub-organizations),
// with users and devices counts; choosing an organization shows only its users.
#pragma once

#include "ui/ui_context.h"

namespace roster::ui {

void draw_orgs_view(UiContext& ctx);

}  // namespace roster::ui
