#include "ui/users_view.h"

#include "model/locale/messages.h"
#include "model/number_format.h"

#include "ui/user_admin_controls.h"

#include "imgui_internal.h"  // activating the search box from the "/" shortcut
#include "ui/banners.h"
#include "ui/filter_popup.h"
#include "ui/scroll_away.h"
#include "ui/sign_in_filter.h"
#include "ui/typed_shortcut.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace roster::ui {

namespace {

const char* const kStatuses[] = {"Active", "Pending", "Inactive", "Suspended"};  // the API's values
const Msg kStatusWords[] = {Msg::status_active, Msg::status_pending, Msg::status_inactive, Msg::status_suspended};

}  // namespace

void UsersView::draw_role_filter(UiContext& ctx) {
  std::vector<std::pair<std::string, std::string>> options;
  for (const auto& r : ctx.store.roles()) options.push_back({std::to_string(r.id), r.name});
  if (options.empty()) options = {{"1", tr(Msg::role_admin)}, {"2", tr(Msg::role_staff)}, {"3", tr(Msg::role_user)}};
  std::vector<std::string> current;
  for (int id : ctx.store.route().users.role_ids) current.push_back(std::to_string(id));
  if (auto chosen = filter_.draw(ctx, tr(Msg::filter_role), "role", options, current)) {
    std::vector<int> ids;
    for (const auto& key : *chosen) ids.push_back(std::atoi(key.c_str()));
    ctx.emit(store::intent::SetRoleFilter{ids});
  }
}

void UsersView::draw_status_filter(UiContext& ctx) {
  std::vector<std::pair<std::string, std::string>> options;
  for (std::size_t i = 0; i < 4; ++i) options.push_back({kStatuses[i], tr(kStatusWords[i])});
  if (auto chosen = filter_.draw(ctx, tr(Msg::filter_status), "status", options, ctx.store.route().users.statuses))
    ctx.emit(store::intent::SetStatusFilter{*chosen});
}

void UsersView::draw_presets(UiContext& ctx) {
  const Theme& t = ctx.theme;
  const auto current = ctx.store.route().users.preset;
  struct Preset {
    UserPreset preset;
    const char* label;
    const char* short_label;  // when the console is too narrow for the full ones
  };
  const Preset presets[] = {
      {UserPreset::OrgMembers, tr(Msg::users_preset_org_members), tr(Msg::users_preset_org_members_short)},
      {UserPreset::AllWithSubOrgs, tr(Msg::users_preset_all), tr(Msg::users_preset_all_short)},
      {UserPreset::NoDevices, tr(Msg::users_preset_no_devices), tr(Msg::users_preset_no_devices_short)}};
  auto shown = [&](const Preset& pr) {
    return !(pr.preset == UserPreset::NoDevices && ctx.store.public_api_only() &&
             pr.preset != current);  // an extension filter
  };
  auto text_of = [&](const Preset& pr, bool brief) {
    std::string label = brief ? pr.short_label : pr.label;
    if (auto count = ctx.store.preset_count(pr.preset)) label += "  " + group_digits(*count);
    return label;
  };
  float full_width = 0;
  ImGui::PushFont(t.fonts.body_bold);
  for (const auto& pr : presets)
    if (shown(pr)) full_width += ImGui::CalcTextSize(text_of(pr, false).c_str()).x + t.px(24);
  ImGui::PopFont();
  const bool brief = full_width > ImGui::GetContentRegionAvail().x;
  bool first = true;
  for (const auto& pr : presets) {
    bool active = pr.preset == current;
    if (!shown(pr)) continue;
    std::string label = text_of(pr, brief);
    if (!first) {  // brief labels that still do not fit (320 px) wrap
      ImGui::PushFont(active ? t.fonts.body_bold : t.fonts.body);
      const float w = ImGui::CalcTextSize(label.c_str()).x;
      ImGui::PopFont();
      flow_same_line(w, t.px(24));
    }
    first = false;
    ImGui::PushID(pr.label);
    bool clicked = underline_tab(t, label.c_str(), active);
    ImGui::PopID();
    ctx.mark(std::string("preset.") + preset_key(pr.preset));
    ctx.stop(std::string("preset.") + preset_key(pr.preset));
    if (A11yNode* n = ctx.say(std::string("preset.") + preset_key(pr.preset), "button", label)) {
      n->checked = active ? 1 : 0;  // aria-pressed
      n->intent = store::intent::SetPreset{pr.preset};
    }
    if (clicked && !active) ctx.emit(store::intent::SetPreset{pr.preset});
  }
}

void UsersView::draw_toolbar(UiContext& ctx) {
  const Theme& t = ctx.theme;
  auto& store = ctx.store;
  // Keep the box in step with the store (Back/Forward, deep links, Esc) unless the person is typing.
  if (store.search_text() != shown_search_ && !search_active_) {
    shown_search_ = store.search_text();
    std::snprintf(search_buffer_, sizeof search_buffer_, "%s", shown_search_.c_str());
  }
  const bool slash = shortcut_typed('/');
  bool want_focus = slash;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  // As wide as the design wants, less when the console is narrow (the filters stay on the line), the
  // whole line when even that leaves it too little (a phone, 200 % zoom: the filters wrap below it).
  const auto& q = store.route().users;
  const float role_w = filter_button_width(tr(Msg::filter_role), q.role_ids.size());
  const float status_w = filter_button_width(tr(Msg::filter_status), q.statuses.size());
  const float filters_w =
      store.public_api_only() ? 0 : t.px(12) + role_w + t.px(8) + status_w + t.px(8) + last_sign_in_filter_width(ctx);
  const float avail_w = ImGui::GetContentRegionAvail().x;
  const float search_w = avail_w - filters_w < t.px(200) ? avail_w : std::min(t.px(380), avail_w - filters_w);
  ImGui::SetNextItemWidth(search_w);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.px(36), t.px(8)));
  bool edited = ImGui::InputTextWithHint("##search", tr(Msg::users_search_hint), search_buffer_, sizeof search_buffer_,
                                         ImGuiInputTextFlags_EscapeClearsAll);
  bool active = ImGui::IsItemActive();
  search_active_ = active;
  ctx.mark("search");
  if (A11yNode* n = ctx.say("search", "searchbox", tr(Msg::users_search_label))) {
    n->value = store.search_text();  // the mirror's own field: its typing sets the search (a11y_action)
  }
  // Tab onto the box makes it ready for typing, as a click would.
  if (ctx.stop("search", false).just_focused && !active) want_focus = true;
  if (slash) {
    // `/` is a move of the keyboard focus: Tab goes on from the box, and a top that scrolled away
    // comes back to show it.
    if (ctx.focus) ctx.focus->focus("search");
    if (ctx.scroll_away) ctx.scroll_away->reveal(ImGui::GetItemRectMin().y - t.px(8));
  }
  if (want_focus && !active) {
    // Activate the box for typing on the next frame, as a click would (SetKeyboardFocusHere goes
    // through keyboard navigation, which this console does not enable).
    ImGuiContext& g = *ImGui::GetCurrentContext();
    g.NavNextActivateId = ImGui::GetItemID();
    g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
  }
  ImGui::PopStyleVar();
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
  if (active) {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x - t.px(1), a.y - t.px(1)), ImVec2(b.x + t.px(1), b.y + t.px(1)),
                                        t.colors.focus, ImGui::GetStyle().FrameRounding + t.px(1), 0, t.px(3));
    table_.set_keyboard_focus(false);
  }
  ImGui::GetWindowDrawList()->AddText(ImVec2(pos.x + t.px(12), pos.y + t.px(8)), t.colors.muted, icon::kSearch);
  if (edited) {
    shown_search_ = search_buffer_;
    ctx.emit(store::intent::SetSearchText{shown_search_});
  }
  if (active && ImGui::IsKeyPressed(ImGuiKey_DownArrow)) {
    table_.set_keyboard_focus(true);
    ImGui::SetWindowFocus(nullptr);
  }
  if (!store.public_api_only()) {  // role, status and last sign-in filters are extensions
    if (!flow_same_line(role_w, t.px(12))) ImGui::Dummy(ImVec2(0, t.px(4)));  // under the search box
    draw_role_filter(ctx);
    flow_same_line(status_w, t.px(8));
    draw_status_filter(ctx);
    flow_same_line(last_sign_in_filter_width(ctx), t.px(8));
    last_sign_in_filter(ctx);
  }
  // The table's Columns menu at the end of the line, flush with the table's right edge, when the width
  // dropped some; on a line of its own when the line has no room left.
  if (table_.has_columns_menu()) {
    const std::string menu_label = std::string(tr(Msg::columns_button)) + "  " + icon::kCaretDown;
    const float menu_w = button_width(t, menu_label.c_str());
    flow_same_line(menu_w, t.px(8));
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - menu_w));
    table_.draw_columns_menu(ctx);
  }
}

void UsersView::draw_empty(UiContext& ctx, ImVec2 size) {
  const Theme& t = ctx.theme;
  const auto& q = ctx.store.route().users;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), t.colors.surface, t.px(8));
  draw->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), t.colors.border, t.px(8));
  bool filtered = !q.role_ids.empty() || !q.statuses.empty() || q.not_signed_in_days > 0;
  std::string message = !q.text.empty() ? tr(Msg::users_empty_search, {{"text", q.text}})
                        : filtered      ? std::string(tr(Msg::users_empty_filters))
                                        : std::string(tr(Msg::users_empty_none));
  ImGui::PushFont(t.fonts.body_bold);
  ImVec2 ms = ImGui::CalcTextSize(message.c_str());
  ms.x = std::min(ms.x, size.x - t.px(48));
  ImGui::SetCursorScreenPos(ImVec2(pos.x + (size.x - ms.x) * 0.5f, pos.y + size.y * 0.38f));
  fitted_text(t, message, size.x - t.px(48));
  ImGui::PopFont();
  const char* action = !q.text.empty() ? tr(Msg::users_clear_search)
                       : filtered      ? tr(Msg::users_clear_filters)
                                       : nullptr;
  if (action) {
    const float bw = button_width(t, action);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + (size.x - bw) * 0.5f, pos.y + size.y * 0.38f + t.px(40)));
    bool clear = secondary_button(t, action);
    ctx.mark("empty.action");
    if (clear) {
      if (!q.text.empty())
        ctx.emit(store::intent::ClearSearch{});
      else {
        ctx.emit(store::intent::SetRoleFilter{});
        ctx.emit(store::intent::SetStatusFilter{});
        ctx.emit(store::intent::SetNotSignedInFilter{});
      }
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + size.y));
}

void UsersView::draw(UiContext& ctx) {
  const Theme& t = ctx.theme;
  auto& list = ctx.store.users();
  ImGui::PushFont(t.fonts.title);
  ImGui::TextUnformatted(tr(Msg::users_title));
  ImGui::PopFont();
  if (auto total = list.total()) {
    ImGui::SameLine(0, t.px(12));
    ImVec2 p = ImGui::GetCursorPos();
    ImGui::SetCursorPosY(p.y + t.px(6));
    std::string n = tr_count(Msg::count_users, *total);
    ImGui::TextColored(to_vec4(t.colors.muted), "%s", n.c_str());
  }
  if (!ctx.kiosk && ctx.dialogs) {
    draw_list_actions(ctx, *ctx.dialogs);
    handle_selection_keys(ctx);
  }
  ImGui::Dummy(ImVec2(0, t.px(4)));
  if (ctx.kiosk) {  // read-only: what the list shows, in words, instead of the controls that change it
    const auto& q = ctx.store.route().users;
    std::string caption = q.preset == UserPreset::OrgMembers  ? tr(Msg::users_preset_org_members)
                          : q.preset == UserPreset::NoDevices ? tr(Msg::kiosk_caption_no_devices)
                                                              : tr(Msg::kiosk_caption_all);
    if (!q.text.empty()) caption = tr(Msg::kiosk_caption_matching, {{"caption", caption}, {"text", q.text}});
    if (!q.sort_label.empty())
      caption = tr(q.descending ? Msg::kiosk_caption_sorted_desc : Msg::kiosk_caption_sorted,
                   {{"caption", caption}, {"sort", q.sort_label}});
    fitted_text(t, caption, ImGui::GetContentRegionAvail().x, t.colors.muted);
    ctx.mark("kiosk.caption");
    ImGui::Dummy(ImVec2(0, t.px(8)));
  } else {
    draw_toolbar(ctx);
    ImGui::Dummy(ImVec2(0, t.px(8)));
    draw_presets(ctx);
    ImGui::Dummy(ImVec2(0, t.px(8)));
    if (ctx.dialogs) draw_selection_bar(ctx, *ctx.dialogs);
  }
  if (list.error())
    error_banner(ctx, tr(Msg::users_load_failed), list.error()->message);
  else if (ctx.store.public_api_only())
    public_api_notice(ctx);
  ImVec2 avail = ImGui::GetContentRegionAvail();
  ImVec2 size(avail.x, std::max(t.px(160), avail.y));
  if (list.total() && *list.total() == 0 && !list.loading())
    draw_empty(ctx, size);
  else
    table_.draw(ctx, size);  // one Tab stop, "users.table"
}

}  // namespace roster::ui
