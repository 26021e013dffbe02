#include "ui/profile_view.h"

#include "ui/banners.h"
#include "ui/widgets.h"

namespace roster::ui {

void draw_profile_view(UiContext& ctx) {
  const Theme& t = ctx.theme;
  const auto& store = ctx.store;
  if (store.profile_error()) {
    error_banner(ctx, store.profile_error()->message);
    return;
  }
  const auto& u = store.profile_user();
  if (!u) {
    placeholder_bar(t, t.px(260), t.px(22));
    return;
  }
  avatar(t, u->name, u->id, t.px(56));
  ImGui::SameLine(0, t.px(16));
  ImGui::BeginGroup();
  ImGui::PushFont(t.fonts.title);
  ImGui::TextUnformatted(u->name.c_str());
  ImGui::PopFont();
  ImGui::TextColored(to_vec4(t.colors.muted), "%s", u->email.c_str());
  ImGui::EndGroup();
  ImGui::Dummy(ImVec2(0, t.px(16)));
  if (u->status) status_badge(t, *u->status);
  ImGui::Dummy(ImVec2(0, t.px(8)));
  ImGui::TextColored(to_vec4(t.colors.muted),
                     "Information, Actions Log and Devices tabs arrive with the profile work.");
}

}  // namespace roster::ui
