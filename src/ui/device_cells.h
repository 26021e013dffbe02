// How a device's cells draw, shared by the Devices screen and the profile's Devices tab: the name,
// the Online/Offline dot, the model, the organization, and Last Updated (the Console's format,
// relative on hover).
#pragma once

#include "model/device.h"
#include "ui/ui_context.h"

namespace roster::ui {

void device_name_cell(UiContext& ctx, const Device& d, float row_h);
void device_status_cell(UiContext& ctx, const Device& d, float row_h);
void device_text_cell(UiContext& ctx, const std::optional<std::string>& text, float row_h);
void device_updated_cell(UiContext& ctx, const Device& d, float row_h);

}  // namespace roster::ui
