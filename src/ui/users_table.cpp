#include "ui/users_table.h"

#include "imgui_internal.h"  // TableSetColumnSortDirection: reflect the route's sort in the headers
#include "model/time_format.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>

namespace roster::ui {

namespace {

enum Column { kName, kEmail, kRole, kOrg, kLocation, kStatus, kLastLogin, kRegistered, kDevices, kTags, kColumnCount };

struct ColumnSpec {
  const char* title;
  const char* sort_label;  // "" when the server cannot sort by it
  float width;             // CSS px
};

const ColumnSpec kColumns[kColumnCount] = {{"Name", "Name", 230},
                                           {"Email", "Email", 250},
                                           {"Role", "Role", 90},
                                           {"Organization", "Organization Name", 190},
                                           {"Location", "Country", 170},
                                           {"Status", "Status", 110},
                                           {"Last login", "", 140},
                                           {"Registered", "Registered At", 130},
                                           {"Devices", "Devices Count", 80},
                                           {"Tags", "", 180}};

void cell_text_y(float row_h, float content_h) {
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::floor((row_h - content_h) * 0.5f));
}

void placeholder_cell(const Theme& t, int column, std::int64_t row, float row_h) {
  float widths[] = {0.7f, 0.8f, 0.5f, 0.6f, 0.55f, 0.5f, 0.6f, 0.55f, 0.3f, 0.4f};
  float w = ImGui::GetContentRegionAvail().x * widths[column] *
            (0.8f + 0.2f * static_cast<float>((row * 7 + column) % 3) / 2.0f);
  cell_text_y(row_h, t.px(10));
  placeholder_bar(t, std::max(t.px(16), w), t.px(10));
}

void muted_dash(const Theme& t) { ImGui::TextColored(to_vec4(t.colors.muted), "\xE2\x80\x94"); }

void tooltip(const std::string& text) {
  if (ImGui::BeginTooltip()) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void draw_tags(const Theme& t, const std::vector<Tag>& tags) {
  float avail = ImGui::GetContentRegionAvail().x;
  float used = 0;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    ImGui::PushFont(t.fonts.small_bold);
    float w = ImGui::CalcTextSize(tags[i].name.c_str()).x + t.px(16);
    ImGui::PopFont();
    if (used + w > avail && i > 0) {
      std::string more = "+" + std::to_string(tags.size() - i);
      badge(t, more.c_str(), t.colors.muted, t.colors.grey_soft);
      return;
    }
    badge(t, tags[i].name.c_str(), t.colors.text, t.colors.grey_soft);
    ImGui::SameLine(0, t.px(4));
    used += w + t.px(4);
  }
  ImGui::NewLine();
}

}  // namespace

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
    store.select_row(next);
    ensure_visible(next);
  }
  if (sel && (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)))
    if (const User* u = store.users().row(*sel)) store.open_user(u->id, ctx.now_ms);
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
  auto& store = ctx.store;
  auto& list = store.users();
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
  store.set_visible_rows(first_row_, first_row_ + visible_rows_ - 1, ctx.now_ms);
  if (ImGui::IsMouseHoveringRect(min, max) && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) focused_ = true;

  ImGui::SetCursorScreenPos(ImVec2(min.x + t.px(1), min.y + t.px(1)));
  ImGui::BeginChild("users-grid", ImVec2(size.x - scrollbar_w - t.px(2), size.y - t.px(2)), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
  const ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_PadOuterX;
  if (ImGui::BeginTable("users", kColumnCount, flags, ImGui::GetContentRegionAvail())) {
    for (int c = 0; c < kColumnCount; ++c) {
      ImGuiTableColumnFlags cf = ImGuiTableColumnFlags_WidthFixed;
      if (!*kColumns[c].sort_label) cf |= ImGuiTableColumnFlags_NoSort;
      if (c == kName) cf |= ImGuiTableColumnFlags_NoHide;
      ImGui::TableSetupColumn(kColumns[c].title, cf, t.px(kColumns[c].width), static_cast<ImGuiID>(c));
    }
    ImGui::TableSetupScrollFreeze(1, 1);  // the name stays when scrolling sideways

    // The route's sort shown in the headers; a click on a header becomes the route's sort. The route
    // is the truth: on the first frame (and whenever it changes elsewhere: Back, a deep link, the
    // host page) it is pushed into the table, overriding any sort restored from saved settings.
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    const auto& q = store.route().users;
    if (specs) {
      std::string table_label = specs->SpecsCount > 0 ? kColumns[specs->Specs[0].ColumnUserID].sort_label : "";
      bool table_desc = specs->SpecsCount > 0 && specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
      bool user_changed =
          specs->SpecsDirty && shown_sort_ && (table_label != shown_sort_->first || table_desc != shown_sort_->second);
      specs->SpecsDirty = false;
      if (user_changed) {
        shown_sort_ = std::make_pair(table_label, table_desc);
        if (table_label != q.sort_label || table_desc != q.descending)
          store.set_sort(table_label, table_desc, ctx.now_ms);
      } else if (!shown_sort_ || shown_sort_->first != q.sort_label || shown_sort_->second != q.descending ||
                 table_label != q.sort_label || table_desc != q.descending) {
        for (int c = 0; c < kColumnCount; ++c) {
          bool on = !q.sort_label.empty() && q.sort_label == kColumns[c].sort_label;
          if (on)
            ImGui::TableSetColumnSortDirection(
                c, q.descending ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending, false);
        }
        if (q.sort_label.empty() && specs->SpecsCount > 0)
          ImGui::TableSetColumnSortDirection(specs->Specs[0].ColumnIndex, ImGuiSortDirection_None, false);
        shown_sort_ = std::make_pair(q.sort_label, q.descending);
      }
    }

    // Header row: 13 px bold in the muted colour, vertically centred, with the sort arrow beside the
    // label. ImGui's header item (hidden label) keeps clicking, resizing, reordering and the menu.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers, header_h);
    ImGui::PushFont(t.fonts.header);
    for (int c = 0; c < kColumnCount; ++c) {
      if (!ImGui::TableSetColumnIndex(c)) continue;
      ImVec2 cell = ImGui::GetCursorScreenPos();
      ImGui::PushID(c);
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0, 0, 0, 0));  // ImGui's own arrow: ours is drawn below
      ImGui::TableHeader("##header");
      ImGui::PopStyleColor();
      ImGui::PopID();
      ctx.mark(std::string("header.") + kColumns[c].title);
      if (ImGui::IsItemHovered() && *kColumns[c].sort_label) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      float y = cell.y + std::floor((header_h - ImGui::GetFontSize()) * 0.5f);
      ImDrawList* cell_draw = ImGui::GetWindowDrawList();
      cell_draw->AddText(ImVec2(cell.x, y), p.muted, kColumns[c].title);
      bool sorted = !q.sort_label.empty() && q.sort_label == kColumns[c].sort_label;
      if (sorted) {
        // A small solid triangle (Noto Sans has no arrow glyphs): up for ascending, down for descending.
        float x = cell.x + ImGui::CalcTextSize(kColumns[c].title).x + t.px(7);
        float mid = y + ImGui::GetFontSize() * 0.5f, w = t.px(4), h = t.px(4);
        if (q.descending)
          cell_draw->AddTriangleFilled(ImVec2(x, mid - h * 0.5f), ImVec2(x + 2 * w, mid - h * 0.5f),
                                       ImVec2(x + w, mid + h * 0.5f), p.text);
        else
          cell_draw->AddTriangleFilled(ImVec2(x, mid + h * 0.5f), ImVec2(x + w, mid - h * 0.5f),
                                       ImVec2(x + 2 * w, mid + h * 0.5f), p.text);
      }
    }
    ImGui::PopFont();

    const std::string& query = list.shown_query().text;  // what the rows on screen matched
    std::int64_t last = std::min(total, first_row_ + visible_rows_);
    for (std::int64_t r = first_row_; r < last; ++r) {
      ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
      const User* u = list.row(r);
      bool selected = store.selected_row() == r;
      ImGui::PushID(static_cast<int>(r % 100000));
      for (int c = 0; c < kColumnCount; ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        if (c == kName) {
          // The row itself: hover tint, selection tint, click selects, double-click opens.
          ImVec2 start = ImGui::GetCursorPos();
          ImGui::PushStyleColor(ImGuiCol_Header, to_vec4(p.selected));
          ImGui::PushStyleColor(ImGuiCol_HeaderHovered, to_vec4(p.hover));
          ImGui::PushStyleColor(ImGuiCol_HeaderActive, to_vec4(p.selected));
          if (ImGui::Selectable("##row", selected,
                                ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap |
                                    ImGuiSelectableFlags_AllowDoubleClick,
                                ImVec2(0, row_h))) {
            store.select_row(r);
            focused_ = true;
            if (u && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) store.open_user(u->id, ctx.now_ms);
          }
          ImGui::PopStyleColor(3);
          ImGui::SetCursorPos(start);
        }
        if (!u) {
          placeholder_cell(t, c, r, row_h);
          continue;
        }
        float avail = ImGui::GetContentRegionAvail().x;
        switch (c) {
          case kName: {
            float d = t.px(28);
            ImVec2 cell = ImGui::GetCursorPos();
            ImGui::SetCursorPosY(cell.y + std::floor((row_h - d) * 0.5f));
            avatar(t, u->name, u->id, d);
            ImGui::SetCursorPos(
                ImVec2(cell.x + d + t.px(10), cell.y + std::floor((row_h - ImGui::GetFontSize()) * 0.5f)));
            bool cut = fitted_text(t, u->name, avail - d - t.px(10), query, p.text);
            ctx.mark("row." + std::to_string(r - first_row_) + ".name");
            ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            if (ImGui::IsMouseHoveringRect(a, b) &&
                ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
              ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
              ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, b.y), b, p.text, t.px(1));
              tooltip(cut ? u->name + "\n" + u->email : u->email);
            }
            if (clicked("name." + std::to_string(u->id), a, b)) store.open_user(u->id, ctx.now_ms);
            break;
          }
          case kEmail: {
            cell_text_y(row_h, ImGui::GetFontSize());
            bool cut = fitted_text(t, u->email, avail, query, p.text);
            ctx.mark("row." + std::to_string(r - first_row_) + ".email");
            ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            if (ImGui::IsMouseHoveringRect(a, b) &&
                ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
              ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
              tooltip((cut ? u->email + "\n" : std::string()) + "Click to copy");
            }
            if (clicked("email." + std::to_string(u->id), a, b)) {
              ImGui::SetClipboardText(u->email.c_str());
              store.toast("Email copied", ctx.now_ms);
            }
            break;
          }
          case kRole: {
            std::string role = store.role_name(u->roleId);
            const float h = badge_height(t);
            cell_text_y(row_h, h);
            bool admin = u->roleId == 1;
            ImVec2 pos = ImGui::GetCursorScreenPos();
            float w = badge(t, role.c_str(), admin ? p.accent : p.muted, admin ? p.accent_soft : IM_COL32(0, 0, 0, 0));
            if (!admin) ImGui::GetWindowDrawList()->AddRect(pos, ImVec2(pos.x + w, pos.y + h), p.border, h * 0.5f);
            break;
          }
          case kOrg:
            cell_text_y(row_h, ImGui::GetFontSize());
            if (u->orgName) {
              if (fitted_text(t, *u->orgName, avail) && ImGui::IsItemHovered()) tooltip(*u->orgName);
            } else
              muted_dash(t);
            break;
          case kLocation: {
            cell_text_y(row_h, ImGui::GetFontSize());
            std::string loc = u->city.value_or("");
            if (u->country && !u->country->empty()) loc += (loc.empty() ? "" : ", ") + *u->country;
            if (loc.empty())
              muted_dash(t);
            else if (fitted_text(t, loc, avail, query) && ImGui::IsItemHovered())
              tooltip(loc);
            break;
          }
          case kStatus: {
            cell_text_y(row_h, badge_height(t));
            if (u->status)
              status_badge(t, *u->status);
            else
              muted_dash(t);
            break;
          }
          case kLastLogin:
            cell_text_y(row_h, ImGui::GetFontSize());
            if (!u->lastLoggedAt)
              muted_dash(t);
            else {
              std::string when = format_console_time(*u->lastLoggedAt, ctx.now_ms, ctx.utc_offset_minutes);
              fitted_text(t, when, avail, "", *u->lastLoggedAt ? p.text : p.muted);
              if (ImGui::IsItemHovered() && *u->lastLoggedAt)
                tooltip(format_relative_time(*u->lastLoggedAt, ctx.now_ms));
            }
            break;
          case kRegistered:
            cell_text_y(row_h, ImGui::GetFontSize());
            if (u->registeredAt) {
              fitted_text(t, format_console_time(*u->registeredAt, ctx.now_ms, ctx.utc_offset_minutes), avail);
              if (ImGui::IsItemHovered()) tooltip(format_relative_time(*u->registeredAt, ctx.now_ms));
            } else
              muted_dash(t);
            break;
          case kDevices: {
            cell_text_y(row_h, ImGui::GetFontSize());
            if (!u->devicesCount) {
              muted_dash(t);
              break;
            }
            std::string n = std::to_string(*u->devicesCount);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - ImGui::CalcTextSize(n.c_str()).x);
            ImGui::TextColored(to_vec4(*u->devicesCount ? p.text : p.muted), "%s", n.c_str());
            break;
          }
          case kTags: {
            cell_text_y(row_h, badge_height(t));
            if (u->tags && !u->tags->empty())
              draw_tags(t, *u->tags);
            else if (!u->tags)
              muted_dash(t);
            break;
          }
          default: break;
        }
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  draw_scrollbar(ctx, total, ImVec2(max.x - scrollbar_w, min.y + header_h), ImVec2(max.x, max.y - t.px(4)));
  ImGui::SetCursorScreenPos(ImVec2(min.x, max.y));
  ImGui::Dummy(ImVec2(0, 0));
}

}  // namespace roster::ui
