#include "ui/user_admin_controls.h"

#include "model/locale/messages.h"

#include "model/number_format.h"
#include "ui/widgets.h"

#include <algorithm>

namespace roster::ui {

namespace {

using Kind = store::UserChange::Kind;
using store::AdminAbility;

bool item(UiContext& ctx, const char* label, const std::string& mark, bool danger = false) {
  if (danger) ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.colors.error));
  bool chosen = ImGui::MenuItem((std::string(label) + "##" + mark).c_str());
  if (danger) ImGui::PopStyleColor();
  ctx.mark(mark);
  if (A11yNode* n = ctx.say(mark, "menuitem", label)) n->clicks = true;
  return chosen;
}

}  // namespace

void user_action_items(UiContext& ctx, AdminDialogs& dialogs, const User& u) {
  const AdminAbility ability = ctx.store.admin_ability();
  if (ability == AdminAbility::None) return;
  const bool full = ability == AdminAbility::Full;
  const std::string status = u.status.value_or("");
  const bool self = ctx.store.session() && ctx.store.session()->user.id == u.id;
  if (full && item(ctx, tr(Msg::menu_edit), "menu.edit")) dialogs.open(ctx, Kind::Edit, u);
  if (item(ctx, tr(Msg::menu_change_role), "menu.role")) dialogs.open(ctx, Kind::SetRole, u);
  if (item(ctx, tr(Msg::menu_transfer), "menu.transfer")) dialogs.open(ctx, Kind::Transfer, u);
  if (!full) {
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.colors.muted));
    ImGui::TextUnformatted(tr(Msg::menu_public_api_note));
    ImGui::PopStyleColor();
    return;
  }
  if (status == "Pending" && item(ctx, tr(Msg::menu_resend), "menu.resend"))
    dialogs.open(ctx, Kind::ResendInvitation, u);
  if (!self && item(ctx, tr(Msg::menu_end_sessions), "menu.logout")) dialogs.open(ctx, Kind::EndSessions, u);
  ImGui::Separator();
  if (status == "Suspended") {
    if (item(ctx, tr(Msg::menu_reactivate), "menu.reactivate")) dialogs.open(ctx, Kind::Reactivate, u);
  } else if (!self && item(ctx, tr(Msg::menu_suspend), "menu.suspend", true)) {
    dialogs.open(ctx, Kind::Suspend, u);
  }
  if (!self && item(ctx, tr(Msg::menu_delete), "menu.delete", true)) dialogs.open(ctx, Kind::Delete, u);
}

void draw_list_actions(UiContext& ctx, AdminDialogs& dialogs) {
  const AdminAbility ability = ctx.store.admin_ability();
  if (ability == AdminAbility::None) return;
  const Theme& t = ctx.theme;
  const bool full = ability == AdminAbility::Full;
  const char* invite = tr(Msg::users_invite);
  const char* csv = tr(Msg::users_export_csv);
  float w = button_width(t, invite) + (full ? button_width(t, csv) + t.px(8) : 0);
  // On the title's line, right-aligned; on a line of their own when the width is too small (a phone).
  flow_same_line(w, t.px(16));
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w));
  if (full) {
    if (secondary_button(t, csv)) ctx.emit(store::intent::ExportUsers{false});
    ctx.mark("users.export");
    ctx.stop("users.export");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(Msg::users_export_tip));
    ImGui::SameLine(0, t.px(8));
  }
  if (primary_button(t, invite)) dialogs.open_invite(ctx);
  ctx.mark("users.invite");
  ctx.stop("users.invite");
}

void draw_selection_bar(UiContext& ctx, AdminDialogs& dialogs) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  const AdminAbility ability = ctx.store.admin_ability();
  if (ctx.kiosk) return;
  if (ability != AdminAbility::Full) {
    const char* words = ability == AdminAbility::None ? tr(Msg::users_readonly) : tr(Msg::users_public_api_admin);
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p.muted));
    ImGui::TextUnformatted(icon::kInfo);
    ImGui::SameLine(0, t.px(6));
    fitted_text(t, words, ImGui::GetContentRegionAvail().x, p.muted);
    ImGui::PopStyleColor();
    ctx.mark("users.readonly");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", words);
    ImGui::Dummy(ImVec2(0, t.px(4)));
    return;
  }
  const auto& sel = ctx.store.selection();
  const std::int64_t total = ctx.store.users().total().value_or(0);
  const std::int64_t n = ctx.store.selected_count();
  if (n == 0) return;
  ImVec2 a = ImGui::GetCursorScreenPos();
  const float h = t.px(44);
  const float bar_w = ImGui::GetContentRegionAvail().x;
  // The buttons flow onto more lines when the width cannot hold them (a laptop in German, a phone),
  // so the band is drawn behind them once their last line is known.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(a.x + t.px(14), a.y + (h - ImGui::GetFrameHeight()) * 0.5f));
  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(t.fonts.body_bold);
  std::string count = sel.all_matching() && n == total ? tr_count(Msg::selection_all_matching, n)
                                                       : tr(Msg::selection_some, {{"count", n}, {"total", total}});
  ImGui::TextUnformatted(count.c_str());
  ImGui::PopFont();
  ctx.mark("selection.count");
  // Each next item on this line, or on a new one indented as the first.
  auto next = [&](const char* label, float spacing) {
    if (!flow_same_line(framed_width(label), spacing))
      ImGui::SetCursorScreenPos(ImVec2(a.x + t.px(14), ImGui::GetCursorScreenPos().y + t.px(4)));
  };
  if (!sel.all_matching() && n < total) {
    std::string all = tr_count(Msg::selection_select_all, total);
    next(all.c_str(), t.px(12));
    if (ImGui::SmallButton(all.c_str())) ctx.emit(store::intent::SelectAllMatching{});
    ctx.mark("selection.all");
  }
  next(tr(Msg::selection_clear), t.px(12));
  if (ImGui::SmallButton(tr(Msg::selection_clear))) ctx.emit(store::intent::ClearSelection{});
  ctx.mark("selection.clear");
  struct Action {
    Msg label;
    api::BulkAction action;
    const char* mark;
  };
  static const Action kActions[] = {{Msg::bulk_add_tag, api::BulkAction::AddTags, "bulk.addTags"},
                                    {Msg::bulk_remove_tag, api::BulkAction::RemoveTags, "bulk.removeTags"},
                                    {Msg::bulk_change_role, api::BulkAction::SetRole, "bulk.setRole"},
                                    {Msg::bulk_suspend, api::BulkAction::Suspend, "bulk.suspend"},
                                    {Msg::bulk_reactivate, api::BulkAction::Reactivate, "bulk.reactivate"},
                                    {Msg::bulk_end_sessions, api::BulkAction::EndSessions, "bulk.endSessions"},
                                    {Msg::bulk_delete, api::BulkAction::Delete, "bulk.delete"}};
  for (const auto& act : kActions) {
    const std::string label = std::string(tr(act.label)) + "##" + act.mark;
    next(label.c_str(), t.px(8));
    if (ImGui::Button(label.c_str())) dialogs.open_bulk(ctx, act.action);
    ctx.mark(act.mark);
  }
  const std::string export_label = std::string(tr(Msg::users_export_csv)) + "##bulk.export";
  next(export_label.c_str(), t.px(8));
  if (ImGui::Button(export_label.c_str())) ctx.emit(store::intent::ExportUsers{true});
  ctx.mark("bulk.export");
  const float bottom = std::max(a.y + h, ImGui::GetItemRectMax().y + (h - ImGui::GetFrameHeight()) * 0.5f);
  draw->ChannelsSetCurrent(0);
  draw->AddRectFilled(a, ImVec2(a.x + bar_w, bottom), p.accent_soft, t.px(8));
  draw->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(a.x, bottom + t.px(8)));
  ImGui::Dummy(ImVec2(0, 0));
}

void handle_selection_keys(UiContext& ctx) {
  if (ctx.store.admin_ability() != AdminAbility::Full || ImGui::IsAnyItemActive() ||
      ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
    return;
  const ImGuiIO& io = ImGui::GetIO();
  if ((io.KeyCtrl || io.KeySuper) && ImGui::IsKeyPressed(ImGuiKey_A, false))
    ctx.emit(store::intent::SelectAllMatching{});
  if (ImGui::IsKeyPressed(ImGuiKey_Escape, false) && ctx.store.selected_count() > 0)
    ctx.emit(store::intent::ClearSelection{});
}

}  // namespace roster::ui
