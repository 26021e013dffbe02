// Where a popup or menu opens: against the control that opened it (its anchor: a button, a column's
// header), never over it. Below the anchor, or above it when there is no room below, kept inside the
// viewport with a margin; a popup taller than the room on either side takes the roomier side and
// scrolls. ImGui's own placement opens a popup at the pointer, over the button that opened it.
#pragma once

#include "ui/ui_context.h"

#include <cfloat>
#include <string>

namespace roster::ui {

// Call just before BeginPopup (BeginPopupEx) of `popup_id`; `min_size` and `max_size` bound its size
// as SetNextWindowSizeConstraints would (this sets them, so do not set them as well).
void place_popup(const Theme& t, ImGuiID popup_id, ImVec2 anchor_min, ImVec2 anchor_max, ImVec2 min_size = ImVec2(0, 0),
                 ImVec2 max_size = ImVec2(FLT_MAX, FLT_MAX));
// The same for the popup `str_id` (BeginPopup's id) opened by the last item drawn (its button).
void place_popup_at_last_item(const Theme& t, const char* str_id, ImVec2 min_size = ImVec2(0, 0),
                              ImVec2 max_size = ImVec2(FLT_MAX, FLT_MAX));
// Inside an open popup: its whole window's rectangle goes into the layout as `name`.
void mark_popup(const UiContext& ctx, const std::string& name);

}  // namespace roster::ui
