#include "ui/orgs_view.h"

#include "model/locale/messages.h"

#include "model/number_format.h"
#include "ui/banners.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>

namespace roster::ui {

namespace {

store::Route members_of(int org_id) {
  store::Route r;
  r.users.org_id = org_id;
  r.users.preset = UserPreset::OrgMembers;
  return r;
}

std::string count_text(const std::optional<std::int64_t>& v) {
  return v ? group_digits(*v) : std::string("\xE2\x80\x94");
}

}  // namespace

void OrgsView::keys(UiContext& ctx, const std::vector<const store::OrgTree::Node*>& nodes) {
  if (!keyboard_ || nodes.empty() || ImGui::IsAnyItemActive() || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
    return;
  int row = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i]->data.org.id == cursor_org_) row = static_cast<int>(i);
  const int last = static_cast<int>(nodes.size()) - 1;
  const auto* n = nodes[static_cast<std::size_t>(row)];
  const bool has_children = n->data.sub_orgs_count.value_or(1) > 0;
  int next = row;
  if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) next = std::min(last, row + 1);
  if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) next = std::max(0, row - 1);
  if (ImGui::IsKeyPressed(ImGuiKey_Home, false)) next = 0;
  if (ImGui::IsKeyPressed(ImGuiKey_End, false)) next = last;
  if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) {
    if (has_children && !n->expanded)
      ctx.emit(store::intent::ToggleOrg{n->data.org.id});
    else if (n->expanded && row < last && nodes[static_cast<std::size_t>(row + 1)]->depth > n->depth)
      next = row + 1;  // open already: to its first child
  }
  if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) {
    if (n->expanded) {
      ctx.emit(store::intent::ToggleOrg{n->data.org.id});
    } else {
      for (int i = row - 1; i >= 0; --i)  // closed: to its parent
        if (nodes[static_cast<std::size_t>(i)]->depth < n->depth) {
          next = i;
          break;
        }
    }
  }
  if (ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false))
    ctx.emit(store::intent::Navigate{members_of(n->data.org.id)});
  if (next != row) scroll_to_cursor_ = true;
  cursor_org_ = nodes[static_cast<std::size_t>(next)]->data.org.id;
}

void OrgsView::draw(UiContext& ctx) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  auto& tree = ctx.store.orgs();
  ImGui::PushFont(t.fonts.title);
  ImGui::TextUnformatted(tr(Msg::orgs_title));
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(0, t.px(12)));
  if (tree.error()) error_banner(ctx, tr(Msg::orgs_load_failed), tree.error()->message);

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
  draw->AddText(ImVec2(origin.x + t.px(16), hy), p.muted, tr(Msg::orgs_col_name));
  draw->AddText(ImVec2(origin.x + col_users, hy), p.muted, tr(Msg::orgs_col_users));
  draw->AddText(ImVec2(origin.x + col_devices, hy), p.muted, tr(Msg::orgs_col_devices));
  draw->AddText(ImVec2(origin.x + col_loc, hy), p.muted, tr(Msg::orgs_col_location));
  ImGui::PopFont();

  // The tree grid for the mirror: the header row, then the rows drawn (aria-rowindex counts the header).
  const std::string outer = ctx.a11y_parent;
  if (ctx.a11y) {
    A11yNode& g = ctx.a11y->add("orgs", outer, "treegrid", tr(Msg::orgs_title));
    g.x0 = origin.x, g.y0 = origin.y, g.x1 = origin.x + width, g.y1 = origin.y + height;
    g.row_count = static_cast<std::int64_t>(nodes.size()) + 1;
    g.col_count = 4;
    A11yNode& hr = ctx.a11y->add("orgs.header", "orgs", "row", "");
    hr.x0 = origin.x, hr.y0 = origin.y, hr.x1 = origin.x + width, hr.y1 = origin.y + header_h;
    hr.row_index = 1;
    const float xs[] = {origin.x, origin.x + col_users, origin.x + col_devices, origin.x + col_loc, origin.x + width};
    const char* titles[] = {tr(Msg::orgs_col_name), tr(Msg::orgs_col_users), tr(Msg::orgs_col_devices),
                            tr(Msg::orgs_col_location)};
    for (int c = 0; c < 4; ++c) {
      A11yNode& h = ctx.a11y->add("orgs.header." + std::to_string(c), "orgs.header", "columnheader", titles[c]);
      h.x0 = xs[c], h.y0 = origin.y, h.x1 = xs[c + 1], h.y1 = origin.y + header_h;
      h.col_index = c + 1;
    }
  }
  keys(ctx, nodes);
  const FocusChain::Stop stop = ctx.stop_at("orgs", origin, ImVec2(origin.x + width, origin.y + height), false);
  if (stop.focused)
    keyboard_ = true;
  else if (ctx.focus && ctx.focus->ring_visible())
    keyboard_ = false;

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
  if (scroll_to_cursor_) {  // the keyboard's row into view, by the least scroll
    for (std::size_t i = 0; i < nodes.size(); ++i)
      if (nodes[i]->data.org.id == cursor_org_) {
        const float top = row_h * static_cast<float>(i), view = height - header_h;
        if (top < ImGui::GetScrollY()) ImGui::SetScrollY(top);
        if (top + row_h > ImGui::GetScrollY() + view) ImGui::SetScrollY(top + row_h - view);
      }
    scroll_to_cursor_ = false;
  }
  const int cursor = cursor_org_ ? cursor_org_ : nodes.front()->data.org.id;
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
      if (keyboard_ && org.id == cursor) {  // the keyboard's row: the focus ring around it
        draw->AddRectFilled(row_min, row_max, p.hover);
        draw->AddRect(row_min, row_max, p.focus, t.px(4), 0, t.px(2));
      }
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
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) ctx.emit(store::intent::Navigate{members_of(org.id)});
      }
      auto count = [&](float cx, const std::optional<std::int64_t>& v) {
        draw->AddText(ImVec2(left + cx, ty), v ? p.text : p.muted, count_text(v).c_str());
      };
      count(col_users, n->data.users_count);
      count(col_devices, n->data.devices_count);
      std::string loc = org.address.city + (org.address.country.empty() ? "" : ", " + org.address.country);
      draw->AddText(ImVec2(left + col_loc, ty), p.text, loc.c_str());
      if (ctx.a11y) {  // the row: its level, open or closed; activating it opens or closes the branch
        const std::string id = "orgs.row." + std::to_string(org.id);
        A11yNode& r = ctx.a11y->add(id, "orgs", "row", "");
        r.x0 = row_min.x, r.y0 = row_min.y, r.x1 = row_max.x, r.y1 = row_max.y;
        r.row_index = i + 2;
        r.level = n->depth + 1;
        if (has_children) {
          r.expanded = n->expanded ? 1 : 0;
          r.intent = store::intent::ToggleOrg{org.id};
        }
        r.selected = keyboard_ && org.id == cursor ? 1 : -1;
        const float xs[] = {left, left + col_users, left + col_devices, left + col_loc, left + width};
        const std::string texts[] = {org.name, count_text(n->data.users_count), count_text(n->data.devices_count), loc};
        for (int c = 0; c < 4; ++c) {
          A11yNode& cell = ctx.a11y->add(id + "." + std::to_string(c), id, "gridcell", "");
          cell.x0 = xs[c], cell.y0 = row_min.y, cell.x1 = xs[c + 1], cell.y1 = row_max.y;
          cell.col_index = c + 1;
          cell.value = texts[c];
          if (c == 0) cell.intent = store::intent::Navigate{members_of(org.id)};  // the name shows its users
        }
      }
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
