#include "ui/orgs_view.h"

#include "ui/banners.h"
#include "ui/widgets.h"

#include <algorithm>
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
  if (tree.error()) error_banner(ctx, "Couldn't load organizations", tree.error()->message);

  const float row_h = t.px(44), header_h = t.px(40);
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float width = ImGui::GetContentRegionAvail().x;
  auto nodes = tree.visible();
  // The card is as tall as its rows, up to the space left; a larger tree scrolls inside it under a
  // fixed header (a whole tree of thousands of organizations expanded stays usable).
  float rows_h = row_h * static_cast<float>(std::max<std::size_t>(nodes.size(), 3));
  float height =
      std::min(header_h + rows_h, std::max(header_h + row_h * 3, ImGui::GetContentRegionAvail().y - t.px(8)));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), p.surface, t.px(8));
  draw->AddRect(origin, ImVec2(origin.x + width, origin.y + height), p.border, t.px(8));

  // Columns: name (with the tree), users, devices, location.
  const float col_users = width * 0.55f, col_devices = width * 0.67f, col_loc = width * 0.78f;
  ImGui::PushFont(t.fonts.header);
  float hy = origin.y + (header_h - ImGui::GetFontSize()) * 0.5f;
  draw->AddText(ImVec2(origin.x + t.px(16), hy), p.muted, "Name");
  draw->AddText(ImVec2(origin.x + col_users, hy), p.muted, "Users");
  draw->AddText(ImVec2(origin.x + col_devices, hy), p.muted, "Devices");
  draw->AddText(ImVec2(origin.x + col_loc, hy), p.muted, "Location");
  ImGui::PopFont();

  if (nodes.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x + t.px(16), origin.y + header_h + t.px(12)));
    placeholder_bar(t, width * 0.3f, t.px(10));
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height + t.px(8)));
    ImGui::Dummy(ImVec2(0, 0));
    return;
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + header_h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::BeginChild("org-rows", ImVec2(width, height - header_h), false, ImGuiWindowFlags_NoBackground);
  draw = ImGui::GetWindowDrawList();
  const bool rows_hovered = ImGui::IsWindowHovered();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(nodes.size()), row_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto* n = nodes[static_cast<std::size_t>(i)];
      const auto& org = n->data.org;
      const ImVec2 row_origin = ImGui::GetCursorScreenPos();
      const float left = row_origin.x, y = row_origin.y;
      draw->AddLine(ImVec2(left, y), ImVec2(left + width, y), p.border);
      ImVec2 row_min(left + t.px(1), y + t.px(1)), row_max(left + width - t.px(1), y + row_h);
      if (rows_hovered && ImGui::IsMouseHoveringRect(row_min, row_max)) draw->AddRectFilled(row_min, row_max, p.hover);
      float ty = y + (row_h - ImGui::GetFontSize()) * 0.5f;
      float x = left + t.px(16) + t.px(24) * static_cast<float>(n->depth);
      bool has_children = n->data.sub_orgs_count.value_or(1) > 0;
      ImGui::PushID(org.id);
      if (has_children) {
        ImGui::SetCursorScreenPos(ImVec2(x - t.px(4), y + (row_h - t.px(24)) * 0.5f));
        if (ImGui::InvisibleButton("toggle", ImVec2(t.px(24), t.px(24)))) ctx.emit(store::intent::ToggleOrg{org.id});
        ctx.mark("org." + std::to_string(org.id) + ".toggle");
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        // A chevron: right when closed, down when open.
        ImVec2 c(x + t.px(8), y + row_h * 0.5f);
        float s = t.px(4);
        if (n->expanded)
          draw->AddTriangleFilled(ImVec2(c.x - s, c.y - s * 0.5f), ImVec2(c.x + s, c.y - s * 0.5f),
                                  ImVec2(c.x, c.y + s * 0.7f), p.muted);
        else
          draw->AddTriangleFilled(ImVec2(c.x - s * 0.5f, c.y - s), ImVec2(c.x + s * 0.7f, c.y),
                                  ImVec2(c.x - s * 0.5f, c.y + s), p.muted);
      }
      ImGui::SetCursorScreenPos(ImVec2(x + t.px(24), ty));
      ImGui::PushFont(n->depth == 0 ? t.fonts.body_bold : t.fonts.body);
      fitted_text(t, org.name, left + col_users - x - t.px(40));
      ImGui::PopFont();
      ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
      ctx.mark("org." + std::to_string(org.id) + ".name");
      if (rows_hovered && ImGui::IsMouseHoveringRect(a, b)) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        draw->AddLine(ImVec2(a.x, b.y), b, p.text, t.px(1));
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
          store::Route r;
          r.users.org_id = org.id;
          r.users.preset = UserPreset::OrgMembers;
          ctx.emit(store::intent::Navigate{r});
        }
      }
      auto count = [&](float cx, const std::optional<std::int64_t>& v) {
        std::string text = v ? std::to_string(*v) : std::string("\xE2\x80\x94");
        draw->AddText(ImVec2(left + cx, ty), v ? p.text : p.muted, text.c_str());
      };
      count(col_users, n->data.users_count);
      count(col_devices, n->data.devices_count);
      std::string loc = org.address.city + (org.address.country.empty() ? "" : ", " + org.address.country);
      draw->AddText(ImVec2(left + col_loc, ty), p.text, loc.c_str());
      ImGui::PopID();
      ImGui::SetCursorScreenPos(row_origin);
      ImGui::Dummy(ImVec2(width, row_h));  // the row's place in the scrolled list
    }
  }
  clipper.End();
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height + t.px(8)));
  ImGui::Dummy(ImVec2(0, 0));
}

}  // namespace roster::ui
