#include "ui/users_table.h"

#include "model/locale/messages.h"

#include "ui/time_width.h"
#include "ui/user_admin_controls.h"
#include "ui/users_table_cells.h"
#include "ui/widgets.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace roster::ui {

namespace {

// The ids are those the table had before it was a DataTable: they key the column layouts browsers
// have saved. Against the public API the Last login header does not sort: Last Login is an extension.
DataTable::Columns users_columns(const UiContext& ctx) {
  static const auto public_api = [] {
    std::array<ColumnSpec, kColumnCount> c;
    std::copy(kUsersColumns, kUsersColumns + kColumnCount, c.begin());
    c[kLastLogin].sort_label = "";
    return c;
  }();
  DataTable::Columns columns{
      "users", ctx.store.public_api_only() ? public_api.data() : kUsersColumns, kColumnCount, "header.", true, nullptr};
  // On a kiosk times are read whole: a registration date without its year says the wrong thing.
  columns.whole_text_width = [&ctx](int column) {
    return column == kLastLogin || column == kRegistered ? kiosk_time_width(ctx) : 0.0f;
  };
  return columns;
}

}  // namespace

void UsersTable::draw(UiContext& ctx, ImVec2 size) {
  const auto& list = ctx.store.users();
  DataTable::Rows rows;
  rows.total = list.total().value_or(0);
  rows.generation = list.generation();
  rows.loaded = [&list](std::int64_t r) { return list.shown_row(r) != nullptr; };
  rows.draw_cell = [this, &ctx](int c, std::int64_t r, std::int64_t screen_row, float row_h) {
    draw_cell(ctx, c, r, screen_row, row_h);
  };
  rows.draw_placeholder = [&ctx](int c, std::int64_t r, float row_h) { placeholder_cell(ctx.theme, c, r, row_h); };
  rows.draw_under_row = [this, &ctx](std::int64_t r, float row_h) { draw_row_selectable(ctx, r, row_h); };
  rows.a11y_name = tr(Msg::table_users);
  rows.cell_text = [&ctx, &list](int c, std::int64_t r) { return user_cell_text(ctx, c, list.shown_row(r)->user); };
  rows.row_intent = [&list](std::int64_t r) -> std::optional<store::Intent> {
    const User& u = list.shown_row(r)->user;
    return store::intent::OpenUser{u.id, u};
  };
  // The keyboard's current row is the selected one, which the store keeps (the host page's state()).
  rows.current = [&ctx] { return ctx.store.selected_row(); };
  rows.make_current = [&ctx](std::int64_t r) { ctx.emit(store::intent::SelectRow{r}); };
  rows.tab_stop = "users.table";
  rows.on_visible = [&ctx](std::int64_t first, std::int64_t last) {
    ctx.emit(store::intent::SetVisibleRows{first, last});
  };
  DataTable::Card card;
  card.child_id = "users-grid";
  card.columns_menu_above = false;  // on the toolbar's line (UsersView)
  card.shrink_to_rows = false;
  card.rows_clear_hscroll = true;
  const auto& q = ctx.store.route().users;
  if (auto chosen = table_.draw(ctx, size, users_columns(ctx), rows, SortChoice{q.sort_label, q.descending}, card))
    ctx.emit(store::intent::SetSort{chosen->label, chosen->descending});
  draw_row_menu(ctx);
}

void UsersTable::draw_row_menu(UiContext& ctx) {
  const Theme& t = ctx.theme;
  if (open_menu_) {
    ImGui::OpenPopup("##row-menu");
    open_menu_ = false;
  }
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.px(8), t.px(8)));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.px(8), t.px(6)));
  ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, t.px(8));
  if (ImGui::BeginPopup("##row-menu")) {
    const std::string outer = say_menu(ctx, "row-menu", tr(Msg::profile_actions_for, {{"name", menu_user_.name}}));
    ImGui::PushFont(t.fonts.body_bold);
    ImGui::TextUnformatted(menu_user_.name.c_str());
    ImGui::PopFont();
    ImGui::Separator();
    if (ctx.dialogs) user_action_items(ctx, *ctx.dialogs, menu_user_);
    close_popup_on_escape();
    ctx.a11y_parent = outer;
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar(3);
}

bool UsersTable::draw_check(UiContext& ctx, std::int64_t r, const User& u, ImVec2 at, float d) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  const bool on = ctx.store.selection().contains(u.id);
  ImGui::SetCursorScreenPos(at);
  ImGui::PushID(static_cast<int>(u.id));
  const bool clicked = ImGui::InvisibleButton("##check", ImVec2(d, d));
  ImGui::PopID();
  ctx.mark("row.check." + std::to_string(r - table_.first_visible()));
  const bool hovered = ImGui::IsItemHovered();
  // Drawn over the avatar when the row is checked, hovered there, or anything is selected (the
  // checkboxes then stay, as in a mail client).
  if (on || hovered || ctx.store.selected_count() > 0) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float box = t.px(18), pad = (d - box) * 0.5f;
    ImVec2 a(at.x + pad, at.y + pad), b(a.x + box, a.y + box);
    draw->AddRectFilled(at, ImVec2(at.x + d, at.y + d), p.surface, d * 0.5f);
    draw->AddRectFilled(a, b, on ? p.accent_fill : p.surface, t.px(4));
    draw->AddRect(a, b, on ? p.accent_fill : (hovered ? p.text : p.muted), t.px(4), 0, t.px(1.5f));
    if (on) {  // a tick drawn as two strokes (the icon font has no glyph at this size)
      const float w = t.px(2);
      draw->AddLine(ImVec2(a.x + box * 0.25f, a.y + box * 0.52f), ImVec2(a.x + box * 0.43f, a.y + box * 0.7f),
                    p.on_fill, w);
      draw->AddLine(ImVec2(a.x + box * 0.43f, a.y + box * 0.7f), ImVec2(a.x + box * 0.76f, a.y + box * 0.32f),
                    p.on_fill, w);
    }
  }
  if (hovered) ImGui::SetTooltip("%s", tr(on ? Msg::table_unselect : Msg::table_select));
  if (!clicked) return false;
  if (ImGui::GetIO().KeyShift)
    ctx.emit(store::intent::ExtendSelection{r});
  else
    ctx.emit(store::intent::ToggleSelected{r, u});
  return true;
}

bool UsersTable::draw_columns_menu(UiContext& ctx) { return table_.draw_columns_menu(ctx, users_columns(ctx)); }

void UsersTable::draw_row_selectable(UiContext& ctx, std::int64_t row, float row_h) {
  const Palette& p = ctx.theme.colors;
  const User* user = ctx.store.users().row(row);
  ImVec2 start = ImGui::GetCursorPos();
  ImGui::PushStyleColor(ImGuiCol_Header, to_vec4(p.selected));
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, to_vec4(p.hover));
  ImGui::PushStyleColor(ImGuiCol_HeaderActive, to_vec4(p.selected));
  if (ImGui::Selectable("##row", ctx.store.selected_row() == row,
                        ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap |
                            ImGuiSelectableFlags_AllowDoubleClick,
                        ImVec2(0, row_h))) {
    const ImGuiIO& io = ImGui::GetIO();
    const bool admin = ctx.store.admin_ability() == store::AdminAbility::Full;
    if (admin && user && (io.KeyCtrl || io.KeySuper))
      ctx.emit(store::intent::ToggleSelected{row, *user});
    else if (admin && user && io.KeyShift)
      ctx.emit(store::intent::ExtendSelection{row});
    else
      ctx.emit(store::intent::SelectRow{row});
    if (user && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) ctx.emit(store::intent::OpenUser{user->id, *user});
  }
  // A right-click opens the row's menu (for the roles that may change users).
  if (user && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenOverlappedByItem) &&
      ImGui::IsMouseClicked(ImGuiMouseButton_Right) && ctx.store.admin_ability() != store::AdminAbility::None) {
    menu_user_ = *user;
    open_menu_ = true;
  }
  ImGui::PopStyleColor(3);
  ImGui::SetCursorPos(start);
}

void UsersTable::draw_cell(UiContext& ctx, int c, std::int64_t r, std::int64_t screen_row, float row_h) {
  const store::UserRow& row = *ctx.store.users().shown_row(r);
  const User& u = row.user;
  const ImVec2 cell = ImGui::GetCursorScreenPos();
  const float cell_w = ImGui::GetContentRegionAvail().x;
  CellHit hit = draw_user_cell(ctx, c, row, screen_row, row_h);
  const store::AdminAbility ability = ctx.store.admin_ability();
  bool over_controls = false;  // the checkbox or the … button: a click there is not the name's
  if (c == kName && ability != store::AdminAbility::None) {
    const Theme& t = ctx.theme;
    const float d = t.px(28);
    const ImVec2 resume = ImGui::GetCursorScreenPos();
    if (ability == store::AdminAbility::Full) {
      draw_check(ctx, r, u, ImVec2(cell.x, cell.y + std::floor((row_h - d) * 0.5f)), d);
      over_controls = ImGui::IsItemHovered();
    }
    // The row's … menu, at the end of the name cell while the row is hovered.
    const ImVec2 row_min(cell.x, cell.y), row_max(cell.x + cell_w, cell.y + row_h);
    if (ImGui::IsMouseHoveringRect(row_min, row_max) &&
        ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
      const float w = t.px(28);
      ImGui::SetCursorScreenPos(ImVec2(row_max.x - w, cell.y + std::floor((row_h - w) * 0.5f)));
      ImGui::PushStyleColor(ImGuiCol_Button, to_vec4(t.colors.surface));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, to_vec4(t.colors.hover));
      ImGui::PushID(static_cast<int>(u.id));
      if (ImGui::Button("â¦##more", ImVec2(w, w))) {
        menu_user_ = u;
        open_menu_ = true;
      }
      ImGui::PopID();
      ImGui::PopStyleColor(2);
      ctx.mark("row." + std::to_string(screen_row) + ".more");
      if (ImGui::IsItemHovered()) {
        over_controls = true;
        ImGui::SetTooltip("%s", tr(Msg::profile_actions_for, {{"name", u.name}}).c_str());
      }
    }
    ImGui::SetCursorScreenPos(resume);
  }
  if (!hit.present) return;
  RowScroller& scroll = table_.scroller();
  if (c == kName && !over_controls && scroll.clicked("name." + std::to_string(u.id), hit.min, hit.max))
    ctx.emit(store::intent::OpenUser{u.id, u});
  if (c == kEmail && scroll.clicked("email." + std::to_string(u.id), hit.min, hit.max)) {
    ImGui::SetClipboardText(u.email.c_str());
    ctx.emit(store::intent::ShowToast{tr(Msg::profile_email_copied)});
  }
}

}  // namespace roster::ui
