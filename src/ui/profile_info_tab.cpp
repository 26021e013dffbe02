// The profile's Information tab: status with its meaning, email, nickname, phone (grouped), role,
// organization, time zone with its current offset and the user's local time now, last login and
// registration (absolute and relative). An absent value reads as absent ("—", "Never signed in").
#include "model/locale/messages.h"
#include "model/phone_format.h"
#include "model/time_format.h"
#include "model/time_zone.h"
#include "ui/profile_view.h"
#include "ui/widgets.h"

namespace roster::ui {

namespace {

constexpr const char* kDash = "\xE2\x80\x94";

struct InfoRows {
  const Theme& t;
  float label_w;
  A11yTree* a11y = nullptr;  // the card as a list of "label: value" items, when a mirror is kept
  mutable ImVec2 line_start;
  void label(const char* text) const {
    line_start = ImGui::GetCursorScreenPos();
    ImGui::TextColored(to_vec4(t.colors.muted), "%s", text);
    ImGui::SameLine(label_w);
  }
  // The line just drawn (label and value) as a list item.
  // `id` names the node in English (the tests' handle); `name` is what the row says.
  void say(const char* id, const char* name, const std::string& value) const {
    if (!a11y) return;
    A11yNode& n =
        a11y->add(std::string("info.") + id, "info", "listitem",
                  tr(Msg::info_item, {{"label", name}, {"value", value.empty() ? tr(Msg::info_none) : value}}));
    const ImVec2 end = ImGui::GetItemRectMax();
    n.x0 = line_start.x, n.y0 = line_start.y, n.x1 = end.x, n.y1 = end.y;
  }
  // A value wraps within the width rather than run past it (a phone, a longer language): the
  // profile is read, not hovered.
  static void wrapped(const char* value, ImU32 color = 0) {
    ImGui::PushTextWrapPos(0.0f);
    if (color)
      ImGui::TextColored(to_vec4(color), "%s", value);
    else
      ImGui::TextUnformatted(value);
    ImGui::PopTextWrapPos();
  }
  void text(const char* id, const char* name, const std::string& value) const {
    label(name);
    if (value.empty())
      ImGui::TextColored(to_vec4(t.colors.muted), "%s", kDash);
    else
      wrapped(value.c_str());
    say(id, name, value);
    ImGui::Dummy(ImVec2(0, t.px(10)));
  }
  // A moment: the Console's format, and how long ago beside it.
  void moment(UiContext& ctx, const char* id, const char* name, const std::optional<std::int64_t>& at,
              const char* absent) const {
    label(name);
    if (!at || *at <= 0) {
      ImGui::TextColored(to_vec4(t.colors.muted), "%s", absent);
    } else {
      ImGui::TextUnformatted(format_console_time(*at, ctx.now_ms, ctx.offset(*at)).c_str());
      ImGui::SameLine(0, t.px(10));
      ImGui::TextColored(to_vec4(t.colors.muted), "%s", format_relative_time(*at, ctx.now_ms).c_str());
    }
    say(id, name,
        !at || *at <= 0
            ? std::string(absent)
            : format_console_time(*at, ctx.now_ms, ctx.offset(*at)) + ", " + format_relative_time(*at, ctx.now_ms));
    ImGui::Dummy(ImVec2(0, t.px(10)));
  }
};

// "Europe/Kyiv · UTC+02:00 · 14:32 there now"; the name alone for a zone Roster does not know.
std::string zone_text(const std::string& tz, std::int64_t now_ms) {
  auto offset = utc_offset_minutes(tz, now_ms);
  if (!offset) return tz;
  std::int64_t local = now_ms / 60000 + *offset;
  int minute_of_day = static_cast<int>(((local % 1440) + 1440) % 1440);
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
  return tr(Msg::info_zone_now, {{"zone", tz}, {"offset", format_utc_offset(*offset)}, {"time", clock}});
}

}  // namespace

void draw_profile_info_tab(UiContext& ctx, const User& u) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float w = ImGui::GetContentRegionAvail().x;
  // The card is drawn behind the rows once their height is known (a split draw list).
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(pos.x + t.px(24), pos.y + t.px(20)));
  ImGui::BeginGroup();
  InfoRows rows{t, t.px(180), ctx.a11y, {}};
  std::size_t list_node = 0;
  if (ctx.a11y) {
    ctx.a11y->add("info", ctx.a11y_parent, "list", tr(Msg::info_list));
    list_node = ctx.a11y->nodes().size() - 1;
  }
  rows.label(tr(Msg::info_status));
  if (u.status) {
    status_badge(t, *u.status);
    ImGui::SameLine(0, t.px(12));
    InfoRows::wrapped(status_meaning(*u.status), p.muted);
  } else {
    ImGui::TextColored(to_vec4(p.muted), "%s", kDash);
  }
  ctx.mark("info.status");
  rows.say("Status", tr(Msg::info_status),
           u.status ? std::string(status_word(*u.status)) + ", " + status_meaning(*u.status) : "");
  ImGui::Dummy(ImVec2(0, t.px(10)));
  rows.text("Email", tr(Msg::info_email), u.email);
  rows.text("Nickname", tr(Msg::info_nickname), u.nickName.value_or(""));
  rows.text("Phone number", tr(Msg::info_phone), u.phoneNumber ? format_phone(*u.phoneNumber) : "");
  ctx.mark("info.phone");
  rows.text("Role", tr(Msg::info_role), ctx.store.role_name(u.roleId));
  rows.text("Organization", tr(Msg::info_organization), u.orgName.value_or(""));
  std::string location = location_text(u);
  rows.text("Location", tr(Msg::info_location), location);
  rows.text("Client custom fields", tr(Msg::info_custom_fields),
            "");  // Blynk's Enterprise fields: no server sends them yet
  rows.text("Timezone", tr(Msg::info_timezone), u.tz && !u.tz->empty() ? zone_text(*u.tz, ctx.now_ms) : "");
  ctx.mark("info.timezone");
  rows.moment(ctx, "Last login", tr(Msg::info_last_login), u.lastLoggedAt,
              u.status ? tr(Msg::profile_never_signed_in) : kDash);
  rows.moment(ctx, "Registered", tr(Msg::info_registered), u.registeredAt, kDash);
  ImGui::EndGroup();
  float bottom = ImGui::GetItemRectMax().y + t.px(10);
  if (ctx.a11y) {
    A11yNode& list = ctx.a11y->node(list_node);
    list.x0 = pos.x, list.y0 = pos.y, list.x1 = pos.x + w, list.y1 = bottom;
  }
  draw->ChannelsSetCurrent(0);
  draw->AddRectFilled(pos, ImVec2(pos.x + w, bottom), p.surface, t.px(8));
  draw->AddRect(pos, ImVec2(pos.x + w, bottom), p.border, t.px(8));
  draw->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(pos.x, bottom + t.px(16)));
  ImGui::Dummy(ImVec2(0, 0));
}

}  // namespace roster::ui
