#include "ui/keys_help.h"

#include "ui/widgets.h"

namespace roster::ui {

namespace {

constexpr const char* kPopup = "Keyboard shortcuts";

struct Key {
  const char* keys;
  const char* what;
};

// The README's "The console" lists the same keys. Arrow keys in words: the fonts' atlas has no arrows.
constexpr Key kKeys[] = {
    {"Tab, Shift+Tab", "Next, previous control; past the last or first, out to the page"},
    {"Enter, Space", "Press the focused button, open the focused menu"},
    {"/", "Search users"},
    {"Up, Down", "Users: previous, next row (from the search: into the table)"},
    {"Page Up, Page Down", "Users: a page up, down"},
    {"Home, End", "Users: first, last row"},
    {"Enter", "Users: open the selected person's profile"},
    {"Left, Right, Home, End", "Profile tabs: previous, next, first, last tab"},
    {"Esc, Backspace", "Profile: back to the list"},
    {"Esc", "Close a menu or dialog; in the search box, clear it"},
    {"?", "This list"},
};

}  // namespace

void KeysHelp::draw(UiContext& ctx) {
  const Theme& t = ctx.theme;
  const ImGuiIO& io = ImGui::GetIO();
  // `?` is Shift+/ on the keyboards the console's key map knows (the key, not the typed text, which
  // goes nowhere while no field is active).
  if (!open_ && !ImGui::IsAnyItemActive() && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) && io.KeyShift &&
      ImGui::IsKeyPressed(ImGuiKey_Slash, false)) {
    ImGui::OpenPopup(kPopup);
    open_ = true;
  }
  if (!open_) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.px(24), t.px(20)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, t.px(8));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, t.px(1));
  if (ImGui::BeginPopupModal(
          kPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove)) {
    const std::string outer = say_dialog(ctx, "keys", kPopup);
    ImGui::PushFont(t.fonts.body_bold);
    ImGui::TextUnformatted(kPopup);
    ImGui::PopFont();
    ctx.mark("keys.title");
    ImGui::Dummy(ImVec2(0, t.px(4)));
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit)) {
      for (const Key& k : kKeys) {
        ImGui::TableNextRow(0, t.px(26));
        ImGui::TableNextColumn();
        ImGui::PushFont(t.fonts.body_bold);
        ImGui::TextUnformatted(k.keys);
        ImGui::PopFont();
        ImGui::TableNextColumn();
        ImGui::TextColored(to_vec4(t.colors.muted), "%s", k.what);
        if (A11yNode* n = ctx.say(std::string("keys.") + k.keys, "text", ""))
          n->value = std::string(k.keys) + ": " + k.what;
      }
      ImGui::EndTable();
    }
    ImGui::Dummy(ImVec2(0, t.px(4)));
    const bool close = secondary_button(t, "Close") || ImGui::IsKeyPressed(ImGuiKey_Escape, false) ||
                       ImGui::IsKeyPressed(ImGuiKey_Enter, false);
    ctx.mark("keys.close");
    if (A11yNode* n = ctx.say("keys.close", "button", "Close")) n->clicks = true;
    ctx.a11y_parent = outer;
    if (close) {
      ImGui::CloseCurrentPopup();
      open_ = false;
    }
    ImGui::EndPopup();
  } else {
    open_ = false;
  }
  ImGui::PopStyleVar(3);
}

}  // namespace roster::ui
