#include "ui/users_table.h"

#include "ui/users_table_cells.h"
#include "ui/widgets.h"

#include <algorithm>
#include <array>
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
  return {"users", ctx.store.public_api_only() ? public_api.data() : kUsersColumns, kColumnCount, "header.", true};
}

}  // namespace

void UsersTable::handle_keys(UiContext& ctx, RowScroller& scroll, std::int64_t total) {
  if (!focused_ || total <= 0 || ImGui::IsAnyItemActive() || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
  auto& store = ctx.store;
  auto sel = store.selected_row();
  const std::int64_t first = scroll.first(), page = scroll.visible_rows();
  std::int64_t row = sel.value_or(first - 1);
  std::int64_t next = row;
  if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) next = row + 1;
  if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) next = sel ? row - 1 : first;
  if (ImGui::IsKeyPressed(ImGuiKey_PageDown)) next = (sel ? row : first) + page;
  if (ImGui::IsKeyPressed(ImGuiKey_PageUp)) next = (sel ? row : first) - page;
  if (ImGui::IsKeyPressed(ImGuiKey_Home)) next = 0;
  if (ImGui::IsKeyPressed(ImGuiKey_End)) next = total - 1;
  if (next != row) {
    next = std::clamp<std::int64_t>(next, 0, total - 1);
    ctx.emit(store::intent::SelectRow{next});
    scroll.ensure_visible(next);
  }
  if (sel && (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)))
    if (const User* u = store.users().row(*sel)) ctx.emit(store::intent::OpenUser{u->id, *u});
}

void UsersTable::draw(UiContext& ctx, ImVec2 size) {
  const auto& list = ctx.store.users();
  const std::int64_t total = list.total().value_or(0);
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + size.x, min.y + size.y);
  DataTable::Rows rows;
  rows.total = total;
  rows.generation = list.generation();
  rows.loaded = [&list](std::int64_t r) { return list.shown_row(r) != nullptr; };
  rows.draw_cell = [this, &ctx](int c, std::int64_t r, std::int64_t screen_row, float row_h) {
    draw_cell(ctx, c, r, screen_row, row_h);
  };
  rows.draw_placeholder = [&ctx](int c, std::int64_t r, float row_h) { placeholder_cell(ctx.theme, c, r, row_h); };
  rows.draw_under_row = [this, &ctx](std::int64_t r, float row_h) { draw_row_selectable(ctx, r, row_h); };
  rows.steer = [this, &ctx, total](RowScroller& scroll) { handle_keys(ctx, scroll, total); };
  rows.on_visible = [this, &ctx, min, max](std::int64_t first, std::int64_t last) {
    ctx.emit(store::intent::SetVisibleRows{first, last});
    if (ImGui::IsMouseHoveringRect(min, max) && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) focused_ = true;
  };
  DataTable::Card card;
  card.child_id = "users-grid";
  card.columns_menu_above = false;  // on the toolbar's line (UsersView)
  card.shrink_to_rows = false;
  card.rows_clear_hscroll = true;
  const auto& q = ctx.store.route().users;
  if (auto chosen = table_.draw(ctx, size, users_columns(ctx), rows, SortChoice{q.sort_label, q.descending}, card))
    ctx.emit(store::intent::SetSort{chosen->label, chosen->descending});
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
    ctx.emit(store::intent::SelectRow{row});
    focused_ = true;
    if (user && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) ctx.emit(store::intent::OpenUser{user->id, *user});
  }
  ImGui::PopStyleColor(3);
  ImGui::SetCursorPos(start);
}

void UsersTable::draw_cell(UiContext& ctx, int c, std::int64_t r, std::int64_t screen_row, float row_h) {
  const store::UserRow& row = *ctx.store.users().shown_row(r);
  const User& u = row.user;
  CellHit hit = draw_user_cell(ctx, c, row, screen_row, row_h);
  if (!hit.present) return;
  RowScroller& scroll = table_.scroller();
  if (c == kName && scroll.clicked("name." + std::to_string(u.id), hit.min, hit.max))
    ctx.emit(store::intent::OpenUser{u.id, u});
  if (c == kEmail && scroll.clicked("email." + std::to_string(u.id), hit.min, hit.max)) {
    ImGui::SetClipboardText(u.email.c_str());
    ctx.emit(store::intent::ShowToast{"Email copied"});
  }
}

}  // namespace roster::ui
