#include "ui/profile_devices_tab.h"

#include "model/locale/messages.h"

#include "ui/banners.h"
#include "ui/device_cells.h"
#include "ui/widgets.h"

#include <string>

namespace roster::ui {

namespace {

const ColumnSpec kColumns[] = {{"Name", Msg::col_name, "Name", 260, 160, 0},
                               {"Status", Msg::col_status, "Status", 110, 90, 0},
                               {"Model", Msg::col_model, "Model", 200, 130, 2},
                               {"Last Updated", Msg::col_last_updated, "Last Updated", 160, 120, 1}};
// The public API cannot sort a person's devices: the same columns, not sortable.
const ColumnSpec kPlainColumns[] = {{"Name", Msg::col_name, "", 260, 160, 0},
                                    {"Status", Msg::col_status, "", 110, 90, 0},
                                    {"Model", Msg::col_model, "", 200, 130, 2},
                                    {"Last Updated", Msg::col_last_updated, "", 160, 120, 1}};

}  // namespace

void ProfileDevicesTab::draw(UiContext& ctx) {
  const Theme& t = ctx.theme;
  const auto& devices = ctx.store.profile().devices();
  if (devices.error()) {
    error_banner(ctx, tr(Msg::devices_load_failed_user), devices.error()->message);
    if (!devices.total()) return;  // rows already shown stay under the banner
  }
  if (!devices.total()) {  // the owner's email is not known yet, or the first page is on its way
    placeholder_bar(t, t.px(200), t.px(12));
    return;
  }
  if (*devices.total() == 0) {
    ImVec2 avail = ImGui::GetContentRegionAvail();
    empty_card(t, ImVec2(avail.x, std::max(t.px(200), std::min(avail.y, t.px(320)))), tr(Msg::devices_none_user),
               tr(Msg::devices_none_user_hint));
    ctx.mark("devices.empty");
    return;
  }
  // The summary counts the rows at hand: all of them for the few devices a person has.
  std::int64_t online = 0, offline = 0;
  for (std::int64_t i = 0; i < std::min<std::int64_t>(*devices.total(), 400); ++i)
    if (const Device* d = devices.row(i)) (d->connected.value_or(false) ? online : offline)++;
  std::string summary = tr_count(Msg::count_devices, *devices.total());
  if (online + offline > 0)
    summary = tr(Msg::devices_summary_states, {{"devices", summary}, {"online", online}, {"offline", offline}});
  ImGui::TextColored(to_vec4(t.colors.muted), "%s", summary.c_str());
  ctx.mark("devices.summary");
  ImGui::Dummy(ImVec2(0, t.px(4)));
  ImVec2 avail = ImGui::GetContentRegionAvail();
  DataTable::Rows rows;
  rows.total = *devices.total();
  rows.generation = devices.generation();
  rows.loaded = [&devices](std::int64_t r) { return devices.row(r) != nullptr; };
  rows.draw_cell = [&ctx, &devices](int c, std::int64_t r, std::int64_t screen_row, float row_h) {
    const Device& d = *devices.row(r);
    switch (c) {
      case 0:
        device_name_cell(ctx, d, row_h);
        ctx.mark("devices.row." + std::to_string(screen_row) + ".name");
        break;
      case 1: device_status_cell(ctx, d, row_h); break;
      case 2: device_text_cell(ctx, d.model, row_h); break;
      case 3: device_updated_cell(ctx, d, row_h); break;
      default: break;
    }
  };
  rows.cell_text = [&ctx, &devices](int c, std::int64_t r) -> std::string {
    const Device& d = *devices.row(r);
    switch (c) {
      case 0: return d.name;
      case 1: return device_status_text(d);
      case 2: return d.model.value_or("");
      case 3: return device_updated_text(ctx, d);
      default: return {};
    }
  };
  rows.a11y_name = tr(Msg::profile_tab_devices);
  rows.tab_stop = "profile-devices.table";
  const auto& profile = ctx.store.profile();
  const bool sortable = !ctx.store.public_api_only();
  auto chosen = table_.draw(ctx, ImVec2(avail.x, std::max(t.px(160), avail.y)),
                            {sortable ? "profile-devices" : "profile-devices-plain",
                             sortable ? kColumns : kPlainColumns, 4, "devices.header.", false, nullptr},
                            rows, SortChoice{profile.devices_sort_label(), profile.devices_sort_descending()});
  if (chosen) ctx.emit(store::intent::SetProfileDevicesSort{chosen->label, chosen->descending});
  ctx.emit(store::intent::SetProfileDevicesVisibleRows{table_.first_visible(), table_.last_visible()});
}

}  // namespace roster::ui
