#include "ui/users_table_cells.h"

#include "model/locale/messages.h"

#include "model/time_format.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace roster::ui {

// Widths the columns want, what they need, and which go first when the console is narrow: tags,
// then registration, devices, last login, organization, location, role, status, and on a phone the
// email (the profile shows it); never the name. Narrow ones that still fit come back (column_fit.h).
const ColumnSpec kUsersColumns[kColumnCount] = {
    {"Name", Msg::col_name, "Name", 230, 180, 0},
    {"Email", Msg::col_email, "Email", 250, 190, 9},
    {"Role", Msg::col_role, "Role", 90, 80, 7},
    {"Organization", Msg::col_organization, "Organization Name", 190, 140, 5},
    {"Location", Msg::col_location, "Country", 170, 150, 6, Msg::col_location_tip},
    {"Status", Msg::col_status, "Status", 110, 100, 8},
    {"Last login", Msg::col_last_login, "Last Login", 140, 130, 4},
    {"Registered", Msg::col_registered, "Registered At", 130, 130, 2},
    {"Devices", Msg::col_devices, "Devices Count", 80, 70, 3},
    {"Tags", Msg::col_tags, "", 180, 120, 1}};

namespace {

void cell_text_y(float row_h, float content_h) {
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::floor((row_h - content_h) * 0.5f));
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

bool hovering_item_in_window(ImVec2 a, ImVec2 b) {
  return ImGui::IsMouseHoveringRect(a, b) && ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
}

// The tags that fit with room for "+N" after them, then "+N" for the rest (hovered, it names every
// tag; the mirror's cell says them all): a chip is never cut at the column's edge.
void draw_tags(const Theme& t, const std::vector<Tag>& tags) {
  const float avail = ImGui::GetContentRegionAvail().x, gap = t.px(4);
  auto chip_width = [&](const std::string& text) {
    ImGui::PushFont(t.fonts.small_bold);
    const float w = ImGui::CalcTextSize(text.c_str()).x + t.px(16);  // badge(): the text and its padding
    ImGui::PopFont();
    return w;
  };
  auto more = [](std::size_t rest) { return "+" + std::to_string(rest); };
  float used = 0;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const std::size_t rest = tags.size() - i - 1;
    const float w = chip_width(tags[i].name);
    if (used + w + (rest ? gap + chip_width(more(rest)) : 0.0f) > avail) {
      badge(t, more(tags.size() - i).c_str(), t.colors.muted, t.colors.grey_soft);
      if (ImGui::IsItemHovered()) {
        std::string names;
        for (const Tag& tag : tags) names += (names.empty() ? "" : ", ") + tag.name;
        tooltip(names);
      }
      return;
    }
    badge(t, tags[i].name.c_str(), t.colors.text, t.colors.grey_soft);
    ImGui::SameLine(0, gap);
    used += w + gap;
  }
  ImGui::NewLine();
}

CellHit name_cell(UiContext& ctx, const store::UserRow& row, std::int64_t screen_row, float row_h, float avail) {
  const Theme& t = ctx.theme;
  const User& u = row.user;
  float d = t.px(28);
  ImVec2 cell = ImGui::GetCursorPos();
  ImGui::SetCursorPosY(cell.y + std::floor((row_h - d) * 0.5f));
  avatar(t, u.name, u.id, d);
  ImGui::SetCursorPos(ImVec2(cell.x + d + t.px(10), cell.y + std::floor((row_h - ImGui::GetFontSize()) * 0.5f)));
  bool cut = fitted_text(t, u.name, avail - d - t.px(10), t.colors.text, row.name);
  ctx.mark("row." + std::to_string(screen_row) + ".name");
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  if (hovering_item_in_window(a, b)) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, b.y), b, t.colors.text, t.px(1));
    tooltip(cut ? u.name + "\n" + u.email : u.email);
  }
  return {a, b, true};
}

CellHit email_cell(UiContext& ctx, const store::UserRow& row, std::int64_t screen_row, float row_h, float avail) {
  const Theme& t = ctx.theme;
  cell_text_y(row_h, ImGui::GetFontSize());
  bool cut = fitted_text(t, row.user.email, avail, t.colors.text, row.email);
  ctx.mark("row." + std::to_string(screen_row) + ".email");
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  if (hovering_item_in_window(a, b)) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    tooltip((cut ? row.user.email + "\n" : std::string()) + tr(Msg::profile_click_to_copy));
  }
  return {a, b, true};
}

void role_cell(UiContext& ctx, const User& u, float row_h) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  std::string role = ctx.store.role_name(u.roleId);
  const float h = badge_height(t);
  cell_text_y(row_h, h);
  bool admin = u.roleId == 1;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float w = badge(t, role.c_str(), admin ? p.accent : p.muted, admin ? p.accent_soft : IM_COL32(0, 0, 0, 0));
  if (!admin) ImGui::GetWindowDrawList()->AddRect(pos, ImVec2(pos.x + w, pos.y + h), p.border, h * 0.5f);
}

// A time in the Console's format, its relative form on hover (and the whole time, when cut); a dash
// when absent.
void time_cell(UiContext& ctx, const std::optional<std::int64_t>& at, float row_h, float avail) {
  const Theme& t = ctx.theme;
  cell_text_y(row_h, ImGui::GetFontSize());
  if (!at) {
    muted_dash(t);
    return;
  }
  const std::string shown = format_console_time(*at, ctx.now_ms, ctx.offset(*at));
  const bool cut = fitted_text(t, shown, avail, *at ? t.colors.text : t.colors.muted);
  if (ImGui::IsItemHovered() && *at)
    tooltip((cut ? shown + "\n" : std::string()) + format_relative_time(*at, ctx.now_ms));
}

}  // namespace

void placeholder_cell(const Theme& t, int column, std::int64_t row, float row_h) {
  float widths[] = {0.7f, 0.8f, 0.5f, 0.6f, 0.55f, 0.5f, 0.6f, 0.55f, 0.3f, 0.4f};
  float w = ImGui::GetContentRegionAvail().x * widths[column] *
            (0.8f + 0.2f * static_cast<float>((row * 7 + column) % 3) / 2.0f);
  cell_text_y(row_h, t.px(10));
  placeholder_bar(t, std::max(t.px(16), w), t.px(10));
}

std::string user_cell_text(const UiContext& ctx, int column, const User& u) {
  auto time = [&](const std::optional<std::int64_t>& at) {
    return at ? format_console_time(*at, ctx.now_ms, ctx.offset(*at)) : std::string();
  };
  switch (column) {
    case kName: return u.name;
    case kEmail: return u.email;
    case kRole: return ctx.store.role_name(u.roleId);
    case kOrg: return u.orgName.value_or("");
    case kLocation: return location_text(u);
    case kStatus: return u.status.value_or("");
    case kLastLogin: return time(u.lastLoggedAt);
    case kRegistered: return time(u.registeredAt);
    case kDevices: return u.devicesCount ? std::to_string(*u.devicesCount) : std::string();
    case kTags: {
      std::string text;
      if (u.tags)
        for (const auto& tag : *u.tags) text += (text.empty() ? "" : ", ") + tag.name;
      return text;
    }
    default: return {};
  }
}

CellHit draw_user_cell(UiContext& ctx, int column, const store::UserRow& row, std::int64_t screen_row, float row_h) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  const User& u = row.user;
  float avail = ImGui::GetContentRegionAvail().x;
  switch (column) {
    case kName: return name_cell(ctx, row, screen_row, row_h, avail);
    case kEmail: return email_cell(ctx, row, screen_row, row_h, avail);
    case kRole: role_cell(ctx, u, row_h); break;
    case kOrg:
      cell_text_y(row_h, ImGui::GetFontSize());
      if (u.orgName) {
        if (fitted_text(t, *u.orgName, avail) && ImGui::IsItemHovered()) tooltip(*u.orgName);
      } else
        muted_dash(t);
      break;
    case kLocation: {
      cell_text_y(row_h, ImGui::GetFontSize());
      std::string loc = location_text(u);
      if (loc.empty())
        muted_dash(t);
      else if (fitted_text(t, loc, avail, p.text, row.location) && ImGui::IsItemHovered())
        tooltip(loc);
      break;
    }
    case kStatus:
      cell_text_y(row_h, badge_height(t));
      if (u.status)
        status_badge(t, *u.status);
      else
        muted_dash(t);
      break;
    case kLastLogin: time_cell(ctx, u.lastLoggedAt, row_h, avail); break;
    case kRegistered: time_cell(ctx, u.registeredAt, row_h, avail); break;
    case kDevices: {
      cell_text_y(row_h, ImGui::GetFontSize());
      if (!u.devicesCount) {
        muted_dash(t);
        break;
      }
      std::string n = std::to_string(*u.devicesCount);
      ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - ImGui::CalcTextSize(n.c_str()).x);
      ImGui::TextColored(to_vec4(*u.devicesCount ? p.text : p.muted), "%s", n.c_str());
      break;
    }
    case kTags:
      cell_text_y(row_h, badge_height(t));
      if (u.tags && !u.tags->empty())
        draw_tags(t, *u.tags);
      else if (!u.tags)
        muted_dash(t);
      break;
    default: break;
  }
  return {};
}

}  // namespace roster::ui
