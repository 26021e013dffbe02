#include "ui/user_admin_controls.h"

#include "model/number_format.h"
#include "ui/widgets.h"

namespace roster::ui {

namespace {

using Kind = store::UserChange::Kind;
using store::AdminAbility;

bool item(UiContext& ctx, const char* label, const std::string& mark, bool danger = false) {
  if (danger) ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.colors.error));
  bool chosen = ImGui::MenuItem(label);
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
  if (full && item(ctx, "Edit\xE2\x80\xA6", "menu.edit")) dialogs.open(ctx, Kind::Edit, u);
  if (item(ctx, "Change role\xE2\x80\xA6", "menu.role")) dialogs.open(ctx, Kind::SetRole, u);
  if (item(ctx, "Transfer to another organization\xE2\x80\xA6", "menu.transfer")) dialogs.open(ctx, Kind::Transfer, u);
  if (!full) {
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.colors.muted));
    ImGui::TextUnformatted("Suspend, delete and the rest need\nRoster's own server (not the public API).");
    ImGui::PopStyleColor();
    return;
  }
  if (status == "Pending" && item(ctx, "Resend invitation", "menu.resend"))
    dialogs.open(ctx, Kind::ResendInvitation, u);
  if (!self && item(ctx, "End sessions\xE2\x80\xA6", "menu.logout")) dialogs.open(ctx, Kind::EndSessions, u);
  ImGui::Separator();
  if (status == "Suspended") {
    if (item(ctx, "Reactivate", "menu.reactivate")) dialogs.open(ctx, Kind::Reactivate, u);
  } else if (!self && item(ctx, "Suspend\xE2\x80\xA6", "menu.suspend", true)) {
    dialogs.open(ctx, Kind::Suspend, u);
  }
  if (!self && item(ctx, "Delete\xE2\x80\xA6", "menu.delete", true)) dialogs.open(ctx, Kind::Delete, u);
}

void draw_list_actions(UiContext& ctx, AdminDialogs& dialogs) {
  const AdminAbility ability = ctx.store.admin_ability();
  if (ability == AdminAbility::None) return;
  const Theme& t = ctx.theme;
  const bool full = ability == AdminAbility::Full;
  const char* invite = "Invite user";
  const char* csv = "Export CSV";
  float w = button_width(t, invite) + (full ? button_width(t, csv) + t.px(8) : 0);
  // On the title's line, right-aligned; on a line of their own when the width is too small (a phone).
  flow_same_line(w, t.px(16));
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w));
  if (full) {
    if (secondary_button(t, csv)) ctx.emit(store::intent::ExportUsers{false});
    ctx.mark("users.export");
    ctx.stop("users.export");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The list as it is now: its search, filters, scope and sort");
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
    const char* words = ability == AdminAbility::None
                            ? "This list is read-only for your role: only an Admin can invite, change or remove users."
                            : "Through this server's public API you can invite users, change roles and transfer users; "
                              "suspending, deleting, tags, bulk changes and exports need Roster's own server.";
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
  ImGui::GetWindowDrawList()->AddRectFilled(a, ImVec2(a.x + ImGui::GetContentRegionAvail().x, a.y + h), p.accent_soft,
                                            t.px(8));
  ImGui::SetCursorScreenPos(ImVec2(a.x + t.px(14), a.y + (h - ImGui::GetFrameHeight()) * 0.5f));
  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(t.fonts.body_bold);
  std::string count = sel.all_matching() && n == total ? "All " + group_digits(n) + " matching users selected"
                                                       : group_digits(n) + " of " + group_digits(total) + " selected";
  ImGui::TextUnformatted(count.c_str());
  ImGui::PopFont();
  ctx.mark("selection.count");
  ImGui::SameLine(0, t.px(12));
  if (!sel.all_matching() && n < total) {
    std::string all = "Select all " + group_digits(total) + " matching";
    if (ImGui::SmallButton(all.c_str())) ctx.emit(store::intent::SelectAllMatching{});
    ctx.mark("selection.all");
    ImGui::SameLine(0, t.px(12));
  }
  if (ImGui::SmallButton("Clear")) ctx.emit(store::intent::ClearSelection{});
  ctx.mark("selection.clear");
  struct Action {
    const char* label;
    api::BulkAction action;
    const char* mark;
  };
  static const Action kActions[] = {{"Add tag", api::BulkAction::AddTags, "bulk.addTags"},
                                    {"Remove tag", api::BulkAction::RemoveTags, "bulk.removeTags"},
                                    {"Change role", api::BulkAction::SetRole, "bulk.setRole"},
                                    {"Suspend", api::BulkAction::Suspend, "bulk.suspend"},
                                    {"Reactivate", api::BulkAction::Reactivate, "bulk.reactivate"},
                                    {"End sessions", api::BulkAction::EndSessions, "bulk.endSessions"},
                                    {"Delete", api::BulkAction::Delete, "bulk.delete"}};
  for (const auto& act : kActions) {
    ImGui::SameLine(0, t.px(8));
    if (ImGui::Button(act.label)) dialogs.open_bulk(ctx, act.action);
    ctx.mark(act.mark);
  }
  ImGui::SameLine(0, t.px(8));
  if (ImGui::Button("Export CSV")) ctx.emit(store::intent::ExportUsers{true});
  ctx.mark("bulk.export");
  ImGui::SetCursorScreenPos(ImVec2(a.x, a.y + h + t.px(8)));
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
