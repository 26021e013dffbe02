#include "ui/orgs_view.h"

#include "ui/users_view.h"
#include "ui/widgets.h"

#include <cmath>

namespace roster::ui {

void draw_orgs_view(UiContext& ctx) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  auto& tree = ctx.store.orgs();
  ImGui::PushFont(t.fonts.title);
  ImGui::TextUnformatted("Organizations");
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(0, t.px(12)));
  if (tree.error()) error_banner(ctx, tree.error()->message);

  const float row_h = t.px(44), header_h = t.px(40);
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float width = ImGui::GetContentRegionAvail().x;
  auto nodes = tree.visible();
  float height = header_h + row_h * static_cast<float>(std::max<std::size_t>(nodes.size(), 3));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), p.surface, t.px(8));
  draw->AddRect(origin, ImVec2(origin.x + width, origin.y + height), p.border, t.px(8));

  // Columns: name (with the tree), users, devices, location.
  const float col_users = origin.x + width * 0.55f, col_devices = origin.x + width * 0.67f, col_loc = origin.x + width * 0.78f;
  ImGui::PushFont(t.fonts.header);
  float hy = origin.y + (header_h - ImGui::GetFontSize()) * 0.5f;
  draw->AddText(ImVec2(origin.x + t.px(16), hy), p.muted, "Name");
  draw->AddText(ImVec2(col_users, hy), p.muted, "Users");
  draw->AddText(ImVec2(col_devices, hy), p.muted, "Devices");
  draw->AddText(ImVec2(col_loc, hy), p.muted, "Location");
  ImGui::PopFont();

  if (nodes.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x + t.px(16), origin.y + header_h + t.px(12)));
    placeholder_bar(t, width * 0.3f, t.px(10));
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto* n = nodes[i];
    const auto& org = n->data.org;
    float y = origin.y + header_h + row_h * static_cast<float>(i);
    draw->AddLine(ImVec2(origin.x, y), ImVec2(origin.x + width, y), p.border);
    ImVec2 row_min(origin.x + t.px(1), y + t.px(1)), row_max(origin.x + width - t.px(1), y + row_h);
    if (ImGui::IsMouseHoveringRect(row_min, row_max) && ImGui::IsWindowHovered()) draw->AddRectFilled(row_min, row_max, p.hover);
    float ty = y + (row_h - ImGui::GetFontSize()) * 0.5f;
    float x = origin.x + t.px(16) + t.px(24) * static_cast<float>(n->depth);
    bool has_children = n->data.sub_orgs_count.value_or(1) > 0;
    ImGui::PushID(org.id);
    if (has_children) {
      ImGui::SetCursorScreenPos(ImVec2(x - t.px(4), y + (row_h - t.px(24)) * 0.5f));
      if (ImGui::InvisibleButton("toggle", ImVec2(t.px(24), t.px(24)))) tree.toggle(org.id, ctx.now_ms);
      ctx.mark("org." + std::to_string(org.id) + ".toggle");
      if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      // A chevron: right when closed, down when open.
      ImVec2 c(x + t.px(8), y + row_h * 0.5f);
      float s = t.px(4);
      if (n->expanded)
        draw->AddTriangleFilled(ImVec2(c.x - s, c.y - s * 0.5f), ImVec2(c.x + s, c.y - s * 0.5f), ImVec2(c.x, c.y + s * 0.7f), p.muted);
      else
        draw->AddTriangleFilled(ImVec2(c.x - s * 0.5f, c.y - s), ImVec2(c.x + s * 0.7f, c.y), ImVec2(c.x - s * 0.5f, c.y + s), p.muted);
    }
    ImGui::SetCursorScreenPos(ImVec2(x + t.px(24), ty));
    ImGui::PushFont(n->depth == 0 ? t.fonts.body_bold : t.fonts.body);
    fitted_text(t, org.name, col_users - x - t.px(40));
    ImGui::PopFont();
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ctx.mark("org." + std::to_string(org.id) + ".name");
    if (ImGui::IsMouseHoveringRect(a, b) && ImGui::IsWindowHovered()) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      draw->AddLine(ImVec2(a.x, b.y), b, p.text, t.px(1));
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        store::Route r;
        r.users.org_id = org.id;
        r.users.preset = api::UserPreset::OrgMembers;
        ctx.store.navigate(r, true, ctx.now_ms);
      }
    }
    auto count = [&](float cx, const std::optional<std::int64_t>& v) {
      std::string text = v ? std::to_string(*v) : std::string("\xE2\x80\x94");
      draw->AddText(ImVec2(cx, ty), v ? p.text : p.muted, text.c_str());
    };
    count(col_users, n->data.users_count);
    count(col_devices, n->data.devices_count);
    std::string loc = org.address.city + (org.address.country.empty() ? "" : ", " + org.address.country);
    draw->AddText(ImVec2(col_loc, ty), p.text, loc.c_str());
    if (n->loading) {
      ImGui::SetCursorScreenPos(ImVec2(x + t.px(24), y + row_h + t.px(16)));
    }
    ImGui::PopID();
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height + t.px(8)));
  ImGui::Dummy(ImVec2(0, 0));
}

}  // namespace roster::ui
