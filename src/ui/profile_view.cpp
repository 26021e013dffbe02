#include "ui/profile_view.h"

#include "ui/user_admin_controls.h"

#include "model/locale/messages.h"
#include "model/time_format.h"
#include "ui/banners.h"
#include "ui/widgets.h"

#include <string>

namespace roster::ui {

namespace {

// One of the header's facts: muted label, then the value.
void header_fact(const Theme& t, const char* label, const std::string& value) {
  ImGui::TextColored(to_vec4(t.colors.muted), "%s", label);
  ImGui::SameLine(0, t.px(6));
  ImGui::TextUnformatted(value.c_str());
}

void placeholder_header(const Theme& t) {
  ImGui::Dummy(ImVec2(0, t.px(4)));
  placeholder_bar(t, t.px(260), t.px(22));
  ImGui::Dummy(ImVec2(0, t.px(8)));
  placeholder_bar(t, t.px(180), t.px(12));
  ImGui::Dummy(ImVec2(0, t.px(24)));
}

}  // namespace

void ProfileView::draw_header(UiContext& ctx, const User& u) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  // A narrow console (a box in a host page, a phone) stacks the header: the avatar above the facts,
  // one fact a line.
  const bool narrow = ImGui::GetContentRegionAvail().x < t.px(560);
  const float d = narrow ? t.px(48) : t.px(64);
  ImVec2 start = ImGui::GetCursorScreenPos();
  avatar(t, u.name, u.id, d);
  ImGui::SetCursorScreenPos(narrow ? ImVec2(start.x, start.y + d + t.px(12)) : ImVec2(start.x + d + t.px(20), start.y));
  ImGui::BeginGroup();
  ImGui::PushFont(t.fonts.title);
  fitted_text(t, u.name, ImGui::GetContentRegionAvail().x * (narrow ? 0.9f : 0.6f));
  ImGui::PopFont();
  ctx.mark("profile.name");
  if (A11yNode* n = ctx.say("profile.name", "heading", u.name)) n->level = 2;
  ImGui::SameLine(0, t.px(12));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + t.px(4));
  if (u.status) {
    status_badge(t, *u.status);
    ImGui::SameLine(0, t.px(8));
  }
  bool admin = u.roleId == 1;
  std::string role = ctx.store.role_name(u.roleId);
  ImVec2 rp = ImGui::GetCursorScreenPos();
  float rw = badge(t, role.c_str(), admin ? p.accent : p.muted, admin ? p.accent_soft : IM_COL32(0, 0, 0, 0));
  if (!admin)
    ImGui::GetWindowDrawList()->AddRect(rp, ImVec2(rp.x + rw, rp.y + badge_height(t)), p.border,
                                        badge_height(t) * 0.5f);
  // Organization and country.
  std::string where = u.orgName.value_or("");
  if (u.country && !u.country->empty()) where += (where.empty() ? "" : " \xC2\xB7 ") + *u.country;
  if (!where.empty()) ImGui::TextColored(to_vec4(p.muted), "%s", where.c_str());
  // Email (a click copies it) and the last login.
  ImGui::TextColored(to_vec4(p.text), "%s", u.email.c_str());
  ctx.mark("profile.email");
  if (A11yNode* n = ctx.say("profile.email", "button", tr(Msg::profile_copy_email, {{"email", u.email}})))
    n->clicks = true;
  if (ImGui::IsItemHovered()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::SetTooltip("%s", tr(Msg::profile_click_to_copy));
  }
  if (ImGui::IsItemClicked()) {
    ImGui::SetClipboardText(u.email.c_str());
    ctx.emit(store::intent::ShowToast{tr(Msg::profile_email_copied)});
  }
  ImGui::SameLine(0, t.px(6));
  ImGui::TextColored(to_vec4(p.muted), "%s", icon::kCopy);
  if (!narrow) ImGui::SameLine(0, t.px(24));
  if (u.lastLoggedAt && *u.lastLoggedAt > 0) {
    header_fact(t, tr(Msg::profile_last_login),
                format_console_time(*u.lastLoggedAt, ctx.now_ms, ctx.offset(*u.lastLoggedAt)));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", format_relative_time(*u.lastLoggedAt, ctx.now_ms).c_str());
  } else if (u.status) {
    header_fact(t, tr(Msg::profile_last_login), tr(Msg::profile_never_signed_in));
  }
  if (u.tags && !u.tags->empty()) {
    for (std::size_t i = 0; i < u.tags->size(); ++i) {
      if (i) ImGui::SameLine(0, t.px(6));
      tag_chip(t, (*u.tags)[i]);
    }
  }
  ImGui::EndGroup();
  float bottom = std::max(narrow ? start.y : start.y + d, ImGui::GetItemRectMax().y);
  // Narrow, the Actions button goes under the facts: the tabs go under it.
  const float actions_bottom = draw_header_actions(ctx, u, start, narrow);
  if (narrow) bottom = std::max(bottom, actions_bottom);
  ImGui::SetCursorScreenPos(ImVec2(start.x, bottom + t.px(20)));
}

// The user's actions, top right of the header (below the facts when narrow): a menu of what the
// signed-in role may do, opening under its button.
float ProfileView::draw_header_actions(UiContext& ctx, const User& u, ImVec2 start, bool narrow) {
  if (!ctx.dialogs || ctx.store.admin_ability() == store::AdminAbility::None) return 0;
  const Theme& t = ctx.theme;
  const std::string label = std::string(tr(Msg::profile_actions)) + "  " + icon::kCaretDown;
  const float w = button_width(t, label.c_str());
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (narrow)
    ImGui::SetCursorScreenPos(ImVec2(start.x, ImGui::GetItemRectMax().y + t.px(12)));
  else
    ImGui::SetCursorScreenPos(ImVec2(right - w, start.y));
  const bool open = secondary_button(t, label.c_str());
  ctx.mark("profile.actions");
  if (A11yNode* n = ctx.say("profile.actions", "button", tr(Msg::profile_actions))) {
    n->clicks = true;
    n->expanded = ImGui::IsPopupOpen("##profile-actions") ? 1 : 0;
  }
  ctx.stop("profile.actions");
  const ImVec2 below(ImGui::GetItemRectMax().x - w, ImGui::GetItemRectMax().y + t.px(4));
  if (open) ImGui::OpenPopup("##profile-actions");
  ImGui::SetNextWindowPos(ImVec2(std::max(below.x - t.px(160), ImGui::GetWindowPos().x), below.y));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.px(8), t.px(8)));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.px(8), t.px(6)));
  ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, t.px(8));
  if (ImGui::BeginPopup("##profile-actions")) {
    const std::string outer = say_menu(ctx, "profile-actions", tr(Msg::profile_actions_for, {{"name", u.name}}));
    user_action_items(ctx, *ctx.dialogs, u);
    close_popup_on_escape();
    ctx.a11y_parent = outer;
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar(3);
  return below.y - t.px(4);
}

void ProfileView::draw_tabs(UiContext& ctx) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  const auto current = ctx.store.route().tab;
  struct Tab {
    store::ProfileTab tab;
    const char* label;
  };
  const Tab tabs[] = {{store::ProfileTab::Info, tr(Msg::profile_tab_info)},
                      {store::ProfileTab::Actions, tr(Msg::profile_tab_actions_log)},
                      {store::ProfileTab::Devices, tr(Msg::profile_tab_devices)}};
  ImVec2 line_start = ImGui::GetCursorScreenPos();
  ImVec2 current_min, current_max;
  int current_index = 0;
  const int count = static_cast<int>(sizeof tabs / sizeof tabs[0]);
  for (int i = 0; i < count; ++i) {
    const auto& tab = tabs[i];
    bool active = tab.tab == current;
    ImGui::PushID(tab.label);
    bool clicked = underline_tab(t, tab.label, active);
    ImGui::PopID();
    ctx.mark(std::string("tab.") + store::tab_key(tab.tab));
    if (ctx.a11y) {
      A11yNode& n = ctx.a11y->add_last_item(std::string("tab.") + store::tab_key(tab.tab), "tabs", "tab", tab.label);
      n.selected = active ? 1 : 0;
      n.intent = store::intent::SetProfileTab{tab.tab};
    }
    if (active) {
      current_min = ImGui::GetItemRectMin();
      current_max = ImGui::GetItemRectMax();
      current_index = i;
    }
    if (clicked && !active) ctx.emit(store::intent::SetProfileTab{tab.tab});
    ImGui::SameLine(0, t.px(32));
  }
  // The tab list is one Tab stop, on the current tab (WAI-ARIA tabs, automatic activation): Left and
  // Right go to the previous and next tab (wrapping), Home and End to the first and last.
  // The ring goes a little wider than the tab's own box, which ends at the text's top.
  const ImVec2 pad(t.px(6), t.px(4));
  if (ctx.stop_at("profile.tabs", ImVec2(current_min.x - pad.x, current_min.y - pad.y),
                  ImVec2(current_max.x + pad.x, current_max.y), false)
          .focused &&
      !ImGui::IsAnyItemActive()) {
    int next = current_index;
    if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) next = (current_index + count - 1) % count;
    if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) next = (current_index + 1) % count;
    if (ImGui::IsKeyPressed(ImGuiKey_Home, false)) next = 0;
    if (ImGui::IsKeyPressed(ImGuiKey_End, false)) next = count - 1;
    if (next != current_index) ctx.emit(store::intent::SetProfileTab{tabs[next].tab});
  }
  ImGui::NewLine();
  float w = ImGui::GetContentRegionAvail().x;
  float y = ImGui::GetCursorScreenPos().y - t.px(4);
  ImGui::GetWindowDrawList()->AddLine(ImVec2(line_start.x, y), ImVec2(line_start.x + w, y), p.border);
  ImGui::Dummy(ImVec2(0, t.px(12)));
}

// Esc and Backspace go back to the list, as the breadcrumb's first part does, unless a text field, a
// menu or a dialog has the keys (Esc closes those; Backspace deletes). A button pressed by Enter just
// before stays active until it is drawn again, later in this frame: only a text field counts.
void ProfileView::handle_back_keys(UiContext& ctx) {
  if (ImGui::GetIO().WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
  if (!ImGui::IsKeyPressed(ImGuiKey_Escape, false) && !ImGui::IsKeyPressed(ImGuiKey_Backspace, false)) return;
  store::Route r;
  r.users = ctx.store.route().users;
  ctx.emit(store::intent::Navigate{r});
  // Back in the grid the profile was opened from, with its keys (arrows, Enter) at once.
  if (ctx.focus) ctx.focus->focus("users.table");
}

void ProfileView::draw(UiContext& ctx) {
  handle_back_keys(ctx);
  const auto& profile = ctx.store.profile();
  if (profile.error() && !profile.user()) {
    error_banner(ctx, tr(Msg::profile_load_failed), profile.error()->message);
    return;
  }
  if (!profile.user()) {
    placeholder_header(ctx.theme);
  } else {
    draw_header(ctx, *profile.user());
  }
  if (ctx.a11y) ctx.a11y->add("tabs", ctx.a11y_parent, "tablist", tr(Msg::profile_tabs_label));
  const std::size_t tabs_node = ctx.a11y ? ctx.a11y->nodes().size() - 1 : 0;
  const ImVec2 tabs_top = ImGui::GetCursorScreenPos();
  draw_tabs(ctx);
  const std::string outer = ctx.a11y_parent;
  if (ctx.a11y) {
    // The tab list's box spans its tabs; the panel, what is below them (the tab's content).
    A11yNode& list = ctx.a11y->node(tabs_node);
    const ImVec2 below = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
    list.x0 = tabs_top.x, list.y0 = tabs_top.y, list.x1 = tabs_top.x + avail.x, list.y1 = below.y;
    const std::string tab = std::string("tab.") + store::tab_key(ctx.store.route().tab);
    A11yNode& panel = ctx.a11y->add("tabpanel", outer, "tabpanel", tab);  // labelled by its tab
    panel.x0 = below.x, panel.y0 = below.y, panel.x1 = below.x + avail.x, panel.y1 = below.y + avail.y;
    ctx.a11y_parent = "tabpanel";
  }
  switch (ctx.store.route().tab) {
    case store::ProfileTab::Info:
      if (profile.user()) draw_profile_info_tab(ctx, *profile.user());
      break;
    case store::ProfileTab::Actions: actions_.draw(ctx); break;
    case store::ProfileTab::Devices: devices_.draw(ctx); break;
  }
  ctx.a11y_parent = outer;
}

}  // namespace roster::ui
