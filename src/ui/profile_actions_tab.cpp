#include "ui/profile_actions_tab.h"

#include "model/locale/messages.h"

#include "model/device.h"
#include "model/time_format.h"
#include "model/time_zone.h"
#include "ui/banners.h"
#include "ui/time_width.h"
#include "ui/widgets.h"

#include <cstdio>
#include <string>

namespace roster::ui {

namespace {

// When the console is narrow the organization goes first, then the code, and on a phone the client.
const ColumnSpec kColumns[] = {{"Time", Msg::col_time, "Time", 150, 120, 0},
                               {"Organization Name", Msg::col_org_name, "Organization Name", 190, 140, 1},
                               {"Client", Msg::col_client, "Client", 120, 100, 3},
                               {"Action Name", Msg::col_action_name, "Action Name", 230, 160, 0},
                               {"Action Code", Msg::col_action_code, "Action Code", 170, 120, 2}};

// "2026-12-01 14:30" in the viewer's zone (with the offset of that instant, daylight saving
// included), and back; false for text that is not one.
std::string to_input(std::int64_t ms, int offset) { return format_iso_minutes(ms, offset); }

bool from_input(const char* text, const UiContext& ctx, std::int64_t& out) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  char tail = 0;
  if (std::sscanf(text, "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5) return false;
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return false;
  out = ctx.offset_at ? epoch_ms_from_local(y, mo, d, h, mi, ctx.offset_at) : epoch_ms_from_civil(y, mo, d, h, mi, 0);
  return true;
}

int client_index(const std::string& client) {
  for (int i = 0; i < 8; ++i)
    if (client == kActionClients[i]) return i;
  return 7;
}

}  // namespace

void ProfileActionsTab::draw_presets(UiContext& ctx, const ActionsQuery& q) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.px(4), t.px(4)));
  bool first = true;
  for (auto range : kActionsRanges) {
    if (!first) flow_same_line(framed_width(range_label(range)), t.px(4));  // they wrap on a phone
    first = false;
    bool active = range == q.range || (range == ActionsRange::Custom && custom_open_);
    ImGui::PushStyleColor(ImGuiCol_Button, to_vec4(active ? p.accent_soft : p.surface));
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(active ? p.accent : p.text));
    ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(active ? p.accent : p.control_border));
    bool clicked = ImGui::Button(range_label(range));
    ImGui::PopStyleColor(3);
    ctx.mark(std::string("range.") + range_key(range));
    ctx.stop(std::string("range.") + range_key(range));
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (clicked && range == ActionsRange::Custom) {
      custom_open_ = !custom_open_;
      Interval shown = ctx.store.profile().actions_interval();
      std::snprintf(from_text_, sizeof from_text_, "%s", to_input(shown.from_ms, ctx.offset(shown.from_ms)).c_str());
      std::snprintf(to_text_, sizeof to_text_, "%s", to_input(shown.to_ms, ctx.offset(shown.to_ms)).c_str());
      custom_error_.clear();
    } else if (clicked && range != q.range) {
      ActionsQuery next = q;
      next.range = range;
      custom_open_ = false;
      ctx.emit(store::intent::SetActionsQuery{next});
    }
  }
  ImGui::PopStyleVar();
  if (q.range == ActionsRange::Custom && !custom_open_) {  // which custom range is shown, in words
    const Interval& i = ctx.store.profile().actions_interval();
    std::string shown = format_console_time(i.from_ms, ctx.now_ms, ctx.offset(i.from_ms)) + " \xE2\x80\x93 " +
                        format_console_time(i.to_ms, ctx.now_ms, ctx.offset(i.to_ms));
    if (flow_same_line(ImGui::CalcTextSize(shown.c_str()).x, ctx.theme.px(12)))
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y);
    ImGui::TextColored(to_vec4(p.muted), "%s", shown.c_str());
    ctx.mark("custom.shown");
  }
}

void ProfileActionsTab::draw_custom_range(UiContext& ctx, const ActionsQuery& q) {
  const Theme& t = ctx.theme;
  ImGui::Dummy(ImVec2(0, t.px(4)));
  // Enter in either field applies, as a form's submit; Escape in one closes the range (ImGui has
  // already put the field's text back).
  bool entered = false, cancelled = false;
  // A label and its field stay together on a line; the pairs and Apply wrap like a toolbar (a phone
  // has room for one pair a line), so a date is never cut by the card's edge.
  const float field_w = t.px(170);
  bool first = true;
  auto field = [&](const char* label, const char* id, char(&text)[32], const char* layout_name) {
    if (!first) flow_same_line(ImGui::CalcTextSize(label).x + t.px(8) + field_w, t.px(16));
    first = false;
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(to_vec4(t.colors.muted), "%s", label);
    ImGui::SameLine(0, t.px(8));
    ImGui::SetNextItemWidth(field_w);
    entered |= ImGui::InputTextWithHint(id, tr(Msg::actions_date_hint), text, sizeof text,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
    cancelled |= ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGuiKey_Escape, false);
    ctx.mark(layout_name);
  };
  field(tr(Msg::actions_from), "##from", from_text_, "custom.from");
  field(tr(Msg::actions_to), "##to", to_text_, "custom.to");
  flow_same_line(button_width(t, tr(Msg::actions_apply)), t.px(16));
  bool apply = primary_button(t, tr(Msg::actions_apply)) || entered;
  if (cancelled) {
    custom_open_ = false;
    custom_error_.clear();
  }
  ctx.mark("custom.apply");
  if (apply) {
    std::int64_t from = 0, to = 0;
    if (!from_input(from_text_, ctx, from) || !from_input(to_text_, ctx, to)) {
      custom_error_ = tr(Msg::actions_date_format);
    } else {
      custom_error_ = validate_custom_range(from, to, ctx.now_ms);
      if (custom_error_.empty()) {
        ActionsQuery next = q;
        next.range = ActionsRange::Custom;
        next.from_ms = from;
        next.to_ms = to;
        custom_open_ = false;
        ctx.emit(store::intent::SetActionsQuery{next});
      }
    }
  }
  if (!custom_error_.empty()) {
    ImGui::TextColored(to_vec4(t.colors.error), "%s", custom_error_.c_str());
    ctx.mark("custom.error");
  }
}

void ProfileActionsTab::draw_filters(UiContext& ctx, const ActionsQuery& q) {
  const Theme& t = ctx.theme;
  // The search box follows the route unless the person is typing in it.
  if (q.text != shown_search_ && !search_active_) {
    shown_search_ = q.text;
    std::snprintf(search_, sizeof search_, "%s", shown_search_.c_str());
  }
  // Half the width, or the whole line when that is too little (a phone: the filter and export wrap).
  const float avail_w = ImGui::GetContentRegionAvail().x;
  ImGui::SetNextItemWidth(avail_w < t.px(480) ? avail_w : std::min(t.px(320), avail_w * 0.5f));
  bool edited = ImGui::InputTextWithHint("##actions-search", tr(Msg::actions_search_hint), search_, sizeof search_);
  search_active_ = ImGui::IsItemActive();
  ctx.mark("actions.search");
  if (ctx.stop("actions.search", false).just_focused && !search_active_) FocusChain::type_into_last_item();
  if (edited) {
    shown_search_ = search_;
    ActionsQuery next = q;
    next.text = shown_search_;
    ctx.emit(store::intent::SetActionsQuery{next});
  }
  if (!flow_same_line(filter_button_width(tr(Msg::actions_client), q.clients.size()), t.px(12)))
    ImGui::Dummy(ImVec2(0, t.px(4)));
  std::vector<std::pair<std::string, std::string>> options;
  for (const char* c : kActionClients) options.push_back({c, c});
  if (auto chosen = clients_.draw(ctx, tr(Msg::actions_client), "client", options, q.clients)) {
    ActionsQuery next = q;
    next.clients = *chosen;
    ctx.emit(store::intent::SetActionsQuery{next});
  }
  // The log of this interval, filters and sort as CSV (a read: whoever may see the log may export it).
  if (!ctx.kiosk && !ctx.store.public_api_only()) {
    flow_same_line(button_width(t, tr(Msg::actions_export_csv)), t.px(12));
    if (secondary_button(t, tr(Msg::actions_export_csv))) ctx.emit(store::intent::ExportActionsLog{});
    ctx.mark("actions.export");
    ctx.stop("actions.export");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(Msg::actions_export_tip));
  }
}

void ProfileActionsTab::draw_cell(UiContext& ctx, int column, const ActionLogEntry& e, float row_h) {
  const Theme& t = ctx.theme;
  float avail = ImGui::GetContentRegionAvail().x;
  switch (column) {
    case 0: {
      center_in_row(row_h, ImGui::GetFontSize());
      const std::string shown = format_console_time(e.ts, ctx.now_ms, ctx.offset(e.ts));
      const bool cut = fitted_text(t, shown, avail);
      if (ImGui::IsItemHovered()) {
        std::string tip = (cut ? shown + "\n" : std::string()) + format_relative_time(e.ts, ctx.now_ms);
        const auto& user = ctx.store.profile().user();
        if (user && user->tz)
          if (auto offset = utc_offset_minutes(*user->tz, e.ts))
            tip += "\n" + tr(Msg::actions_time_in_zone,
                             {{"time", format_console_time(e.ts, ctx.now_ms, *offset)}, {"zone", *user->tz}});
        ImGui::SetTooltip("%s", tip.c_str());
      }
      break;
    }
    case 1:
      center_in_row(row_h, ImGui::GetFontSize());
      fitted_text(t, e.orgName.empty() ? "\xE2\x80\x94" : e.orgName, avail);
      break;
    case 2: {
      center_in_row(row_h, badge_height(t));
      ImU32 c = client_color(client_index(e.client), t.dark);
      badge(t, e.client.c_str(), t.colors.text, (c & 0x00FFFFFF) | (static_cast<ImU32>(40) << IM_COL32_A_SHIFT));
      break;
    }
    case 3:
      center_in_row(row_h, ImGui::GetFontSize());
      fitted_text(t, e.actionName, avail);
      break;
    case 4:
      center_in_row(row_h, ImGui::GetFontSize());
      fitted_text(t, e.actionCode, avail, t.colors.muted);
      break;
    default: break;
  }
}

void ProfileActionsTab::draw(UiContext& ctx) {
  const Theme& t = ctx.theme;
  const auto& profile = ctx.store.profile();
  const ActionsQuery& q = ctx.store.route().actions;
  const auto& log = profile.actions();
  if (ctx.store.public_api_only()) {
    info_banner(ctx, tr(Msg::actions_public_only), "notice.noActionsLog");
    return;
  }
  draw_presets(ctx, q);
  if (custom_open_) draw_custom_range(ctx, q);
  ImGui::Dummy(ImVec2(0, t.px(8)));
  draw_filters(ctx, q);
  ImGui::Dummy(ImVec2(0, t.px(8)));
  if (log.error()) {
    error_banner(ctx, tr(Msg::actions_load_failed), log.error()->message);
    if (!log.total()) return;  // rows already shown stay under the banner
  }
  const float histogram_h = t.px(150);
  if (const auto& h = profile.histogram()) {
    if (auto narrowed = histogram_.draw(ctx, *h, profile.actions_interval(), histogram_h)) {
      ActionsQuery next = q;
      next.range = ActionsRange::Custom;
      next.from_ms = narrowed->from_ms;
      next.to_ms = narrowed->to_ms;
      ctx.emit(store::intent::SetActionsQuery{next});
    }
  } else if (!profile.histogram_error()) {  // on its way: an empty card of the same size
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x;
    ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + histogram_h), t.colors.surface, t.px(8));
    ImGui::GetWindowDrawList()->AddRect(pos, ImVec2(pos.x + w, pos.y + histogram_h), t.colors.border, t.px(8));
    ImGui::SetCursorScreenPos(ImVec2(pos.x + t.px(16), pos.y + t.px(14)));
    placeholder_bar(t, t.px(220), t.px(10));
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + histogram_h + t.px(12)));
  }
  ImVec2 avail = ImGui::GetContentRegionAvail();
  ImVec2 size(avail.x, std::max(t.px(200), avail.y));
  if (log.total() && *log.total() == 0 && !log.loading()) {
    std::string message = tr(q.text.empty() && q.clients.empty() ? Msg::actions_empty : Msg::actions_empty_filtered);
    empty_card(t, size, message, tr(Msg::actions_empty_hint));
    ctx.mark("actions.empty");
    return;
  }
  DataTable::Rows rows;
  rows.total = log.total().value_or(0);
  rows.generation = log.generation();
  rows.loaded = [&log](std::int64_t r) { return log.row(r) != nullptr; };
  rows.draw_cell = [this, &ctx, &log](int c, std::int64_t r, std::int64_t screen_row, float row_h) {
    draw_cell(ctx, c, *log.row(r), row_h);
    if (c == 3) ctx.mark("actions.row." + std::to_string(screen_row) + ".name");
  };
  // The words of a cell: the mirror's gridcells and, on a phone, a row's details.
  rows.cell_text = [&ctx, &log](int c, std::int64_t r) -> std::string {
    const ActionLogEntry& e = *log.row(r);
    switch (c) {
      case 0: return format_console_time(e.ts, ctx.now_ms, ctx.offset(e.ts));
      case 1: return e.orgName;
      case 2: return e.client;
      case 3: return e.actionName;
      case 4: return e.actionCode;
      default: return {};
    }
  };
  rows.a11y_name = tr(Msg::profile_tab_actions_log);
  rows.tab_stop = "actions-log.table";  // the grid's keys, and a phone's row details by Right and Left
  auto chosen = table_.draw(ctx, size,
                            {"actions-log", kColumns, 5, "actions.header.", false,
                             [&ctx](int c) { return c == 0 ? kiosk_time_width(ctx) : 0.0f; }},
                            rows, SortChoice{q.sort_label, q.descending});
  ctx.emit(store::intent::SetActionsVisibleRows{table_.first_visible(), table_.last_visible()});
  if (chosen) {
    ActionsQuery next = q;
    next.sort_label = chosen->label;
    next.descending = chosen->descending;
    ctx.emit(store::intent::SetActionsQuery{next});
  }
}

}  // namespace roster::ui
