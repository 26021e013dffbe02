// Bands above a screen's content: what went wrong (with Retry) and what this server cannot offer.
#pragma once

#include "ui/ui_context.h"

#include <string>

namespace roster::ui {

// The banner above content when a request failed: what happened, in words, and Retry.
// `what` failed, in the console's words ("Couldn't load users"), then what the server or the
// connection said.
void error_banner(UiContext& ctx, const char* what, const std::string& message);
// A quiet band saying what this screen cannot show, and why.
void info_banner(UiContext& ctx, const std::string& text, const char* layout_name);
// Against the public Platform API, what is missing is said once, above the table.
void public_api_notice(UiContext& ctx);

}  // namespace roster::ui
