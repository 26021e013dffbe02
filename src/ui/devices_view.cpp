#include "ui/devices_view.h"

#include "ui/widgets.h"

namespace roster::ui {

void draw_devices_view(UiContext& ctx) {
  ImGui::PushFont(ctx.theme.fonts.title);
  ImGui::TextUnformatted("Devices");
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(0, ctx.theme.px(8)));
  ImGui::TextColored(to_vec4(ctx.theme.colors.muted), "%s", "The devices list arrives with a later piece of work.");
}

}  // namespace roster::ui
