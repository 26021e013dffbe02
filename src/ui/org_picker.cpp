#include "ui/org_picker.h"

#include "model/locale/messages.h"

#include "imgui_internal.h"  // activating the field when the popup opens; the keys that open the button
#include "model/text_match.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace roster::ui {

namespace {

// One row of the popup: a node of the tree (empty field) or a search result with its path.
struct Row {
  int id = 0;
  std::string name;
  int depth = 0;
  bool has_children = false, expanded = false, loading = false;
  std::string path;
  TextMatch match;
};

std::vector<Row> rows_of(const store::OrgSearch& search) {
  std::vector<Row> out;
  if (search.text().empty()) {
    for (const auto* n : search.tree().visible()) {
      Row r;
      r.id = n->data.org.id;
      r.name = n->data.org.name;
      r.depth = n->depth;
      r.has_children = n->data.sub_orgs_count.value_or(1) > 0;
      r.expanded = n->expanded;
      r.loading = n->loading;
      out.push_back(std::move(r));
    }
    return out;
  }
  for (const auto& node : search.results()) {
    Row r;
    r.id = node.org.id;
    r.name = node.org.name;
    r.path = store::OrgSearch::path_text(search.path(r.id));
    if (r.path.empty()) r.path = r.id == search.home_id() ? tr(Msg::picker_yours) : "";
    r.match = find_match(r.name, search.results_text());
    out.push_back(std::move(r));
  }
  return out;
}

// The name the button shows, and whether it is one (else the placeholder or the id, muted).
std::string label_of(const UiContext& ctx, int org_id, const char* placeholder, bool& is_name) {
  is_name = false;
  if (!org_id) return placeholder;
  if (auto name = ctx.store.org_search().name(org_id)) {
    is_name = true;
    return *name;
  }
  return tr(Msg::picker_numbered, {{"id", std::to_string(org_id)}});
}

bool pressed(ImGuiKey key) { return ImGui::IsKeyPressed(key); }

// A chevron: right when closed, down when open (as the Organizations screen draws it).
void chevron(ImDrawList* draw, ImVec2 c, float s, bool open, ImU32 color) {
  if (open)
    draw->AddTriangleFilled(ImVec2(c.x - s, c.y - s * 0.5f), ImVec2(c.x + s, c.y - s * 0.5f),
                            ImVec2(c.x, c.y + s * 0.7f), color);
  else
    draw->AddTriangleFilled(ImVec2(c.x - s * 0.5f, c.y - s), ImVec2(c.x + s * 0.7f, c.y),
                            ImVec2(c.x - s * 0.5f, c.y + s), color);
}

}  // namespace

float OrgPicker::natural_width(const UiContext& ctx, int org_id, const char* placeholder) {
  const Theme& t = ctx.theme;
  bool is_name = false;
  std::string label = label_of(ctx, org_id, placeholder, is_name);
  float w = t.px(12) + ImGui::CalcTextSize(icon::kSitemap).x + t.px(8) + ImGui::CalcTextSize(label.c_str()).x +
            t.px(10) + ImGui::CalcTextSize(icon::kCaretDown).x + t.px(12);
  return std::clamp(w, t.px(160), t.px(280));
}

void OrgPicker::close(UiContext& ctx) {
  open_ = false;
  enter_pending_ = false;
  ctx.emit(store::intent::OrgPickerClose{});
}

bool OrgPicker::draw(UiContext& ctx, const char* id, int& chosen_org_id, const char* placeholder, float width) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  const std::string popup_id = std::string("orgpicker-") + id;
  bool is_name = false;
  const std::string label = label_of(ctx, chosen_org_id, placeholder, is_name);
  if (chosen_org_id && ctx.store.org_search().wants_name(chosen_org_id))
    ctx.emit(store::intent::LookUpOrg{chosen_org_id});

  // The button.
  const float w = width > 0 ? width : natural_width(ctx, chosen_org_id, placeholder);
  const float h = ImGui::GetFontSize() + t.px(16);
  const ImVec2 a = ImGui::GetCursorScreenPos(), b(a.x + w, a.y + h);
  ImGui::PushID(id);
  const bool clicked = ImGui::InvisibleButton("button", ImVec2(w, h));
  const ImGuiID button_id = ImGui::GetItemID();
  ImGui::PopID();
  const bool hovered = ImGui::IsItemHovered();
  // A Tab stop of the console (the top bar's switcher): Tab gives the button the keyboard, whose keys
  // (Enter, Space, Down) are the picker's own; the chain draws the ring. In a dialog, where ImGui's
  // own Tab runs, the picker keeps the keyboard and its ring as before.
  const bool in_popup = (ImGui::GetCurrentWindow()->Flags & ImGuiWindowFlags_Popup) != 0;
  const FocusChain::Stop stop = in_popup ? FocusChain::Stop{} : ctx.stop(id, false);
  if (stop.just_focused && stop.keyboard) has_keyboard_ = true;
  if (!in_popup && !stop.focused && ctx.focus && ctx.focus->ring_visible()) has_keyboard_ = false;
  ctx.mark(id);
  if (A11yNode* n = ctx.say(id, "button", placeholder)) {
    n->clicks = true;
    if (is_name) n->value = label;  // read as "Organization (Acme Corp)"
    n->expanded = open_ ? 1 : 0;
  }
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiLastItemData button_item = g.LastItemData;
  left_x_ = a.x;
  top_y_ = a.y;
  bottom_y_ = b.y;
  button_w_ = w;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float rounding = ImGui::GetStyle().FrameRounding;
  if (has_keyboard_ && !open_ && !stop.keyboard)  // the focus ring: the button has the keyboard
    draw->AddRect(ImVec2(a.x - t.px(1), a.y - t.px(1)), ImVec2(b.x + t.px(1), b.y + t.px(1)), p.focus,
                  rounding + t.px(1), 0, t.px(3));
  draw->AddRectFilled(a, b, hovered || open_ ? p.hover : p.surface, rounding);
  draw->AddRect(a, b, open_ ? p.accent : p.control_border, rounding, 0, t.px(1));
  const float ty = a.y + (h - ImGui::GetFontSize()) * 0.5f;
  const float icon_w = ImGui::CalcTextSize(icon::kSitemap).x, caret_w = ImGui::CalcTextSize(icon::kCaretDown).x;
  draw->AddText(ImVec2(a.x + t.px(12), ty), p.muted, icon::kSitemap);
  const float text_x = a.x + t.px(12) + icon_w + t.px(8);
  const float caret_x = b.x - t.px(12) - caret_w;
  ImGui::SetCursorScreenPos(ImVec2(text_x, ty));
  const bool cut = fitted_text(t, label, caret_x - t.px(10) - text_x, is_name ? p.text : p.muted);
  draw->AddText(ImVec2(caret_x, ty), p.muted, icon::kCaretDown);
  ImGui::SetCursorScreenPos(ImVec2(a.x, b.y));
  g.LastItemData = button_item;  // the button stays the last item (for the caller's SameLine, hover)
  if (hovered) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (cut) ImGui::SetTooltip("%s", label.c_str());
  }

  // The keyboard: Enter, Space or Down open a button that has it; a click elsewhere or another field
  // takes it away.
  bool open_now = clicked;
  if (has_keyboard_ && !open_) {
    if ((ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !hovered) || ImGui::IsMouseClicked(ImGuiMouseButton_Right) ||
        pressed(ImGuiKey_Tab) || (ImGui::IsAnyItemActive() && g.ActiveId != button_id)) {
      has_keyboard_ = false;
    } else if (!ImGui::IsAnyItemActive() && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
      for (ImGuiKey key : {ImGuiKey_Enter, ImGuiKey_KeypadEnter, ImGuiKey_Space, ImGuiKey_DownArrow})
        if (pressed(key)) {
          open_now = true;
          // Nothing drawn after the button reads this key this frame (a table's Enter would open a row).
          ImGui::SetKeyOwner(key, button_id, ImGuiInputFlags_LockThisFrame);
        }
      if (pressed(ImGuiKey_Escape)) has_keyboard_ = false;
    }
  }
  if (open_now && !open_) {
    open_ = true;
    just_opened_ = true;
    has_keyboard_ = false;
    enter_pending_ = false;
    buffer_[0] = '\0';
    shown_ = "\x01";  // no text the rows could show: the highlight resets
    highlight_ = 0;
    // The side is chosen once, at opening: a popup that jumped sides while typing would lose the eye.
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float margin = t.px(8), gap = t.px(4), preferred = t.px(420);
    const float room_below = vp->Pos.y + vp->Size.y - margin - (b.y + gap);
    const float room_above = a.y - gap - (vp->Pos.y + margin);
    above_ = room_below < preferred && room_above > room_below;
    ImGui::OpenPopup(popup_id.c_str());
    ctx.emit(store::intent::OrgPickerOpen{});
  }

  if (!open_) return false;
  const int chosen = draw_popup(ctx, popup_id, chosen_org_id);  // the ID stack OpenPopup saw
  if (!chosen || chosen == chosen_org_id) return false;
  chosen_org_id = chosen;
  return true;
}

int OrgPicker::draw_popup(UiContext& ctx, const std::string& popup_id, int chosen_org_id) {
  const Theme& t = ctx.theme;
  const Palette& p = t.colors;
  const auto& search = ctx.store.org_search();
  const std::string id = popup_id.substr(std::string("orgpicker-").size());
  std::vector<Row> rows = rows_of(search);
  const bool tree_mode = search.text().empty();
  const int n = static_cast<int>(rows.size());

  // What the rows show changed (a new answer, the tree again): the highlight goes to the top, or to
  // the chosen organization in the tree.
  const std::string key = tree_mode ? std::string() : search.results_text();
  if (key != shown_ && (tree_mode || !search.results_text().empty() || !search.searching())) {
    shown_ = key;
    highlight_ = 0;
    if (tree_mode)
      for (int i = 0; i < n; ++i)
        if (rows[static_cast<std::size_t>(i)].id == chosen_org_id) highlight_ = i;
    scroll_to_highlight_ = true;
  }
  highlight_ = n ? std::clamp(highlight_, 0, n - 1) : 0;

  // The size: as wide as the button, at least 360 px; as tall as its rows, within the room on its side.
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float margin = t.px(8), gap = t.px(4), pad = t.px(12);
  const float row_h = tree_mode ? t.px(36) : t.px(52);
  const float field_h = ImGui::GetFontSize() + t.px(16);
  const bool more = !tree_mode && search.total() && *search.total() > static_cast<std::int64_t>(n) && n > 0;
  const float footer_h = more ? t.px(28) : 0.0f;
  const float width = std::min(std::max(button_w_, t.px(360)), vp->Size.x - margin * 2);
  const float list_rows = static_cast<float>(std::clamp(n, 3, 8));
  const float room = above_ ? top_y_ - gap - (vp->Pos.y + margin) : vp->Pos.y + vp->Size.y - margin - (bottom_y_ + gap);
  const float height = std::min(pad * 2 + field_h + t.px(8) + list_rows * row_h + footer_h, std::max(room, field_h));
  const float x = std::clamp(left_x_, vp->Pos.x + margin, vp->Pos.x + vp->Size.x - margin - width);
  if (above_)
    ImGui::SetNextWindowPos(ImVec2(x, top_y_ - gap), ImGuiCond_Always, ImVec2(0, 1));
  else
    ImGui::SetNextWindowPos(ImVec2(x, bottom_y_ + gap), ImGuiCond_Always, ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(t.px(8), t.px(8)));
  const bool visible = ImGui::BeginPopup(
      popup_id.c_str(), ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar(2);
  if (!visible) {  // closed by a click outside it
    close(ctx);
    return 0;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  {  // A soft shadow around the popup, outside it (ImGui draws none).
    const ImVec2 wmin = ImGui::GetWindowPos(),
                 wmax(wmin.x + ImGui::GetWindowWidth(), wmin.y + ImGui::GetWindowHeight());
    draw->PushClipRectFullScreen();
    for (int i = 1; i <= 4; ++i) {
      const float d = t.px(static_cast<float>(i));
      draw->AddRect(ImVec2(wmin.x - d, wmin.y - d), ImVec2(wmax.x + d, wmax.y + d + t.px(1)),
                    IM_COL32(0, 0, 0, t.dark ? 40 - i * 8 : 22 - i * 4), ImGui::GetStyle().PopupRounding + d, 0,
                    t.px(1));
    }
    draw->PopClipRect();
    if (ctx.layout) ctx.layout->put(id + ".popup", wmin, wmax);
  }

  // The search field, with the keyboard from the frame the popup opens.
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImVec2 field_pos = ImGui::GetCursorScreenPos();
  ImGui::SetNextItemWidth(-1);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.px(36), t.px(8)));
  const bool edited = ImGui::InputTextWithHint("##search", tr(Msg::picker_search_hint), buffer_, sizeof buffer_);
  ImGui::PopStyleVar();
  const bool field_active = ImGui::IsItemActive();
  ctx.mark(id + ".search");
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
  // The field has the keyboard while the popup is open: from the frame it opens, and again after a
  // click elsewhere in it (a chevron, the scrollbar) took it, keeping the text and the caret.
  // Activated on the next frame, as a click would (SetKeyboardFocusHere goes through keyboard
  // navigation, which this console does not enable).
  if (!field_active && (just_opened_ || (!ImGui::IsAnyItemActive() && !ImGui::IsMouseDown(ImGuiMouseButton_Left)))) {
    g.NavNextActivateId = ImGui::GetItemID();
    g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput |
                             (just_opened_ ? ImGuiActivateFlags_None : ImGuiActivateFlags_TryToPreserveState);
  }
  just_opened_ = false;
  if (field_active) {
    const ImVec2 fa = ImGui::GetItemRectMin(), fb = ImGui::GetItemRectMax();
    draw->AddRect(ImVec2(fa.x - t.px(1), fa.y - t.px(1)), ImVec2(fb.x + t.px(1), fb.y + t.px(1)), p.focus,
                  ImGui::GetStyle().FrameRounding + t.px(1), 0, t.px(3));
  }
  draw->AddText(ImVec2(field_pos.x + t.px(12), field_pos.y + t.px(8)), p.muted, icon::kSearch);
  if (edited) {
    enter_pending_ = false;
    ctx.emit(store::intent::OrgPickerSearch{buffer_});
  }

  // The keys.
  int choose = 0;
  bool by_key = false;  // chosen or closed from the keyboard: the button keeps it
  const int page = std::max(1, static_cast<int>((height - field_h - pad * 2) / row_h) - 1);
  auto move = [&](int to) {
    if (!n) return;
    highlight_ = std::clamp(to, 0, n - 1);
    scroll_to_highlight_ = true;
  };
  if (pressed(ImGuiKey_DownArrow)) move(highlight_ + 1);
  if (pressed(ImGuiKey_UpArrow)) move(highlight_ - 1);
  if (pressed(ImGuiKey_PageDown)) move(highlight_ + page);
  if (pressed(ImGuiKey_PageUp)) move(highlight_ - page);
  if (tree_mode && n) {  // the field is empty: Right and Left open and close a branch
    const Row& r = rows[static_cast<std::size_t>(highlight_)];
    if (pressed(ImGuiKey_RightArrow) && r.has_children && !r.expanded) ctx.emit(store::intent::OrgPickerToggle{r.id});
    if (pressed(ImGuiKey_LeftArrow) && r.expanded) ctx.emit(store::intent::OrgPickerToggle{r.id});
  }
  const bool stale = !tree_mode && (search.searching() || search.results_text() != search.text());
  if (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeypadEnter)) {
    if (stale)
      enter_pending_ = true;  // the rows answer text typed past: choose once the answer is in
    else if (n)
      choose = rows[static_cast<std::size_t>(highlight_)].id;
    by_key = true;
  }
  if (enter_pending_ && !stale) {
    enter_pending_ = false;
    if (n) choose = rows[static_cast<std::size_t>(highlight_)].id;
    by_key = true;
  }

  // The rows: the tree, or the results with their paths.
  const float below_list = more ? footer_h + ImGui::GetStyle().ItemSpacing.y : 0.0f;
  const float list_h = std::max(row_h, ImGui::GetContentRegionAvail().y - below_list);
  const float list_w = ImGui::GetContentRegionAvail().x;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::BeginChild("rows", ImVec2(list_w, list_h), false, ImGuiWindowFlags_NoBackground);
  draw = ImGui::GetWindowDrawList();
  const ImVec2 list_origin = ImGui::GetCursorScreenPos();
  if (scroll_to_highlight_ && n) {
    const float top = static_cast<float>(highlight_) * row_h, bottom = top + row_h;
    if (top < ImGui::GetScrollY()) ImGui::SetScrollY(top);
    if (bottom > ImGui::GetScrollY() + list_h) ImGui::SetScrollY(bottom - list_h);
    scroll_to_highlight_ = false;
  }
  const bool list_hovered = ImGui::IsWindowHovered();
  const bool mouse_moved = ImGui::GetIO().MouseDelta.x != 0 || ImGui::GetIO().MouseDelta.y != 0;
  auto message = [&](const std::string& text, ImU32 color) {
    ImGui::SetCursorScreenPos(ImVec2(list_origin.x + t.px(12), list_origin.y + t.px(12)));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + list_w - t.px(24));
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(color));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
  };
  const auto& error = tree_mode ? search.tree().error() : search.error();
  if (n == 0) {
    if (error)
      message(tr(tree_mode ? Msg::picker_load_failed : Msg::picker_search_failed, {{"message", error->message}}),
              p.error);
    else if (!tree_mode && !search.searching() && search.results_text() == search.text())
      message(tr(Msg::picker_none_match, {{"text", search.text()}}), p.muted);
    else
      for (int i = 0; i < 3; ++i) {  // placeholders while the first answer is out
        ImGui::SetCursorScreenPos(
            ImVec2(list_origin.x + t.px(12), list_origin.y + static_cast<float>(i) * row_h + row_h * 0.5f - t.px(5)));
        placeholder_bar(t, list_w * (0.5f - 0.1f * static_cast<float>(i)), t.px(10));
      }
  }
  ImGuiListClipper clipper;
  clipper.Begin(n, row_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const Row& r = rows[static_cast<std::size_t>(i)];
      const ImVec2 rmin = ImGui::GetCursorScreenPos(), rmax(rmin.x + list_w, rmin.y + row_h);
      const bool row_hovered = list_hovered && ImGui::IsMouseHoveringRect(rmin, rmax);
      if (row_hovered && mouse_moved) highlight_ = i;
      if (i == highlight_)
        draw->AddRectFilled(ImVec2(rmin.x, rmin.y + t.px(1)), ImVec2(rmax.x, rmax.y - t.px(1)), p.hover, t.px(6));
      ImGui::PushID(r.id);
      float x = rmin.x + t.px(12);
      bool on_toggle = false;
      if (tree_mode) {
        x += t.px(20) * static_cast<float>(r.depth);
        if (r.has_children) {
          ImGui::SetCursorScreenPos(ImVec2(x - t.px(4), rmin.y + (row_h - t.px(24)) * 0.5f));
          if (ImGui::InvisibleButton("toggle", ImVec2(t.px(24), t.px(24))))
            ctx.emit(store::intent::OrgPickerToggle{r.id});
          on_toggle = ImGui::IsItemHovered();
          ctx.mark(id + ".toggle." + std::to_string(r.id));
          chevron(draw, ImVec2(x + t.px(8), rmin.y + row_h * 0.5f), t.px(4), r.expanded, p.muted);
        }
        x += t.px(24);
      }
      const float check_w = ImGui::CalcTextSize(icon::kCheck).x + t.px(24);
      const float name_w = rmax.x - check_w - x;
      bool cut = false;
      if (tree_mode) {
        ImGui::SetCursorScreenPos(ImVec2(x, rmin.y + (row_h - ImGui::GetFontSize()) * 0.5f));
        ImGui::PushFont(r.depth == 0 ? t.fonts.body_bold : t.fonts.body);
        cut = fitted_text(t, r.name, name_w);
        ImGui::PopFont();
      } else {
        const float line = ImGui::GetFontSize();
        const float y0 = rmin.y + (row_h - line * 2 - t.px(2)) * 0.5f;
        ImGui::SetCursorScreenPos(ImVec2(x, y0));
        cut = fitted_text(t, r.name, name_w, p.text, r.match);
        ImGui::SetCursorScreenPos(ImVec2(x, y0 + line + t.px(2)));
        cut = fitted_text(t, r.path, name_w, p.muted) || cut;
      }
      if (cut && row_hovered)  // the whole name (and path) on hover
        ImGui::SetTooltip("%s", r.path.empty() ? r.name.c_str() : (r.name + "\n" + r.path).c_str());
      if (r.id == chosen_org_id)
        draw->AddText(ImVec2(rmax.x - check_w + t.px(8), rmin.y + (row_h - ImGui::GetFontSize()) * 0.5f), p.accent,
                      icon::kCheck);
      if (row_hovered && !on_toggle) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) choose = r.id;
      }
      if (ctx.layout) ctx.layout->put(id + ".org." + std::to_string(r.id), rmin, rmax);
      ImGui::PopID();
      ImGui::SetCursorScreenPos(rmin);
      ImGui::Dummy(ImVec2(list_w, row_h));
    }
  }
  clipper.End();
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
  if (more) {
    const std::string shown = tr(Msg::picker_showing, {{"shown", n}, {"total", *search.total()}});
    const char* text = shown.c_str();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float line_y = at.y - ImGui::GetStyle().ItemSpacing.y * 0.5f;  // between the rows and the note
    ImGui::GetWindowDrawList()->AddLine(ImVec2(at.x, line_y), ImVec2(at.x + list_w, line_y), p.border);
    ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + t.px(12), at.y + (footer_h - ImGui::GetFontSize()) * 0.5f),
                                        p.muted, text);
  }

  if (pressed(ImGuiKey_Escape)) by_key = true;
  if (choose || pressed(ImGuiKey_Escape)) {
    ImGui::CloseCurrentPopup();
    has_keyboard_ = by_key;  // closed from the keyboard: the button gets it back
    close(ctx);
  }
  ImGui::EndPopup();
  return choose;
}

}  // namespace roster::ui
