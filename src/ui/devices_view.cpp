#include "ui/devices_view.h"

#include "model/locale/messages.h"

#include "model/time_format.h"

#include "ui/banners.h"
#include "ui/device_cells.h"
#include "ui/time_width.h"
#include "ui/widgets.h"

#include <cstdio>

namespace roster::ui {

namespace {

// When the console is narrow the organization goes first, then the model and the time; on a phone the
// owner (the Columns menu brings it back).
const ColumnSpec kColumns[] = {{"Name", Msg::col_name, "Name", 240, 160, 0},
                               {"Owner", Msg::col_owner, "Owner Name", 200, 140, 4},
                               {"Status", Msg::col_status, "Status", 100, 90, 0},
                               {"Model", Msg::col_model, "Model", 180, 130, 2},
                               {"Organization", Msg::col_organization, "Organization Name", 200, 140, 1},
                               {"Last Updated", Msg::col_last_updated, "Last Updated", 150, 120, 3}};

// Opening a device's row opens its owner's profile (the console has no page of a device's own).
std::optional<store::Intent> open_owner(const UiContext& ctx, const Device& d) {
  auto name = ctx.store.devices_screen().owner_name(d);
  if (!name || d.ownerUserId <= 0) return std::nullopt;
  User known;
  known.id = d.ownerUserId;
  known.name = *name;
  known.email = d.ownerEmail.value_or("");
  known.orgId = d.orgId;
  return store::intent::OpenUser{d.ownerUserId, known};
}

}  // namespace

void DevicesView::draw_search(UiContext& ctx) {
  const Theme& t = ctx.theme;
  const auto& q = ctx.store.route().devices;
  if (q.text != shown_search_ && !search_active_) {
    shown_search_ = q.text;
    std::snprintf(search_, sizeof search_, "%s", shown_search_.c_str());
  }
  bool mirror_typed = false;
  if (mirror_typed_) {  // what the mirror's field typed: as if typed here
    replace_field_text("##devices-search", search_, sizeof search_, *mirror_typed_);
    mirror_typed_.reset();
    mirror_typed = true;
  }
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::SetNextItemWidth(std::min(t.px(380), ImGui::GetContentRegionAvail().x));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.px(36), t.px(8)));
  bool edited = ImGui::InputTextWithHint("##devices-search", tr(Msg::devices_search_hint), search_, sizeof search_);
  ImGui::PopStyleVar();
  edited = edited || mirror_typed;
  search_active_ = ImGui::IsItemActive();
  ctx.mark("devices.search");
  // As in the users list: typing gives the grid's keys up, Down goes from the box into the grid.
  if (search_active_) table_.set_keyboard_focus(false);
  if (search_active_ && ImGui::IsKeyPressed(ImGuiKey_DownArrow)) {
    table_.set_keyboard_focus(true);
    ImGui::SetWindowFocus(nullptr);
  }
  if (ctx.stop("devices.search", false).just_focused && !search_active_) FocusChain::type_into_last_item();
  if (A11yNode* n = ctx.say("devices.search", "searchbox", tr(Msg::devices_search_hint))) {
    n->value = search_;
    n->set_text = [this](const std::string& text) { mirror_typed_ = text; };
  }
  ImGui::GetWindowDrawList()->AddText(ImVec2(pos.x + t.px(12), pos.y + t.px(8)), t.colors.muted, icon::kSearch);
  if (edited) {
    shown_search_ = search_;
    DevicesQuery next = q;
    next.text = shown_search_;
    ctx.emit(store::intent::SetDevicesQuery{next});
  }
}

void DevicesView::draw_owner_cell(UiContext& ctx, const Device& d, std::int64_t screen_row, float row_h) {
  const Theme& t = ctx.theme;
  center_in_row(row_h, ImGui::GetFontSize());
  auto name = ctx.store.devices_screen().owner_name(d);
  if (!name || d.ownerUserId <= 0) {
    ImGui::TextColored(to_vec4(t.colors.muted), "%s", d.ownerUserId > 0 ? "\xE2\x80\xA6" : "\xE2\x80\x94");
    return;
  }
  fitted_text(t, *name, ImGui::GetContentRegionAvail().x);
  ctx.mark("device.row." + std::to_string(screen_row) + ".owner");
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  if (ImGui::IsMouseHoveringRect(a, b) && ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, b.y), b, t.colors.text, t.px(1));
    if (d.ownerEmail) ImGui::SetTooltip("%s", d.ownerEmail->c_str());
  }
  if (table_.scroller().clicked("owner." + std::to_string(d.id), a, b))
    if (auto open = open_owner(ctx, d)) ctx.emit(std::move(*open));
}

void DevicesView::draw(UiContext& ctx) {
  const Theme& t = ctx.theme;
  const auto& devices = ctx.store.devices_screen().devices();
  ImGui::PushFont(t.fonts.title);
  ImGui::TextUnformatted(tr(Msg::devices_title));
  ImGui::PopFont();
  if (auto total = devices.total()) {
    ImGui::SameLine(0, t.px(12));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + t.px(6));
    std::string n = tr_count(Msg::count_devices, *total);
    ImGui::TextColored(to_vec4(t.colors.muted), "%s", n.c_str());
  }
  ImGui::Dummy(ImVec2(0, t.px(4)));
  if (ctx.kiosk) {  // read-only: the search in words, not a box
    const auto& shown = ctx.store.route().devices;
    if (!shown.text.empty())
      fitted_text(t, tr(Msg::devices_matching, {{"text", shown.text}}), ImGui::GetContentRegionAvail().x,
                  t.colors.muted);
  } else {
    draw_search(ctx);
  }
  ImGui::Dummy(ImVec2(0, t.px(12)));
  if (devices.error()) error_banner(ctx, tr(Msg::devices_load_failed), devices.error()->message);
  const auto& q = ctx.store.route().devices;
  ImVec2 avail = ImGui::GetContentRegionAvail();
  if (devices.total() && *devices.total() == 0 && !devices.loading()) {
    std::string message =
        q.text.empty() ? std::string(tr(Msg::devices_none)) : tr(Msg::devices_none_match, {{"text", q.text}});
    empty_card(t, ImVec2(avail.x, std::max(t.px(160), avail.y)), message,
               q.text.empty() ? "" : tr(Msg::devices_none_match_hint));
    ctx.mark("devices.empty");
    return;
  }
  DataTable::Rows rows;
  rows.total = devices.total().value_or(0);
  rows.generation = devices.generation();
  rows.loaded = [&devices](std::int64_t r) { return devices.row(r) != nullptr; };
  rows.draw_cell = [this, &ctx, &devices](int c, std::int64_t r, std::int64_t screen_row, float row_h) {
    const Device& d = *devices.row(r);
    switch (c) {
      case 0:
        device_name_cell(ctx, d, row_h);
        ctx.mark("device.row." + std::to_string(screen_row) + ".name");
        break;
      case 1: draw_owner_cell(ctx, d, screen_row, row_h); break;
      case 2: device_status_cell(ctx, d, row_h); break;
      case 3: device_text_cell(ctx, d.model, row_h); break;
      case 4: device_text_cell(ctx, d.orgName, row_h); break;
      case 5: device_updated_cell(ctx, d, row_h); break;
      default: break;
    }
  };
  rows.a11y_name = tr(Msg::devices_title);
  rows.tab_stop = "devices.table";
  rows.row_intent = [&ctx, &devices](std::int64_t r) { return open_owner(ctx, *devices.row(r)); };
  rows.cell_text = [&ctx, &devices](int c, std::int64_t r) -> std::string {
    const Device& d = *devices.row(r);
    switch (c) {
      case 0: return d.name;
      case 1: return d.ownerUserId > 0 ? ctx.store.devices_screen().owner_name(d).value_or("") : std::string();
      case 2: return device_status_text(d);
      case 3: return d.model.value_or("");
      case 4: return d.orgName.value_or("");
      case 5: return device_updated_text(ctx, d);
      default: return {};
    }
  };
  auto chosen = table_.draw(ctx, ImVec2(avail.x, std::max(t.px(160), avail.y)),
                            {"devices", kColumns, 6, "device.header.", false,
                             [&ctx](int c) { return c == 5 ? kiosk_time_width(ctx) : 0.0f; }},
                            rows, SortChoice{q.sort_label, q.descending});
  ctx.emit(store::intent::SetDevicesVisibleRows{table_.first_visible(), table_.last_visible()});
  if (chosen) {
    DevicesQuery next = q;
    next.sort_label = chosen->label;
    next.descending = chosen->descending;
    ctx.emit(store::intent::SetDevicesQuery{next});
  }
}

}  // namespace roster::ui
