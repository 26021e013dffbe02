#include "ui/shell_view.h"

#include "model/locale/messages.h"
#include "model/number_format.h"
#include "model/time_format.h"
#include "ui/kiosk_view.h"
#include "ui/orgs_view.h"
#include "ui/widgets.h"

#include "imgui_internal.h"  // the drawer in front; how far the screen drew

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

  draw_nav_items(ctx, origin.x + t.px(12), origin.y + t.px(72), width, compact);
}

bool ShellView::draw_nav_items(UiContext& ctx, float x, float y, float width, bool compact) {
  const Theme& t = ctx.theme;
  auto& store = ctx.store;
  const auto& route = store.route();
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  bool users_active = route.screen == store::Screen::Users || route.screen == store::Screen::UserProfile;
  bool to_users = rail_item(t, icon::kUsers, tr(Msg::nav_users), users_active && !route.users.org_id, width, compact);
  ctx.mark("nav.users");
  say_link(ctx, "nav.users", tr(Msg::nav_users), users_active && !route.users.org_id, store::Route{});
  ctx.stop("nav.users");
  if (to_users) {
    ctx.emit(store::intent::Navigate{store::Route{}});
  }
  ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + t.px(4)));
  bool to_devices =
      rail_item(t, icon::kMicrochip, tr(Msg::nav_devices), route.screen == store::Screen::Devices, width, compact);
  ctx.mark("nav.devices");
  ctx.stop("nav.devices");
  store::Route devices;
  devices.screen = store::Screen::Devices;
  say_link(ctx, "nav.devices", tr(Msg::nav_devices), route.screen == store::Screen::Devices, devices);
  if (to_devices) ctx.emit(store::intent::Navigate{devices});
  ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + t.px(4)));
  bool to_orgs = rail_item(t, icon::kSitemap, tr(Msg::nav_organizations),
                           route.screen == store::Screen::Orgs || (users_active && route.users.org_id), width, compact);
  ctx.mark("nav.orgs");
  ctx.stop("nav.orgs");
  store::Route orgs;
  orgs.screen = store::Screen::Orgs;
  say_link(ctx, "nav.orgs", tr(Msg::nav_organizations),
           route.screen == store::Screen::Orgs || (users_active && route.users.org_id), orgs);
  if (to_orgs) ctx.emit(store::intent::Navigate{orgs});
  return to_users || to_devices || to_orgs;
}

void ShellView::draw_top_bar(UiContext& ctx, float x, float width, float height, bool compact, bool narrow) {
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
  // A phone's top bar starts with the menu button (the rail, collapsed) and ends with the avatar
  // alone; the breadcrumb gets what lies between.
  const float crumb_x = narrow && !ctx.kiosk ? a.x + t.px(56) : a.x + t.px(24);
  const float crumb_end = narrow ? b.x - t.px(76) : a.x + width * 0.6f;
  if (narrow && !ctx.kiosk) {
    const std::string outer = ctx.a11y_parent;
    ctx.a11y_parent = "nav";
    draw_menu_button(ctx, ImVec2(a.x + t.px(8), a.y + (height - t.px(40)) * 0.5f), t.px(40));
    ctx.a11y_parent = outer;
  }
  ImGui::SetCursorScreenPos(ImVec2(crumb_x, ty));
  if (ctx.a11y) {  // the screen's heading, where the breadcrumb is drawn; it belongs to main
    const float text_h = ImGui::GetFontSize();
    A11yNode& h1 =
        ctx.a11y->add("heading", "main", "heading", second.empty() ? first : first + " \xE2\x80\xBA " + second);
    h1.level = 1;
    h1.x0 = crumb_x, h1.y0 = ty, h1.x1 = crumb_end, h1.y1 = ty + text_h;
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
    fitted_text(t, second, narrow ? std::max(t.px(40), crumb_end - ImGui::GetCursorScreenPos().x) : width * 0.4f);
    ImGui::PopFont();
  }

  // Right side: a kiosk's rotation; a console's organization, then the signed-in person with a menu.
  if (ctx.kiosk) kiosk_rotation_indicator(ctx, b.x - t.px(24), a.y + height * 0.5f);
  if (const auto& s = store.session(); s && !ctx.kiosk) {
    float d = t.px(28);
    std::string who = s->user.name;
    float who_w = narrow ? 0.0f : ImGui::CalcTextSize(who.c_str()).x;  // a phone: the avatar alone
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
    if (!narrow) draw->AddText(ImVec2(start.x + d + t.px(10), ty), p.text, who.c_str());
    draw->AddText(ImVec2(start.x + d + t.px(14) + who_w, ty), p.muted, icon::kCaretDown);
    if (open) ImGui::OpenPopup("me-menu");
    if (!narrow) {  // a phone has the organization switcher in its menu's drawer
      float picker_w =
          OrgPicker::natural_width(ctx, route.users.org_id ? route.users.org_id : s->org_id, tr(Msg::org_label));
      if (compact) picker_w = std::min(picker_w, t.px(180));
      ImGui::SetCursorScreenPos(
          ImVec2(menu_x - t.px(20) - picker_w, a.y + (height - ImGui::GetFontSize() - t.px(16)) * 0.5f));
      draw_switcher(ctx, picker_w);
    }
    ImGui::SetNextWindowPos(ImVec2(b.x - t.px(24), b.y + t.px(4)), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.px(8), t.px(8)));
    if (ImGui::BeginPopup("me-menu")) {
      const std::string outer = say_menu(ctx, "me-menu", tr(Msg::menu_account_menu));
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

// The organization switcher: the users list's scope (the caller's organization unless one was
// chosen); choosing one shows only its users, choosing the caller's own the whole list again.
bool ShellView::draw_switcher(UiContext& ctx, float width) {
  const auto& s = ctx.store.session();
  if (!s) return false;
  const auto& route = ctx.store.route();
  const int home = s->org_id;
  int chosen = route.users.org_id ? route.users.org_id : home;
  if (switcher_.draw(ctx, "switcher", chosen, tr(Msg::org_label), width) && chosen) {
    store::Route r;
    if (chosen != home) {
      r.users.org_id = chosen;
      r.users.preset = UserPreset::OrgMembers;
    }
    ctx.emit(store::intent::Navigate{r});
    return true;
  }
  return false;
}

// Three bars in a square button; it opens and closes the navigation drawer.
void ShellView::draw_menu_button(UiContext& ctx, ImVec2 at, float size) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  ImGui::SetCursorScreenPos(at);
  const bool clicked = ImGui::InvisibleButton("nav.menu", ImVec2(size, size));
  ctx.mark("nav.menu");
  if (A11yNode* n = ctx.say("nav.menu", "button", tr(Msg::nav_menu))) {
    n->clicks = true;
    n->expanded = drawer_open_ ? 1 : 0;
  }
  ctx.stop("nav.menu");
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (ImGui::IsItemHovered() || drawer_open_) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    draw->AddRectFilled(at, ImVec2(at.x + size, at.y + size), drawer_open_ ? p.accent_soft : p.hover, t.px(6));
  }
  const float w = t.px(18), x0 = at.x + (size - w) * 0.5f, mid = at.y + size * 0.5f;
  for (int i = -1; i <= 1; ++i) {
    const float y = std::floor(mid + static_cast<float>(i) * t.px(6));
    draw->AddRectFilled(ImVec2(x0, y - t.px(1)), ImVec2(x0 + w, y + t.px(1)), drawer_open_ ? p.accent : p.text,
                        t.px(1));
  }
  if (clicked) drawer_open_ = !drawer_open_;
}

// A phone's navigation: the rail's links with their labels and the organization switcher, in a panel
// over the screen's left side under the top bar. A link, a click beside the panel or Esc closes it.
void ShellView::draw_drawer(UiContext& ctx, float top) {
  if (!drawer_open_) return;
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  ImGuiViewport* vp = ImGui::GetMainViewport();
  const float w = std::min(vp->Size.x, t.px(280));
  const ImVec2 a(vp->Pos.x, top), b(vp->Pos.x + w, vp->Pos.y + vp->Size.y);
  ImGui::SetNextWindowPos(a);
  ImGui::SetNextWindowSize(ImVec2(b.x - a.x, b.y - a.y));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::Begin("roster-drawer", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoNavInputs | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar(2);
  if (ImGui::IsWindowAppearing()) ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // The screen beside the panel dims; the panel casts a line.
  draw->PushClipRectFullScreen();
  draw->AddRectFilled(ImVec2(b.x, a.y), ImVec2(vp->Pos.x + vp->Size.x, b.y), IM_COL32(0, 0, 0, t.dark ? 120 : 60));
  draw->PopClipRect();
  draw->AddRectFilled(a, b, p.surface);
  draw->AddLine(ImVec2(b.x - 1, a.y), ImVec2(b.x - 1, b.y), p.border);
  bool went = draw_nav_items(ctx, a.x + t.px(12), a.y + t.px(16), w, false);
  ImGui::SetCursorScreenPos(ImVec2(a.x + t.px(16), ImGui::GetCursorScreenPos().y + t.px(16)));
  ImGui::TextColored(to_vec4(p.muted), "%s", tr(Msg::org_label));
  ImGui::SetCursorScreenPos(ImVec2(a.x + t.px(16), ImGui::GetCursorScreenPos().y + t.px(4)));
  went |= draw_switcher(ctx, w - t.px(32));
  if (A11yNode* nav = ctx.a11y ? ctx.a11y->find("nav") : nullptr) {  // it spans the menu button and the panel
    nav->y1 = b.y;
    nav->x1 = std::max(nav->x1, b.x);
  }
  const bool beside = ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !ImGui::IsMouseHoveringRect(a, b) &&
                      ImGui::GetIO().MousePos.y >= top && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  const bool escape =
      ImGui::IsKeyPressed(ImGuiKey_Escape, false) && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  if (went || beside || escape) drawer_open_ = false;
  ImGui::End();
}

// The screen in the content band. Its top scrolls away with the content when the height is small
// (ui/scroll_away.h); the wheel, or a finger, over the band moves it first going down and last going up.
void ShellView::draw_screen(UiContext& ctx, ImVec2 min, ImVec2 max) {
  const Theme& t = ctx.theme;
  const auto& route = ctx.store.route();
  const std::string screen = std::to_string(static_cast<int>(route.screen)) + "/" + std::to_string(route.user_id) +
                             "/" + store::tab_key(route.tab);
  if (screen != scrolled_screen_) {
    scrolled_screen_ = screen;
    scroll_away_.reset();
  }
  ImGuiIO& io = ImGui::GetIO();
  const float notch = t.px(120);  // a wheel notch: three 40 px rows; a finger's movement is 1:1
  // Only a small screen (a phone, 200 % zoom) lets the top above a table go: on a desktop the title,
  // search and filters stay put and the wheel over the table moves its rows at once. (A screen
  // without a table still scrolls as a whole when it is taller than the window.)
  const ImVec2 view = ImGui::GetMainViewport()->Size;
  scroll_away_.keep_top_above_tables(view.x >= t.px(600) && view.y >= t.px(600));
  const bool over =
      ImGui::IsMouseHoveringRect(min, max) && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) && !drawer_open_;
  io.MouseWheel += scroll_away_.begin(min.y, over ? io.MouseWheel * notch : 0.0f) / notch;
  // Tab to a control that scrolled away brings it back.
  if (focus_.ring_visible() && focus_.focused() != revealed_for_) {
    revealed_for_ = focus_.focused();
    ImVec2 a, b;
    if (focus_.stop_rect(revealed_for_, a, b)) scroll_away_.reveal(a.y - t.px(8));
  } else if (!focus_.ring_visible()) {
    revealed_for_.clear();
  }
  ImGui::SetCursorScreenPos(min);
  ImGui::BeginChild("content", ImVec2(max.x - min.x, max.y - min.y), false,
                    ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                        ImGuiWindowFlags_NoNavInputs);
  ImGui::SetCursorScreenPos(ImVec2(min.x, scroll_away_.origin()));
  ctx.scroll_away = &scroll_away_;
  if (ctx.kiosk) kiosk_offline_banner(ctx);
  if (!ctx.kiosk) ctx.dialogs = &dialogs_;
  switch (route.screen) {
    case store::Screen::Users: users_.draw(ctx); break;
    case store::Screen::UserProfile: profile_.draw(ctx); break;
    case store::Screen::Orgs: orgs_.draw(ctx); break;
    case store::Screen::Devices: devices_.draw(ctx); break;
  }
  ctx.scroll_away = nullptr;
  const float bottom = ImGui::GetCurrentWindow()->DC.CursorMaxPos.y;
  ImGui::EndChild();
  io.MouseWheel -= scroll_away_.end(bottom, max.y, over ? io.MouseWheel * notch : 0.0f) / notch;
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
  // margins and no organization line in the top bar; a phone's width (and 200 % zoom of a small
  // window) a menu button instead of the rail. Widths are CSS pixels (the user's zoom included).
  const float css_w = vp->Size.x / t.scale;
  const bool narrow = css_w < 600;
  const bool compact = css_w < 1000;
  const float rail_w = ctx.kiosk || narrow ? 0.0f : compact ? t.px(72) : t.px(216);
  const float bar_h = t.px(56);
  const float pad = narrow ? t.px(12) : compact ? t.px(16) : t.px(24);
  if (!narrow) drawer_open_ = false;
  // At 4K the screen keeps a comfortable width, centred beside the rail.
  const float max_w = t.px(1680);
  const float band_w = vp->Size.x - rail_w - pad * 2;
  const float content_w = std::min(band_w, max_w);
  const float content_x = vp->Pos.x + rail_w + pad + (band_w - content_w) * 0.5f;
  const ImVec2 content_min(content_x, vp->Pos.y + bar_h + pad);
  const ImVec2 content_max(content_x + content_w, vp->Pos.y + vp->Size.y - pad);
  // The landmarks first, so the page's reading order is the rail, the top bar, the screen; the live
  // region exists from the first frame, empty until it has something to say.
  const ImVec2 o = vp->Pos;
  say_area(ctx, "live", "status", "", o, o);
  if (ctx.a11y) {
    ctx.a11y->nodes_back().value = announcement(ctx.store);
    ctx.a11y->nodes_back().live = "polite";
  }
  if (!ctx.kiosk)  // a phone's nav is its menu button (and the drawer while open)
    say_area(ctx, "nav", "navigation", "Roster", narrow ? ImVec2(o.x + t.px(8), o.y + (bar_h - t.px(40)) * 0.5f) : o,
             narrow ? ImVec2(o.x + t.px(48), o.y + (bar_h + t.px(40)) * 0.5f) : ImVec2(o.x + rail_w, o.y + vp->Size.y));
  say_area(ctx, "banner", "banner", "", ImVec2(o.x + rail_w, o.y), ImVec2(o.x + vp->Size.x, o.y + bar_h));
  say_area(ctx, "main", "main", "", content_min, content_max);
  ctx.a11y_parent = "nav";
  if (!ctx.kiosk && !narrow) draw_rail(ctx, rail_w, vp->Size.y, compact);
  ctx.a11y_parent = "banner";
  draw_top_bar(ctx, rail_w, vp->Size.x - rail_w, bar_h, compact, narrow);
  if (narrow && !ctx.kiosk) {
    ctx.a11y_parent = "nav";
    draw_drawer(ctx, o.y + bar_h);
  }
  ctx.a11y_parent = "main";
  draw_screen(ctx, content_min, content_max);
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
