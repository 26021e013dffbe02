// How a device's cells draw, shared by the Devices screen and the profile's Devices tab: the name,
// the Online/Offline dot, the model, the organization, and Last Updated (the Console's format,
// relative on hover).
#pragma once

#include "model/device.h"
#include "ui/ui_context.h"

#include <string>

namespace roster::ui {

void device_name_cell(UiContext& ctx, const Device& d, float row_h);
void device_status_cell(UiContext& ctx, const Device& d, float row_h);
void device_text_cell(UiContext& ctx, const std::optional<std::string>& text, float row_h);
void device_updated_cell(UiContext& ctx, const Device& d, float row_h);
// What the status and Last Updated cells show, in words (the mirror's gridcells, a row's details);
// empty where a dash is drawn.
std::string device_status_text(const Device& d);
std::string device_updated_text(const UiContext& ctx, const Device& d);

}  // namespace roster::ui
