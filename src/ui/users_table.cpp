#include "ui/users_table.h"

#include "imgui_internal.h"  // TableSetColumnSortDirection: reflect the route's sort in the headers
#include "ui/users_table_cells.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>

namespace roster::ui {

void UsersTable::clamp(std::int64_t total) {
  std::int64_t max_first = std::max<std::int64_t>(0, total - visible_rows_);
  first_row_ = std::clamp<std::int64_t>(first_row_, 0, max_first);
}

void UsersTable::ensure_visible(std::int64_t row) {
  if (row < first_row_) first_row_ = row;
  if (row >= first_row_ + visible_rows_) first_row_ = row - visible_rows_ + 1;
}

void UsersTable::handle_scrolling(std::int64_t total, const ImVec2& min, const ImVec2& max) {
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsMouseHoveringRect(min, max) && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) &&
      io.MouseWheel != 0) {
    wheel_rows_ -= io.MouseWheel * 3.0;  // three rows a notch, as in web data grids
    auto whole = static_cast<std::int64_t>(wheel_rows_);
    first_row_ += whole;
    wheel_rows_ -= static_cast<double>(whole);
  }
  clamp(total);
}

void UsersTable::handle_keys(UiContext& ctx, std::int64_t total) {
  if (!focused_ || total <= 0 || ImGui::GetIO().WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
    return;
  auto& store = ctx.store;
  auto sel = store.selected_row();
  std::int64_t row = sel.value_or(first_row_ - 1);
  std::int64_t next = row;
  if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) next = row + 1;
  if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) next = sel ? row - 1 : first_row_;
  if (ImGui::IsKeyPressed(ImGuiKey_PageDown)) next = (sel ? row : first_row_) + visible_rows_;
  if (ImGui::IsKeyPressed(ImGuiKey_PageUp)) next = (sel ? row : first_row_) - visible_rows_;
  if (ImGui::IsKeyPressed(ImGuiKey_Home)) next = 0;
  if (ImGui::IsKeyPressed(ImGuiKey_End)) next = total - 1;
  if (next != row) {
    next = std::clamp<std::int64_t>(next, 0, total - 1);
    ctx.emit(store::intent::SelectRow{next});
    ensure_visible(next);
  }
  if (sel && (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)))
    if (const User* u = store.users().row(*sel)) ctx.emit(store::intent::OpenUser{u->id});
}

void UsersTable::draw_scrollbar(UiContext& ctx, std::int64_t total, const ImVec2& min, const ImVec2& max) {
  const Theme& t = ctx.theme;
  if (total <= visible_rows_) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float track_h = max.y - min.y;
  float thumb_h = std::max(t.px(28), track_h * static_cast<float>(visible_rows_) / static_cast<float>(total));
  std::int64_t range = total - visible_rows_;
  float thumb_y =
      min.y + (track_h - thumb_h) * static_cast<float>(static_cast<double>(first_row_) / static_cast<double>(range));
  ImVec2 thumb_min(min.x + t.px(3), thumb_y), thumb_max(max.x - t.px(3), thumb_y + thumb_h);
  ImGuiIO& io = ImGui::GetIO();
  bool over_track = ImGui::IsMouseHoveringRect(min, max);
  bool over_thumb = ImGui::IsMouseHoveringRect(thumb_min, thumb_max);
  if (over_track && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    dragging_thumb_ = true;
    drag_offset_ = over_thumb ? io.MousePos.y - thumb_y : thumb_h * 0.5f;
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) dragging_thumb_ = false;
  if (dragging_thumb_) {
    double fraction = (io.MousePos.y - drag_offset_ - min.y) / std::max(1.0f, track_h - thumb_h);
    first_row_ = static_cast<std::int64_t>(std::llround(std::clamp(fraction, 0.0, 1.0) * static_cast<double>(range)));
  }
  ImU32 color = dragging_thumb_ || over_thumb ? t.colors.muted : t.colors.border;
  draw->AddRectFilled(thumb_min, thumb_max, color, t.px(4));
}

bool UsersTable::clicked(const std::string& target, ImVec2 min, ImVec2 max) {
  if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) ||
      ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) || !ImGui::IsMouseHoveringRect(min, max))
    return false;
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) pressed_target_ = target;
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && pressed_target_ == target) {
    pressed_target_.clear();
    return true;
  }
  return false;
}

void UsersTable::draw(UiContext& ctx, ImVec2 size) {
  const auto& list = ctx.store.users();
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  if (list.generation() != last_generation_) {
    last_generation_ = list.generation();
    first_row_ = 0;
    wheel_rows_ = 0;
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
  visible_rows_ =
      std::max<std::int64_t>(1, static_cast<std::int64_t>((size.y - header_h - hscroll_h - t.px(4)) / row_h));
  if (pending_scroll_) {
    first_row_ = *pending_scroll_;
    pending_scroll_.reset();
  }
  handle_scrolling(total, min, max);
  handle_keys(ctx, total);
  clamp(total);
  ctx.emit(store::intent::SetVisibleRows{first_row_, first_row_ + visible_rows_ - 1});
  if (ImGui::IsMouseHoveringRect(min, max) && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) focused_ = true;

  ImGui::SetCursorScreenPos(ImVec2(min.x + t.px(1), min.y + t.px(1)));
  ImGui::BeginChild("users-grid", ImVec2(size.x - scrollbar_w - t.px(2), size.y - t.px(2)), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
  const ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_PadOuterX;
  if (ImGui::BeginTable("users", kColumnCount, flags, ImGui::GetContentRegionAvail())) {
    setup_columns(t);
    sync_sort(ctx);
    draw_header_row(ctx, header_h);
    std::int64_t last = std::min(total, first_row_ + visible_rows_);
    for (std::int64_t r = first_row_; r < last; ++r) draw_row(ctx, r, row_h);
    ImGui::EndTable();
  }
  ImGui::EndChild();
  draw_scrollbar(ctx, total, ImVec2(max.x - scrollbar_w, min.y + header_h), ImVec2(max.x, max.y - t.px(4)));
  ImGui::SetCursorScreenPos(ImVec2(min.x, max.y));
  ImGui::Dummy(ImVec2(0, 0));
}

void UsersTable::setup_columns(const Theme& t) {
  for (int c = 0; c < kColumnCount; ++c) {
    ImGuiTableColumnFlags cf = ImGuiTableColumnFlags_WidthFixed;
    if (!*kUsersColumns[c].sort_label) cf |= ImGuiTableColumnFlags_NoSort;
    if (c == kName) cf |= ImGuiTableColumnFlags_NoHide;
    ImGui::TableSetupColumn(kUsersColumns[c].title, cf, t.px(kUsersColumns[c].width), static_cast<ImGuiID>(c));
  }
  ImGui::TableSetupScrollFreeze(1, 1);  // the name stays when scrolling sideways
}

void UsersTable::sync_sort(UiContext& ctx) {
  // The route is the truth: on the first frame (and whenever it changes elsewhere: Back, a deep link,
  // the host page) it is pushed into the table, overriding any sort restored from saved settings.
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (!specs) return;
  const auto& q = ctx.store.route().users;
  std::string table_label = specs->SpecsCount > 0 ? kUsersColumns[specs->Specs[0].ColumnUserID].sort_label : "";
  bool table_desc = specs->SpecsCount > 0 && specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
  bool user_changed =
      specs->SpecsDirty && shown_sort_ && (table_label != shown_sort_->first || table_desc != shown_sort_->second);
  specs->SpecsDirty = false;
  if (user_changed) {
    shown_sort_ = std::make_pair(table_label, table_desc);
    if (table_label != q.sort_label || table_desc != q.descending)
      ctx.emit(store::intent::SetSort{table_label, table_desc});
  } else if (!shown_sort_ || shown_sort_->first != q.sort_label || shown_sort_->second != q.descending ||
             table_label != q.sort_label || table_desc != q.descending) {
    for (int c = 0; c < kColumnCount; ++c) {
      bool on = !q.sort_label.empty() && q.sort_label == kUsersColumns[c].sort_label;
      if (on)
        ImGui::TableSetColumnSortDirection(
            c, q.descending ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending, false);
    }
    if (q.sort_label.empty() && specs->SpecsCount > 0)
      ImGui::TableSetColumnSortDirection(specs->Specs[0].ColumnIndex, ImGuiSortDirection_None, false);
    shown_sort_ = std::make_pair(q.sort_label, q.descending);
  }
}

void UsersTable::draw_header_row(UiContext& ctx, float header_h) {
  // 13 px bold in the muted colour, vertically centred, with the sort arrow beside the label.
  // ImGui's header item (hidden label) keeps clicking, resizing, reordering and the menu.
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  const auto& q = ctx.store.route().users;
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers, header_h);
  ImGui::PushFont(t.fonts.header);
  for (int c = 0; c < kColumnCount; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    const ColumnSpec& col = kUsersColumns[c];
    ImVec2 cell = ImGui::GetCursorScreenPos();
    ImGui::PushID(c);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0, 0, 0, 0));  // ImGui's own arrow: ours is drawn below
    ImGui::TableHeader("##header");
    ImGui::PopStyleColor();
    ImGui::PopID();
    ctx.mark(std::string("header.") + col.title);
    if (ImGui::IsItemHovered() && *col.sort_label) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    float y = cell.y + std::floor((header_h - ImGui::GetFontSize()) * 0.5f);
    ImDrawList* cell_draw = ImGui::GetWindowDrawList();
    cell_draw->AddText(ImVec2(cell.x, y), p.muted, col.title);
    if (q.sort_label.empty() || q.sort_label != col.sort_label) continue;
    // A small solid triangle (Noto Sans has no arrow glyphs): up for ascending, down for descending.
    float x = cell.x + ImGui::CalcTextSize(col.title).x + t.px(7);
    float mid = y + ImGui::GetFontSize() * 0.5f, w = t.px(4), h = t.px(4);
    if (q.descending)
      cell_draw->AddTriangleFilled(ImVec2(x, mid - h * 0.5f), ImVec2(x + 2 * w, mid - h * 0.5f),
                                   ImVec2(x + w, mid + h * 0.5f), p.text);
    else
      cell_draw->AddTriangleFilled(ImVec2(x, mid + h * 0.5f), ImVec2(x + w, mid - h * 0.5f),
                                   ImVec2(x + 2 * w, mid + h * 0.5f), p.text);
  }
  ImGui::PopFont();
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
    if (user && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) ctx.emit(store::intent::OpenUser{user->id});
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
    CellHit hit = draw_user_cell(ctx, c, *row, r - first_row_, row_h);
    if (!hit.present) continue;
    if (c == kName && clicked("name." + std::to_string(u->id), hit.min, hit.max))
      ctx.emit(store::intent::OpenUser{u->id});
    if (c == kEmail && clicked("email." + std::to_string(u->id), hit.min, hit.max)) {
      ImGui::SetClipboardText(u->email.c_str());
      ctx.emit(store::intent::ShowToast{"Email copied"});
    }
  }
  ImGui::PopID();
}

}  // namespace roster::ui
