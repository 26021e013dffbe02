#include "ui/users_table.h"

#include "ui/users_table_cells.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>

namespace roster::ui {

void UsersTable::handle_keys(UiContext& ctx, std::int64_t total) {
  if (!focused_ || total <= 0 || ImGui::GetIO().WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
    return;
  auto& store = ctx.store;
  auto sel = store.selected_row();
  const std::int64_t first = scroll_.first(), page = scroll_.visible_rows();
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
    scroll_.ensure_visible(next);
  }
  if (sel && (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)))
    if (const User* u = store.users().row(*sel)) ctx.emit(store::intent::OpenUser{u->id, *u});
}

void UsersTable::draw(UiContext& ctx, ImVec2 size) {
  const auto& list = ctx.store.users();
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  if (list.generation() != last_generation_) {
    last_generation_ = list.generation();
    scroll_.to_top();
  }
  const std::int64_t total = list.total().value_or(0);
  const float row_h = t.px(40), header_h = t.px(40), scrollbar_w = t.px(12);
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + size.x, min.y + size.y);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, p.surface, t.px(8));
  draw->AddRect(min, max, p.border, t.px(8));

  // Whole rows only, above the horizontal scrollbar: the table itself must never scroll vertically.
  const float hscroll_h = ImGui::GetStyle().ScrollbarSize;
  scroll_.set_visible_rows(static_cast<std::int64_t>((size.y - header_h - hscroll_h - t.px(4)) / row_h));
  scroll_.begin(total, min, max);
  handle_keys(ctx, total);
  scroll_.clamp(total);
  ctx.emit(store::intent::SetVisibleRows{scroll_.first(), scroll_.last()});
  if (ImGui::IsMouseHoveringRect(min, max) && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) focused_ = true;

  ImGui::SetCursorScreenPos(ImVec2(min.x + t.px(1), min.y + t.px(1)));
  ImGui::BeginChild("users-grid", ImVec2(size.x - scrollbar_w - t.px(2), size.y - t.px(2)), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
  // The columns fit the width: stretched when they can, some dropped when not, scrolled sideways
  // only below the minimum (a table of its own then: its settings are fixed widths, not shares).
  fit_ = fit_columns(kUsersColumns, kColumnCount, ImGui::GetContentRegionAvail().x / t.px(1), shown_,
                     ctx.store.route().users.sort_label);
  ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                          ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_PadOuterX;
  flags |= fit_.scroll_x ? ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX : ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable(fit_.scroll_x ? "users-narrow" : "users", kColumnCount, flags,
                        ImGui::GetContentRegionAvail())) {
    setup_columns(t, fit_);
    const auto& q = ctx.store.route().users;
    const SortChoice current{q.sort_label, q.descending};
    if (auto chosen = sort_.sync(kUsersColumns, kColumnCount, current))
      ctx.emit(store::intent::SetSort{chosen->label, chosen->descending});
    sort_.draw(ctx, kUsersColumns, kColumnCount, current, header_h, "header.");
    std::int64_t last = std::min(total, scroll_.first() + scroll_.visible_rows());
    for (std::int64_t r = scroll_.first(); r < last; ++r) draw_row(ctx, r, row_h);
    ImGui::EndTable();
  }
  ImGui::EndChild();
  scroll_.draw_scrollbar(t, total, ImVec2(max.x - scrollbar_w, min.y + header_h), ImVec2(max.x, max.y - t.px(4)));
  ImGui::SetCursorScreenPos(ImVec2(min.x, max.y));
  ImGui::Dummy(ImVec2(0, 0));
}

void UsersTable::setup_columns(const Theme& t, const ColumnFit& fit) {
  for (int c = 0; c < kColumnCount; ++c) {
    ImGuiTableColumnFlags cf = fit.scroll_x ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch;
    if (!*kUsersColumns[c].sort_label) cf |= ImGuiTableColumnFlags_NoSort;
    if (c == kName) cf |= ImGuiTableColumnFlags_NoHide;
    if (fit.dropped & (1u << c)) cf |= ImGuiTableColumnFlags_Disabled;
    float width = fit.scroll_x ? t.px(kUsersColumns[c].width) : kUsersColumns[c].width;  // pixels, or a share
    ImGui::TableSetupColumn(kUsersColumns[c].title, cf, width, static_cast<ImGuiID>(c));
  }
  ImGui::TableSetupScrollFreeze(1, 1);  // the name stays when scrolling sideways
}

bool UsersTable::draw_columns_menu(UiContext& ctx) {
  return columns_menu(ctx, "users", kUsersColumns, kColumnCount, fit_, shown_);
}

void UsersTable::draw_row_selectable(UiContext& ctx, std::int64_t row, const User* user, float row_h) {
  const Palette& p = ctx.theme.colors;
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

void UsersTable::draw_row(UiContext& ctx, std::int64_t r, float row_h) {
  ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
  const store::UserRow* row = ctx.store.users().shown_row(r);
  const User* u = row ? &row->user : nullptr;
  ImGui::PushID(static_cast<int>(r % 100000));
  for (int c = 0; c < kColumnCount; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    if (c == kName) draw_row_selectable(ctx, r, u, row_h);
    if (!row) {
      placeholder_cell(ctx.theme, c, r, row_h);
      continue;
    }
    CellHit hit = draw_user_cell(ctx, c, *row, r - scroll_.first(), row_h);
    if (!hit.present) continue;
    if (c == kName && scroll_.clicked("name." + std::to_string(u->id), hit.min, hit.max))
      ctx.emit(store::intent::OpenUser{u->id, *u});
    if (c == kEmail && scroll_.clicked("email." + std::to_string(u->id), hit.min, hit.max)) {
      ImGui::SetClipboardText(u->email.c_str());
      ctx.emit(store::intent::ShowToast{"Email copied"});
    }
  }
  ImGui::PopID();
}

}  // namespace roster::ui
