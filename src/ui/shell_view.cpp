#include "ui/shell_view.h"

#include "model/locale/messages.h"
#include "model/number_format.h"
#include "model/time_format.h"
#include "ui/kiosk_view.h"
#include "ui/orgs_view.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>

namespace roster::ui {

namespace {

// A navigation entry: icon and label, or the icon alone (label on hover) in a compact rail.
bool rail_item(const Theme& t, const char* glyph, const char* label, bool active, float width, bool compact) {
  const Palette& p = t.colors;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float h = t.px(40);
  ImGui::PushID(label);
  bool clicked = ImGui::InvisibleButton("nav", ImVec2(width - t.px(24), h));
  bool hovered = ImGui::IsItemHovered();
  ImGui::PopID();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (active || hovered)
    draw->AddRectFilled(pos, ImVec2(pos.x + width - t.px(24), pos.y + h), active ? p.accent_soft : p.hover, t.px(6));
  ImU32 color = active ? p.accent : p.text;
  ImGui::PushFont(active ? t.fonts.body_bold : t.fonts.body);
  float ty = pos.y + (h - ImGui::GetFontSize()) * 0.5f;
  if (compact) {
    float gx = pos.x + (width - t.px(24) - ImGui::CalcTextSize(glyph).x) * 0.5f;
    draw->AddText(ImVec2(gx, ty), active ? p.accent : p.muted, glyph);
  } else {
    draw->AddText(ImVec2(pos.x + t.px(12), ty), active ? p.accent : p.muted, glyph);
    draw->AddText(ImVec2(pos.x + t.px(40), ty), color, label);
  }
  ImGui::PopFont();
  if (hovered) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (compact) ImGui::SetTooltip("%s", label);
  }
  return clicked;
}

// A rail entry for the accessibility mirror: a link to its screen, aria-current on the one shown.
void say_link(UiContext& ctx, const char* id, const char* name, bool current, const store::Route& to) {
  if (A11yNode* n = ctx.say(id, "link", name)) {
    if (current) n->current = "page";
    n->intent = store::intent::Navigate{to};
  }
}

// What the polite live region says: a toast, else an error of the screen's request, else the users
// list's result count (after a search, what it matched).
std::string announcement(const store::Store& store) {
  if (const auto& toast = store.current_toast()) return toast->text;
  const auto& route = store.route();
  if (route.screen == store::Screen::Users && store.users().error())
    return tr(Msg::live_load_users_failed, {{"message", store.users().error()->message}});
  if (route.screen == store::Screen::UserProfile && store.profile_error())
    return tr(Msg::live_load_user_failed, {{"message", store.profile_error()->message}});
  if (route.screen != store::Screen::Users) return {};
  const auto total = store.users().total();
  if (!total) return {};
  if (store.search_text().empty()) return tr_count(Msg::count_users, *total);
  return tr_count(Msg::users_match, *total, {{"text", store.search_text()}});
}

// A container node (a landmark) over a rectangle, for the nodes under it.
void say_area(UiContext& ctx, const char* id, const char* role, const char* name, ImVec2 a, ImVec2 b) {
  if (!ctx.a11y) return;
  A11yNode& n = ctx.a11y->add(id, "", role, name);
  n.x0 = a.x, n.y0 = a.y, n.x1 = b.x, n.y1 = b.y;
}

// The person menu's languages, each named in itself ("Deutsch"), the one in force ticked: choosing
// one redraws everything in it at once; the screen keeps its query, selection and scroll.
void language_menu(UiContext& ctx) {
  ImGui::Separator();
  ImGui::TextColored(to_vec4(ctx.theme.colors.muted), "%s", tr(Msg::menu_language));
  for (const LocaleData* l : menu_locales()) {
    const bool in_force = l == &current_locale();
    const std::string id = std::string("menu.locale.") + l->tag;
    if (ImGui::Selectable((std::string(l->native_name) + "##" + id).c_str(), in_force))
      ctx.emit(store::intent::ChooseLanguage{l->tag});
    ctx.mark(id);
    if (A11yNode* n = ctx.say(id, "menuitemradio", l->native_name)) {
      n->checked = in_force ? 1 : 0;
      n->intent = store::intent::ChooseLanguage{l->tag};
    }
  }
  ImGui::Separator();
}

}  // namespace

void ShellView::draw_rail(UiContext& ctx, float width, float height, bool compact) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImVec2 origin = ImGui::GetWindowPos();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), p.surface);
  draw->AddLine(ImVec2(origin.x + width - 1, origin.y), ImVec2(origin.x + width - 1, origin.y + height), p.border);
  // Logo: the accent square with an R, then the product name.
  ImVec2 logo(origin.x + (compact ? (width - t.px(24)) * 0.5f : t.px(20)), origin.y + t.px(16));
  draw->AddRectFilled(logo, ImVec2(logo.x + t.px(24), logo.y + t.px(24)), p.accent_fill, t.px(6));
  ImGui::PushFont(t.fonts.body_bold);
  draw->AddText(ImVec2(logo.x + t.px(7), logo.y + (t.px(24) - ImGui::GetFontSize()) * 0.5f), p.on_fill, "R");
  ImGui::PopFont();
  if (!compact) {
    ImGui::PushFont(t.fonts.title);
    draw->AddText(ImVec2(logo.x + t.px(34), logo.y + (t.px(24) - ImGui::GetFontSize()) * 0.5f), p.text, "Roster");
    ImGui::PopFont();
  }

  auto& store = ctx.store;
  const auto& route = store.route();
  ImGui::SetCursorScreenPos(ImVec2(origin.x + t.px(12), origin.y + t.px(72)));
  bool users_active = route.screen == store::Screen::Users || route.screen == store::Screen::UserProfile;
  bool to_users = rail_item(t, icon::kUsers, tr(Msg::nav_users), users_active && !route.users.org_id, width, compact);
  ctx.mark("nav.users");
  say_link(ctx, "nav.users", tr(Msg::nav_users), users_active && !route.users.org_id, store::Route{});
  ctx.stop("nav.users");
  if (to_users) {
    ctx.emit(store::intent::Navigate{store::Route{}});
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x + t.px(12), ImGui::GetCursorScreenPos().y + t.px(4)));
  bool to_devices =
      rail_item(t, icon::kMicrochip, tr(Msg::nav_devices), route.screen == store::Screen::Devices, width, compact);
  ctx.mark("nav.devices");
  ctx.stop("nav.devices");
  store::Route devices;
  devices.screen = store::Screen::Devices;
  say_link(ctx, "nav.devices", tr(Msg::nav_devices), route.screen == store::Screen::Devices, devices);
  if (to_devices) ctx.emit(store::intent::Navigate{devices});
  ImGui::SetCursorScreenPos(ImVec2(origin.x + t.px(12), ImGui::GetCursorScreenPos().y + t.px(4)));
  bool to_orgs = rail_item(t, icon::kSitemap, tr(Msg::nav_organizations),
                           route.screen == store::Screen::Orgs || (users_active && route.users.org_id), width, compact);
  ctx.mark("nav.orgs");
  ctx.stop("nav.orgs");
  store::Route orgs;
  orgs.screen = store::Screen::Orgs;
  say_link(ctx, "nav.orgs", tr(Msg::nav_organizations),
           route.screen == store::Screen::Orgs || (users_active && route.users.org_id), orgs);
  if (to_orgs) ctx.emit(store::intent::Navigate{orgs});
}

void ShellView::draw_top_bar(UiContext& ctx, float x, float width, float height, bool compact) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  auto& store = ctx.store;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImVec2 origin = ImGui::GetWindowPos();
  ImVec2 a(origin.x + x, origin.y), b(origin.x + x + width, origin.y + height);
  draw->AddRectFilled(a, b, p.surface);
  draw->AddLine(ImVec2(a.x, b.y - 1), ImVec2(b.x, b.y - 1), p.border);

  // Breadcrumb: "Users › Olena Koval".
  const auto& route = store.route();
  std::string first = route.screen == store::Screen::Devices                      ? tr(Msg::nav_devices)
                      : route.screen == store::Screen::Orgs || route.users.org_id ? tr(Msg::nav_organizations)
                                                                                  : tr(Msg::nav_users);
  std::string second;
  if (route.screen == store::Screen::UserProfile)
    second = store.profile_user() ? store.profile_user()->name
                                  : tr(Msg::crumb_user, {{"id", std::to_string(route.user_id)}});
  else if (route.users.org_id && route.screen == store::Screen::Users) {
    const auto& orgs = store.org_search();
    auto name = orgs.name(route.users.org_id);
    if (!name && orgs.wants_name(route.users.org_id)) ctx.emit(store::intent::LookUpOrg{route.users.org_id});
    second = name.value_or(tr(Msg::crumb_org, {{"id", std::to_string(route.users.org_id)}})) + " \xE2\x80\xBA " +
             tr(Msg::nav_users);
  }
  float ty = a.y + (height - ImGui::GetFontSize()) * 0.5f;
  ImGui::SetCursorScreenPos(ImVec2(a.x + t.px(24), ty));
  if (ctx.a11y) {  // the screen's heading, where the breadcrumb is drawn; it belongs to main
    const float text_h = ImGui::GetFontSize();
    A11yNode& h1 =
        ctx.a11y->add("heading", "main", "heading", second.empty() ? first : first + " \xE2\x80\xBA " + second);
    h1.level = 1;
    h1.x0 = a.x + t.px(24), h1.y0 = ty, h1.x1 = a.x + width * 0.6f, h1.y1 = ty + text_h;
  }
  if (second.empty()) {
    ImGui::PushFont(t.fonts.body_bold);
    ImGui::TextUnformatted(first.c_str());
    ImGui::PopFont();
  } else {
    ImGui::TextColored(to_vec4(p.muted), "%s", first.c_str());
    ctx.mark("breadcrumb.first");
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (ImGui::IsItemClicked()) {
      store::Route r;
      r.users = route.users;
      ctx.emit(store::intent::Navigate{r});
    }
    ImGui::SameLine(0, t.px(8));
    ImGui::TextColored(to_vec4(p.muted), "\xE2\x80\xBA");
    ImGui::SameLine(0, t.px(8));
    ImGui::PushFont(t.fonts.body_bold);
    fitted_text(t, second, width * 0.4f);
    ImGui::PopFont();
  }

  // Right side: a kiosk's rotation; a console's organization, then the signed-in person with a menu.
  if (ctx.kiosk) kiosk_rotation_indicator(ctx, b.x - t.px(24), a.y + height * 0.5f);
  if (const auto& s = store.session(); s && !ctx.kiosk) {
    float d = t.px(28);
    std::string who = s->user.name;
    float who_w = ImGui::CalcTextSize(who.c_str()).x;
    float menu_x = b.x - t.px(24) - d - t.px(10) - who_w - t.px(20);
    ImGui::SetCursorScreenPos(ImVec2(menu_x, a.y + (height - d) * 0.5f));
    ImVec2 start = ImGui::GetCursorScreenPos();
    bool open = ImGui::InvisibleButton("me", ImVec2(d + t.px(10) + who_w + t.px(20), d));
    ctx.mark("menu.me");
    if (A11yNode* n = ctx.say("menu.me", "button", tr(Msg::menu_account, {{"name", who}}))) {
      n->clicks = true;
      n->expanded = ImGui::IsPopupOpen("me-menu") ? 1 : 0;
    }
    ctx.stop("menu.me");
    if (ImGui::IsItemHovered()) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      draw->AddRectFilled(ImVec2(start.x - t.px(6), start.y - t.px(4)),
                          ImVec2(start.x + d + t.px(10) + who_w + t.px(26), start.y + d + t.px(4)), p.hover, t.px(6));
    }
    ImGui::SetCursorScreenPos(start);
    avatar(t, s->user.name, s->user.id, d);
    draw->AddText(ImVec2(start.x + d + t.px(10), ty), p.text, who.c_str());
    draw->AddText(ImVec2(start.x + d + t.px(14) + who_w, ty), p.muted, icon::kCaretDown);
    if (open) ImGui::OpenPopup("me-menu");
    // The organization switcher: the users list's scope (the caller's organization unless one was
    // chosen); choosing one shows only its users, choosing the caller's own the whole list again.
    const int home = s->org_id;
    const int scope = route.users.org_id ? route.users.org_id : home;
    int chosen = scope;
    float picker_w = OrgPicker::natural_width(ctx, chosen, tr(Msg::org_label));
    if (compact) picker_w = std::min(picker_w, t.px(180));
    ImGui::SetCursorScreenPos(
        ImVec2(menu_x - t.px(20) - picker_w, a.y + (height - ImGui::GetFontSize() - t.px(16)) * 0.5f));
    if (switcher_.draw(ctx, "switcher", chosen, tr(Msg::org_label), picker_w) && chosen) {
      store::Route r;
      if (chosen != home) {
        r.users.org_id = chosen;
        r.users.preset = UserPreset::OrgMembers;
      }
      ctx.emit(store::intent::Navigate{r});
    }
    ImGui::SetNextWindowPos(ImVec2(b.x - t.px(24), b.y + t.px(4)), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.px(8), t.px(8)));
    if (ImGui::BeginPopup("me-menu")) {
      const std::string outer = say_menu(ctx, "me-menu", "Account");
      close_popup_on_escape();
      ImGui::TextColored(to_vec4(p.muted), "%s", s->user.email.c_str());
      if (!s->role_name.empty()) ImGui::TextColored(to_vec4(p.muted), "%s", s->role_name.c_str());
      ImGui::Separator();
      std::string theme_label = std::string(t.dark ? icon::kSun : icon::kMoon) + "  " +
                                (t.dark ? tr(Msg::menu_light_theme) : tr(Msg::menu_dark_theme));
      if (ImGui::Selectable(theme_label.c_str())) toggle_theme_ = true;
      ctx.mark("menu.theme");
      if (A11yNode* n =
              ctx.say("menu.theme", "menuitem", t.dark ? tr(Msg::menu_light_theme) : tr(Msg::menu_dark_theme)))
        n->clicks = true;
      language_menu(ctx);
      if (!ctx.kiosk) {
        std::string out = std::string(icon::kSignOut) + "  " + tr(Msg::menu_sign_out);
        if (ImGui::Selectable(out.c_str())) ctx.emit(store::intent::SignOut{});
        ctx.mark("menu.signout");
        if (A11yNode* n = ctx.say("menu.signout", "menuitem", tr(Msg::menu_sign_out)))
          n->intent = store::intent::SignOut{};
      }
      ctx.a11y_parent = outer;
      ImGui::EndPopup();
    }
    ImGui::PopStyleVar();
  }

  // The thin progress line while requests are slow to answer.
  if (store.progress_visible(ctx.now_ms) && t.prefs.reduced_motion) {
    // prefers-reduced-motion: the line stays still (a third of the bar, at its start).
    draw->AddRectFilled(ImVec2(a.x, b.y - t.px(2)), ImVec2(a.x + width * 0.3f, b.y), p.accent);
  } else if (store.progress_visible(ctx.now_ms)) {
    float phase = static_cast<float>(ctx.now_ms % 1200) / 1200.0f;
    float seg = width * 0.3f;
    float sx = a.x - seg + (width + seg) * phase;
    draw->AddRectFilled(ImVec2(std::max(a.x, sx), b.y - t.px(2)), ImVec2(std::min(b.x, sx + seg), b.y), p.accent);
  }
}

void ShellView::draw_toast(UiContext& ctx) {
  const auto& toast = ctx.store.current_toast();
  if (!toast) return;
  const Theme& t = ctx.theme;
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImVec2 size = ImGui::CalcTextSize(toast->text.c_str());
  ImVec2 pad(t.px(16), t.px(10));
  ImVec2 a(vp->Pos.x + (vp->Size.x - size.x) * 0.5f - pad.x, vp->Pos.y + vp->Size.y - t.px(32) - size.y - pad.y * 2);
  ImVec2 b(a.x + size.x + pad.x * 2, a.y + size.y + pad.y * 2);
  ImDrawList* draw = ImGui::GetForegroundDrawList();
  draw->AddRectFilled(a, b, t.dark ? IM_COL32(0xE6, 0xE9, 0xED, 245) : IM_COL32(0x1D, 0x23, 0x2B, 240), t.px(8));
  draw->AddText(ImVec2(a.x + pad.x, a.y + pad.y), t.dark ? IM_COL32(0x1D, 0x23, 0x2B, 255) : IM_COL32_WHITE,
                toast->text.c_str());
}

void ShellView::draw(UiContext& ctx) {
  const Theme& t = ctx.theme;
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  // No background: the platform clears to the same colour, and one full-screen pass less matters to
  // a software-rendered browser.
  ImGui::Begin("roster-host", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoNavInputs);
  // Tab is the focus chain's (ui/focus_chain.h), not ImGui's, which wraps around inside a window.
  if (!ctx.kiosk) {
    ctx.focus = &focus_;
    focus_.begin_frame();
  }
  if (ctx.kiosk) {
    kiosk_notice_touch(ctx);
    if (kiosk_refused_screen(ctx)) {  // the operator's message replaces everything, sign-in included
      ImGui::End();
      return;
    }
  }
  // A narrow console (embedded in a box of a host page, a small screen) gets an icon rail, tighter
  // margins and no organization line in the top bar.
  const bool compact = vp->Size.x < t.px(1000);
  const float rail_w = ctx.kiosk ? 0.0f : compact ? t.px(72) : t.px(216);
  const float bar_h = t.px(56);
  const float pad = compact ? t.px(16) : t.px(24);
  // The landmarks first, so the page's reading order is the rail, the top bar, the screen; the live
  // region exists from the first frame, empty until it has something to say.
  const ImVec2 o = vp->Pos;
  say_area(ctx, "live", "status", "", o, o);
  if (ctx.a11y) {
    ctx.a11y->nodes_back().value = announcement(ctx.store);
    ctx.a11y->nodes_back().live = "polite";
  }
  if (!ctx.kiosk) say_area(ctx, "nav", "navigation", "Roster", o, ImVec2(o.x + rail_w, o.y + vp->Size.y));
  say_area(ctx, "banner", "banner", "", ImVec2(o.x + rail_w, o.y), ImVec2(o.x + vp->Size.x, o.y + bar_h));
  say_area(ctx, "main", "main", "", ImVec2(o.x + rail_w + pad, o.y + bar_h + pad),
           ImVec2(o.x + vp->Size.x - pad, o.y + vp->Size.y - pad));
  ctx.a11y_parent = "nav";
  if (!ctx.kiosk) draw_rail(ctx, rail_w, vp->Size.y, compact);
  ctx.a11y_parent = "banner";
  draw_top_bar(ctx, rail_w, vp->Size.x - rail_w, bar_h, compact);
  ctx.a11y_parent = "main";

  ImGui::SetCursorScreenPos(ImVec2(vp->Pos.x + rail_w + pad, vp->Pos.y + bar_h + pad));
  ImGui::BeginChild("content", ImVec2(vp->Size.x - rail_w - pad * 2, vp->Size.y - bar_h - pad * 2), false,
                    ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                        ImGuiWindowFlags_NoNavInputs);
  if (ctx.kiosk) kiosk_offline_banner(ctx);
  if (!ctx.kiosk) ctx.dialogs = &dialogs_;
  switch (ctx.store.route().screen) {
    case store::Screen::Users: users_.draw(ctx); break;
    case store::Screen::UserProfile: profile_.draw(ctx); break;
    case store::Screen::Orgs: orgs_.draw(ctx); break;
    case store::Screen::Devices: devices_.draw(ctx); break;
  }
  ImGui::EndChild();
  ctx.a11y_parent.clear();
  if (!ctx.kiosk) {
    dialogs_.draw(ctx);
    keys_help_.draw(ctx);
  }
  draw_toast(ctx);
  if (!ctx.kiosk) focus_.end_frame(t, ctx.layout);
  ImGui::End();
}

}  // namespace roster::ui
