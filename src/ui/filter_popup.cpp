#include "ui/filter_popup.h"

#include "model/locale/messages.h"

#include "ui/anchored_popup.h"
#include "ui/widgets.h"

#include <algorithm>

namespace roster::ui {

namespace {

// A filter button: "Role ▾", or "Role · 2 ▾" in the accent when something is chosen (`active`).
bool filter_button(const Theme& t, const std::string& text, bool active, const char* id) {
  const std::string label = text + "  " + icon::kCaretDown + "##" + id;
  const Palette& p = t.colors;
  ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(active ? p.accent : p.control_border));
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(active ? p.accent : p.text));
  bool clicked = ImGui::Button(label.c_str());
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImGui::PopStyleColor(2);
  return clicked;
}

std::string with_detail(const char* label, const std::string& detail) {
  return detail.empty() ? std::string(label) : std::string(label) + " \xC2\xB7 " + detail;
}

}  // namespace

float filter_button_width(const char* label, std::size_t chosen) {
  const std::string text = with_detail(label, chosen ? std::to_string(chosen) : "") + "  " + icon::kCaretDown;
  return framed_width(text.c_str());
}

// A multi-select filter: a button that opens a popup of checkboxes with OK and Reset. The choice is
// a draft until OK. Returns the chosen keys when OK or Reset was pressed.
std::optional<std::vector<std::string>> FilterPopup::draw(
    UiContext& ctx, const char* label, const char* id, const std::vector<std::pair<std::string, std::string>>& options,
    const std::vector<std::string>& current) {
  const Theme& t = ctx.theme;
  const std::string popup = std::string("filter-") + id;
  bool open =
      filter_button(t, with_detail(label, current.empty() ? "" : std::to_string(current.size())), !current.empty(), id);
  ctx.mark(std::string("filter.") + id);
  ctx.stop(std::string("filter.") + id);
  if (A11yNode* n = ctx.say(std::string("filter.") + id, "button", label)) {
    n->clicks = true;
    n->expanded = ImGui::IsPopupOpen(popup.c_str()) ? 1 : 0;
    if (!current.empty()) n->value = tr_count(Msg::filter_chosen, static_cast<std::int64_t>(current.size()));
  }
  if (open) {
    draft_ = current;
    ImGui::OpenPopup(popup.c_str());
  }
  std::optional<std::vector<std::string>> chosen;
  place_popup_at_last_item(t, popup.c_str(), ImVec2(t.px(200), 0), ImVec2(t.px(320), t.px(400)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.px(16), t.px(12)));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.px(3), t.px(3)));
  if (ImGui::BeginPopup(popup.c_str())) {
    mark_popup(ctx, std::string("filter.") + id + ".popup");
    // A non-modal dialog for the mirror (a draft of checkboxes until OK), named as its button.
    const std::string outer = say_popup(ctx, std::string("filter.") + id + ".popup", "dialog", label);
    close_popup_on_escape();
    for (const auto& [key, text] : options) {
      bool on = std::find(draft_.begin(), draft_.end(), key) != draft_.end();
      bool toggled = ImGui::Checkbox(text.c_str(), &on);
      ctx.mark(std::string("filter.") + id + "." + key);
      ctx.say_choice(std::string("filter.") + id + "." + key, "checkbox", text, on);
      if (toggled) {
        if (on)
          draft_.push_back(key);
        else
          draft_.erase(std::remove(draft_.begin(), draft_.end(), key), draft_.end());
      }
    }
    ImGui::Spacing();
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.px(12), t.px(6)));
    bool ok = primary_button(t, tr(Msg::filter_ok));
    ctx.mark(std::string("filter.") + id + ".ok");
    if (A11yNode* n = ctx.say(std::string("filter.") + id + ".ok", "button", tr(Msg::filter_ok))) n->clicks = true;
    ImGui::SameLine();
    bool reset = secondary_button(t, tr(Msg::filter_reset));
    if (A11yNode* n = ctx.say(std::string("filter.") + id + ".reset", "button", tr(Msg::filter_reset)))
      n->clicks = true;
    ImGui::PopStyleVar();
    ctx.a11y_parent = outer;
    if (ok || reset) {
      chosen = ok ? draft_ : std::vector<std::string>{};
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar(2);
  return chosen;
}

std::optional<std::string> choice_filter(UiContext& ctx, const char* label, const char* id,
                                         const std::vector<std::pair<std::string, std::string>>& options,
                                         const std::string& current, const std::string& chosen_text) {
  const Theme& t = ctx.theme;
  const std::string popup = std::string("filter-") + id;
  const bool any = options.empty() || current == options.front().first;
  if (filter_button(t, with_detail(label, any ? "" : chosen_text), !any, id)) ImGui::OpenPopup(popup.c_str());
  ctx.mark(std::string("filter.") + id);
  ctx.stop(std::string("filter.") + id);
  if (A11yNode* n = ctx.say(std::string("filter.") + id, "button", label)) {
    n->clicks = true;
    n->expanded = ImGui::IsPopupOpen(popup.c_str()) ? 1 : 0;
    if (!any) n->value = chosen_text;
  }
  std::optional<std::string> chosen;
  place_popup_at_last_item(t, popup.c_str(), ImVec2(t.px(200), 0), ImVec2(t.px(320), t.px(400)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.px(16), t.px(12)));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.px(3), t.px(3)));
  if (ImGui::BeginPopup(popup.c_str())) {
    mark_popup(ctx, std::string("filter.") + id + ".popup");
    const std::string outer = say_menu(ctx, std::string("filter.") + id + ".popup", label);
    close_popup_on_escape();
    for (const auto& [key, text] : options) {
      if (ImGui::RadioButton(text.c_str(), key == current)) {
        if (key != current) chosen = key;
        ImGui::CloseCurrentPopup();
      }
      ctx.mark(std::string("filter.") + id + "." + key);
      ctx.say_choice(std::string("filter.") + id + "." + key, "menuitemradio", text, key == current);
      if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    ctx.a11y_parent = outer;
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar(2);
  return chosen;
}

}  // namespace roster::ui
